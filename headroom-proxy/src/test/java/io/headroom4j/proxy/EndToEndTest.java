package io.headroom4j.proxy;

import static io.headroom4j.proxy.TestProxies.post;
import static io.headroom4j.proxy.TestProxies.send;
import static io.headroom4j.proxy.TestProxies.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Markers;
import io.headroom4j.message.RetrieveTool;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.route.ContentType;
import io.headroom4j.store.CompressionStore;

/**
 * The whole path with the real {@link Headroom} message compressor (live zone, memo, byte splicing): a
 * conversation whose large tool result is compressed, a model that retrieves it, and twenty more turns
 * whose earlier messages must reach the provider with the same bytes every time.
 */
final class EndToEndTest {

    private FakeUpstream up;
    private HeadroomProxy proxy;
    private CompressionStore store;

    /**
     * A stand-in lossy compressor (the real ones live in their own packages): keeps the first two lines and
     * every ERROR line, and marks the rest with a retrieval key.
     */
    static final Compressor KEEP_ERRORS = (content, context) -> {
        if (!context.allowsLossy()) {
            return Compressed.unchanged(content, "skipped", "lossless only");
        }
        String[] lines = content.split("\n", -1);
        if (lines.length < 20) {
            return Compressed.unchanged(content, "skipped", "short");
        }
        String key = context.offload(content, "test.keep-errors");
        StringBuilder sb = new StringBuilder();
        sb.append(lines[0]).append('\n').append(lines[1]).append('\n');
        for (String l : lines) {
            if (l.contains("ERROR")) {
                sb.append(l).append('\n');
            }
        }
        sb.append(Markers.omitted("lines 3-" + Markers.count(lines.length) + ": INFO lines", key));
        return Compressed.lossy(sb.toString(), "test.keep-errors", List.of(key), "kept errors");
    };

    @BeforeEach
    void setUp() throws IOException {
        up = new FakeUpstream();
        store = TestProxies.store();
        HeadroomConfig config = HeadroomConfig.builder().minTokens(50).lossyMinTokens(100)
                .compressionTimeout(java.time.Duration.ofSeconds(30)).build();   // a loaded CI machine
        ContentRouter.Builder router = ContentRouter.builder();
        for (ContentType t : ContentType.values()) {
            router.register(t, KEEP_ERRORS);
        }
        Headroom headroom = Headroom.create(config, store, router.build());
        proxy = TestProxies.start(up, config, store, headroom::compress);
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        up.close();
    }

    static String log(int seed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            sb.append("2026-11-24T06:").append(seed % 60).append(':').append(i % 60).append(" INFO worker-")
                    .append(seed).append(" processed job ").append(i * 7 + seed).append(" in ").append(i % 13)
                    .append("ms\n");
        }
        sb.append("2026-11-24T06:59:59 ERROR worker-").append(seed).append(": disk quota exceeded ✗\n");
        return sb.toString();
    }

    private static String request(boolean stream, List<String> messages) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":2048,\"stream\":" + stream + ",\"system\":[{\"type\":"
                + "\"text\",\"text\":\"You are a careful SRE.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
                + "\"tools\":[{\"name\":\"Bash\",\"description\":\"Run a shell command\",\"input_schema\":{\"type\":"
                + "\"object\",\"properties\":{\"command\":{\"type\":\"string\"}},\"required\":[\"command\"]}}],"
                + "\"messages\":[" + String.join(",", messages) + "]}";
    }

    private static String toolUse(int i) {
        return "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_" + i + "\",\"name\":"
                + "\"Bash\",\"input\":{\"command\":\"journalctl -u worker-" + i + "\"}}]}";
    }

    private static String toolResult(int i) {
        return "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_" + i
                + "\",\"content\":" + TestProxies.quoted(log(i)) + "}]}";
    }

    @Test
    void compressedToolResultIsRetrievedAndEarlierTurnsKeepTheirBytesFor20Turns() throws Exception {
        List<String> history = new ArrayList<>();
        history.add("{\"role\":\"user\",\"content\":\"Why are the workers failing?\"}");
        history.add(toolUse(0));
        history.add(toolResult(0));

        // Turn 1: the model retrieves the omitted lines; the proxy answers and continues in the same stream.
        up.then((req, ex) -> {
            String key = Markers.keysIn(req.text()).get(0);
            FakeUpstream.sse(Map.of(), Streams.cut(Streams.messageStart("msg_1") + Streams.textBlock(0, "Checking.")
                    + Streams.toolUseBlock(1, "toolu_r", RetrieveTool.NAME, "{\\\"key\\\":\\\"" + key + "\\\"}")
                    + Streams.messageEnd("tool_use", 20), 33)).respond(req, ex);
        });
        up.then(FakeUpstream.sse(Map.of(), Streams.cut(Streams.messageStart("msg_2")
                + Streams.textBlock(0, "Disk quota.") + Streams.messageEnd("end_turn", 9), 33)));
        HttpResponse<byte[]> first = send(post(proxy, "/v1/messages", request(true, history)));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(text(first)).doesNotContain(RetrieveTool.NAME).contains("Checking.").contains("Disk quota.")
                .endsWith(Streams.messageEnd("end_turn", 9));
        FakeUpstream.Received sent1 = up.take();
        assertThat(sent1.text()).doesNotContain("processed job 100 in").contains("disk quota exceeded")
                .contains("\"name\":\"headroom_retrieve\"");
        JsonNode continuation = TestProxies.JSON.readTree(up.take().body());
        JsonNode msgs = continuation.path("messages");
        assertThat(msgs.get(msgs.size() - 1).path("content").get(0).path("content").asText())
                .as("the model gets the original bytes back").isEqualTo(log(0));

        // Twenty more turns, each with a new large tool result; the client resends the originals every time.
        history.add("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Checking.\"},{\"type\":"
                + "\"text\",\"text\":\"Disk quota.\"}]}");
        up.always(FakeUpstream.json(200, Map.of(), "{\"id\":\"msg\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\",\"usage\":"
                + "{\"input_tokens\":5,\"cache_read_input_tokens\":4000,\"output_tokens\":1}}"));
        byte[] previous = sent1.body();
        for (int turn = 1; turn <= 20; turn++) {
            history.add("{\"role\":\"user\",\"content\":\"and worker " + turn + "?\"}");
            history.add(toolUse(turn));
            history.add(toolResult(turn));
            HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", request(false, history)));
            assertThat(r.statusCode()).isEqualTo(200);
            byte[] sent = up.take().body();
            assertSamePrefix(previous, sent, turn);
            assertThat(new String(sent, java.nio.charset.StandardCharsets.UTF_8))
                    .as("turn %d's new tool result is compressed", turn)
                    .doesNotContain("processed job " + (100 * 7 + turn) + " in");
            previous = sent;
            history.add("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]}");
        }
        JsonNode stats = TestProxies.statsWhen(proxy, "/requests/total", 21);
        assertThat(stats.path("tokens").path("saved").asLong()).isPositive();
        assertThat(stats.path("provider_usage").path("cache_read_tokens").asLong())
                .as("1,200 from the streamed turn plus 4,000 from each of 20 turns").isEqualTo(81_200);
    }

    /** Tools, system and every message the previous request had are byte-identical in the next one. */
    private static void assertSamePrefix(byte[] previous, byte[] next, int turn) throws IOException {
        assertThat(field(next, "tools")).as("tools at turn %d", turn).isEqualTo(field(previous, "tools"));
        assertThat(field(next, "system")).as("system at turn %d", turn).isEqualTo(field(previous, "system"));
        List<byte[]> before = messages(previous);
        List<byte[]> after = messages(next);
        assertThat(after.size()).isGreaterThan(before.size());
        for (int i = 0; i < before.size(); i++) {
            assertThat(new String(after.get(i), java.nio.charset.StandardCharsets.UTF_8))
                    .as("message %d at turn %d", i, turn)
                    .isEqualTo(new String(before.get(i), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static byte[] field(byte[] body, String name) {
        JsonSplice.Range r = JsonSplice.topLevelValue(body, name);
        return r == null ? null : Arrays.copyOfRange(body, r.start(), r.end());
    }

    private static List<byte[]> messages(byte[] body) throws IOException {
        JsonSplice.Range r = JsonSplice.topLevelValue(body, "messages");
        List<byte[]> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(body, r.start(), r.end() - r.start())) {
            p.nextToken();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                int s = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int e = (int) p.currentLocation().getByteOffset();
                out.add(Arrays.copyOfRange(body, r.start() + s, r.start() + e));
            }
        }
        return out;
    }
}
