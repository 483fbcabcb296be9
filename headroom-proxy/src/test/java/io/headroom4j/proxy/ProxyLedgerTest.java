package io.headroom4j.proxy;

import static io.headroom4j.proxy.TestProxies.post;
import static io.headroom4j.proxy.TestProxies.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.ledger.Ledger;
import io.headroom4j.ledger.LedgerEntry;
import io.headroom4j.store.CompressionStore;

/** Every model request through the proxy appends one ledger line, whatever happened to it. */
final class ProxyLedgerTest {

    private static final String API_KEY = "sk-ant-api03-ledger-secret";

    @TempDir
    Path workspace;

    private FakeUpstream up;
    private CompressionStore store;
    private Ledger ledger;
    private HeadroomProxy proxy;

    @BeforeEach
    void setUp() throws IOException {
        up = new FakeUpstream();
        store = TestProxies.store();
        ledger = Ledger.inWorkspace(workspace);
    }

    @AfterEach
    void tearDown() {
        if (proxy != null) {
            proxy.close();
        }
        up.close();
    }

    /** A proxy with the real compression pipeline and the ledger. */
    private HeadroomProxy realProxy() {
        ProxyConfig pc = ProxyConfig.builder().port(0).warmUp(false)
                .openaiApiUrl(up.url()).anthropicApiUrl(up.url()).build();
        return HeadroomProxy.start(HeadroomConfig.defaults(), pc, store, ledger);
    }

    /** An access log as a web server writes it: 1,500 near-identical lines the pipeline shrinks. */
    private static String accessLog() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1_500; i++) {
            sb.append(String.format(Locale.ROOT, "2026-11-24T08:%02d:%02d.%03dZ INFO  [http-nio-8080-exec-%d] "
                    + "c.e.api.ItemController : GET /api/items/%d 200 %dms%n", i / 60 % 60, i % 60, i * 7 % 1000,
                    i % 10, 1000 + i, 3 + i * 13 % 40));
        }
        return sb.toString();
    }

    private static String anthropicRequest(boolean stream, String log) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":" + stream + ","
                + "\"tools\":[{\"name\":\"Bash\",\"description\":\"Run a command\",\"input_schema\":{\"type\":\"object\","
                + "\"properties\":{\"command\":{\"type\":\"string\"}}}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"What did the server log?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\","
                + "\"input\":{\"command\":\"cat access.log\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":"
                + TestProxies.quoted(log) + "}]}]}";
    }

    private static String openAiChatRequest(String log) {
        return "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"bash\",\"parameters\":{\"type\":\"object\"}}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"What did the server log?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"bash\",\"arguments\":\"{\\\"command\\\":\\\"cat access.log\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":" + TestProxies.quoted(log) + "}]}";
    }

    private List<LedgerEntry> lines() {
        return ledger.read(Instant.EPOCH);
    }

    /**
     * The ledger once it holds {@code n} lines. A line is written just after the response is complete, so
     * it can trail the client by a moment; waits at most 10 s.
     */
    private List<LedgerEntry> awaitLines(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<LedgerEntry> l = lines();
        while (l.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
            l = lines();
        }
        return l;
    }

    @Test
    void nonStreamingRequestAppendsItsSavingsUsageAndStatus() throws Exception {
        proxy = realProxy();
        String log = accessLog();
        up.then(FakeUpstream.json(200, Map.of(), "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"GET requests.\"}],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":312,\"cache_creation_input_tokens\":150,"
                + "\"cache_read_input_tokens\":2048,\"output_tokens\":7}}"));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", anthropicRequest(false, log))
                .header("x-api-key", API_KEY));
        assertThat(r.statusCode()).isEqualTo(200);

        assertThat(awaitLines(1)).hasSize(1);
        LedgerEntry e = lines().get(0);
        assertThat(e.provider()).isEqualTo("anthropic");
        assertThat(e.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(e.route()).isEqualTo("/v1/messages");
        assertThat(e.tokensBefore()).isGreaterThan(e.tokensAfter());
        assertThat(e.savedByTool()).containsOnlyKeys("Bash");
        assertThat(e.savedByTool().get("Bash")).isEqualTo(e.tokensSaved());
        assertThat(e.savedByTransform().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(e.tokensSaved());
        assertThat(e.inputTokens()).isEqualTo(312);
        assertThat(e.cacheWriteTokens()).isEqualTo(150);
        assertThat(e.cacheReadTokens()).isEqualTo(2048);
        assertThat(e.outputTokens()).isEqualTo(7);
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.failedOpen()).isFalse();
        assertThat(e.latencyMs()).isGreaterThanOrEqualTo(e.overheadMs()).isPositive();
        String file = Files.readString(ledger.file(), StandardCharsets.UTF_8);
        assertThat(file).doesNotContain("ItemController").doesNotContain("server log").doesNotContain(API_KEY);
    }

    @Test
    void countHeadersAgreeWithTheLedgerOnceTheContentWasCounted() throws Exception {
        proxy = realProxy();
        String log = accessLog();
        String answer = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";
        up.then(FakeUpstream.json(200, Map.of(), answer));
        up.then(FakeUpstream.json(200, Map.of(), answer));
        HttpResponse<byte[]> first = send(post(proxy, "/v1/messages", anthropicRequest(false, log))
                .header("x-api-key", API_KEY));
        // The log is long and new: its counts may still be owed when the fake provider answers at once.
        if (first.headers().firstValue("x-headroom-tokens-pending").isPresent()) {
            assertThat(first.headers().firstValue("x-headroom-tokens-before")).isEmpty();
        } else {
            assertThat(first.headers().firstValue("x-headroom-tokens-before")).isPresent();
        }
        assertThat(first.headers().firstValue("x-headroom-transforms")).isPresent().get().isNotEqualTo("none");
        assertThat(awaitLines(1)).hasSize(1);

        HttpResponse<byte[]> again = send(post(proxy, "/v1/messages", anthropicRequest(false, log))
                .header("x-api-key", API_KEY));

        assertThat(again.headers().firstValue("x-headroom-tokens-pending")).isEmpty();
        assertThat(awaitLines(2)).hasSize(2);
        for (LedgerEntry e : lines()) {
            assertThat(e.tokensBefore()).isEqualTo(Long.parseLong(again.headers()
                    .firstValue("x-headroom-tokens-before").orElseThrow())).isGreaterThan(e.tokensAfter());
            assertThat(e.tokensAfter()).isEqualTo(Long.parseLong(again.headers()
                    .firstValue("x-headroom-tokens-after").orElseThrow()));
        }
    }

    @Test
    void streamingRequestAppendsTheUsageReadFromTheStream() throws Exception {
        proxy = realProxy();
        String stream = Streams.openAiFull();
        up.then(FakeUpstream.sse(Map.of(), Streams.cutInsideRocket(stream, 53)));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/chat/completions", openAiChatRequest(accessLog()))
                .header("authorization", "Bearer sk-proj-secret"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(stream.getBytes(StandardCharsets.UTF_8));

        LedgerEntry e = awaitLines(1).get(0);
        assertThat(lines()).hasSize(1);
        assertThat(e.provider()).isEqualTo("openai");
        assertThat(e.model()).isEqualTo("gpt-4o");
        assertThat(e.route()).isEqualTo("/v1/chat/completions");
        assertThat(e.tokensSaved()).isPositive();
        assertThat(e.savedByTool()).containsOnlyKeys("bash");
        // prompt_tokens 1117 of which 1024 cached: 93 uncached input.
        assertThat(e.inputTokens()).isEqualTo(93);
        assertThat(e.cacheReadTokens()).isEqualTo(1024);
        assertThat(e.cacheWriteTokens()).isZero();
        assertThat(e.outputTokens()).isEqualTo(46);
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.failedOpen()).isFalse();
        assertThat(Files.readString(ledger.file())).doesNotContain("sk-proj-secret").doesNotContain("access.log");
    }

    @Test
    void anthropicStreamAppendsCacheReadsAndWrites() throws Exception {
        ProxyConfig pc = ProxyConfig.builder().port(0).warmUp(false)
                .openaiApiUrl(up.url()).anthropicApiUrl(up.url()).build();
        proxy = HeadroomProxy.start(HeadroomConfig.defaults(), pc, store, TestProxies.identity(), ledger);
        up.then(FakeUpstream.sse(Map.of(), Streams.cut(Streams.anthropicFull(), 64)));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", anthropicRequest(true, "short output")));
        assertThat(r.statusCode()).isEqualTo(200);

        LedgerEntry e = awaitLines(1).get(0);
        assertThat(e.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(e.tokensSaved()).isZero();
        assertThat(e.savedByTool()).isEmpty();
        assertThat(e.inputTokens()).isEqualTo(472);
        assertThat(e.cacheWriteTokens()).isEqualTo(100);
        assertThat(e.cacheReadTokens()).isEqualTo(1200);
        assertThat(e.outputTokens()).isEqualTo(89);
        assertThat(e.status()).isEqualTo(200);
    }

    @Test
    void failedOpenCompressionAndUpstreamErrorAreStillRecorded() throws Exception {
        ProxyConfig pc = ProxyConfig.builder().port(0).warmUp(false)
                .openaiApiUrl(up.url()).anthropicApiUrl(up.url()).build();
        proxy = HeadroomProxy.start(HeadroomConfig.defaults(), pc, store, (body, format) -> {
            throw new IllegalStateException("boom");
        }, ledger);
        up.then(FakeUpstream.json(429, Map.of("retry-after", "7"),
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}"));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/responses",
                "{\"model\":\"gpt-5\",\"input\":\"summarise the log\"}"));
        assertThat(r.statusCode()).isEqualTo(429);

        LedgerEntry e = awaitLines(1).get(0);
        assertThat(e.provider()).isEqualTo("openai");
        assertThat(e.model()).isEqualTo("gpt-5");
        assertThat(e.route()).isEqualTo("/v1/responses");
        assertThat(e.failedOpen()).isTrue();
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.tokensSaved()).isZero();
        assertThat(e.inputTokens()).isEqualTo(-1);
        assertThat(e.cacheReadTokens()).isEqualTo(-1);
        assertThat(e.cacheWriteTokens()).isEqualTo(-1);
        assertThat(e.outputTokens()).isEqualTo(-1);
    }

    @Test
    void unreachableUpstreamAndOversizedBodyAreRecordedWithTheirStatus() throws Exception {
        ProxyConfig pc = ProxyConfig.builder().port(0).warmUp(false).openaiApiUrl("http://127.0.0.1:1")
                .anthropicApiUrl(up.url()).build();
        proxy = HeadroomProxy.start(HeadroomConfig.builder().maxBodyBytes(4096).build(), pc, store,
                TestProxies.identity(), ledger);
        assertThat(send(post(proxy, "/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[]}"))
                .statusCode()).isEqualTo(502);
        assertThat(send(post(proxy, "/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"" + "x".repeat(5000) + "\"}]}")).statusCode()).isEqualTo(413);

        assertThat(awaitLines(2)).extracting(LedgerEntry::status, LedgerEntry::model)
                .containsExactlyInAnyOrder(tuple(502, "gpt-4o"), tuple(413, "unknown"));
    }

    @Test
    void otherRoutesAddNoLine() throws Exception {
        ProxyConfig pc = ProxyConfig.builder().port(0).warmUp(false)
                .openaiApiUrl(up.url()).anthropicApiUrl(up.url()).build();
        proxy = HeadroomProxy.start(HeadroomConfig.defaults(), pc, store, TestProxies.identity(), ledger);
        up.always(FakeUpstream.json(200, Map.of(), "{\"input_tokens\":12}"));
        send(post(proxy, "/v1/messages/count_tokens", "{\"model\":\"claude-sonnet-4-5\",\"messages\":[]}"));
        send(post(proxy, "/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}"));
        Thread.sleep(200);   // a line would trail its response by far less than this
        assertThat(lines()).isEmpty();
    }

    @Test
    void ledgerThatCannotBeWrittenNeverBreaksTheRequest() throws Exception {
        Path notADirectory = Files.writeString(workspace.resolve("file"), "x");
        Ledger broken = Ledger.inWorkspace(notADirectory);
        ProxyConfig pc = ProxyConfig.builder().port(0).warmUp(false)
                .openaiApiUrl(up.url()).anthropicApiUrl(up.url()).build();
        proxy = HeadroomProxy.start(HeadroomConfig.defaults(), pc, store, TestProxies.identity(), broken);
        up.then(FakeUpstream.json(200, Map.of(), "{\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}"));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"messages\":[]}"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestProxies.text(r)).contains("input_tokens");
        assertThat(TestProxies.statsWhen(proxy, "/ledger/write_failures", 1).path("ledger").path("write_failures")
                .asLong()).isEqualTo(1);
    }
}
