package io.headroom4j.proxy;

import static io.headroom4j.proxy.TestProxies.post;
import static io.headroom4j.proxy.TestProxies.send;
import static io.headroom4j.proxy.TestProxies.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.headroom4j.CompressionResult;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.store.CompressionStore;

final class ProxyForwardingTest {

    private FakeUpstream up;
    private HeadroomProxy proxy;
    private CompressionStore store;

    @BeforeEach
    void setUp() throws IOException {
        up = new FakeUpstream();
        store = TestProxies.store();
        proxy = TestProxies.start(up, store, TestProxies.identity());
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        up.close();
    }

    private static final String ANTHROPIC_REQUEST = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,"
            + "\"stream\":true,\"system\":\"You are terse.\",\"messages\":[{\"role\":\"user\",\"content\":\"hi 🚀\"}]}";

    @Test
    void anthropicStreamReachesClientByteForByte() throws Exception {
        String stream = Streams.anthropicFull();
        up.then(FakeUpstream.sse(Map.of("request-id", "req_011CSHoEeqs5C35K2UUqR7Fy"),
                Streams.cutInsideRocket(stream, 37)));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", ANTHROPIC_REQUEST)
                .header("x-api-key", "sk-ant-api03-secret").header("anthropic-version", "2023-06-01"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(stream.getBytes(StandardCharsets.UTF_8));
        assertThat(r.headers().firstValue("request-id")).contains("req_011CSHoEeqs5C35K2UUqR7Fy");
        assertThat(r.headers().firstValue("content-type")).contains("text/event-stream");
        FakeUpstream.Received got = up.take();
        assertThat(got.body()).isEqualTo(ANTHROPIC_REQUEST.getBytes(StandardCharsets.UTF_8));
        assertThat(got.headers().getFirst("x-api-key")).isEqualTo("sk-ant-api03-secret");
        assertThat(got.headers().getFirst("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(got.path()).isEqualTo("/v1/messages");
    }

    @Test
    void openAiStreamReachesClientByteForByte() throws Exception {
        String stream = Streams.openAiFull();
        up.then(FakeUpstream.sse(Map.of(), Streams.cutInsideRocket(stream, 53)));
        String req = "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}]}";
        HttpResponse<byte[]> r = send(post(proxy, "/v1/chat/completions", req)
                .header("authorization", "Bearer sk-proj-secret"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(stream.getBytes(StandardCharsets.UTF_8));
        FakeUpstream.Received got = up.take();
        assertThat(got.text()).isEqualTo(req);
        assertThat(got.headers().getFirst("authorization")).isEqualTo("Bearer sk-proj-secret");
        JsonNode stats = TestProxies.statsWhen(proxy, "/provider_usage/cache_read_tokens", 1024);
        assertThat(stats.path("provider_usage").path("cache_read_tokens").asLong()).isEqualTo(1024);
        assertThat(stats.path("provider_usage").path("output_tokens").asLong()).isEqualTo(46);
    }

    @Test
    void anthropicUsageIsReadFromTheStreamOnTheSide() throws Exception {
        up.then(FakeUpstream.sse(Map.of(), Streams.cut(Streams.anthropicFull(), 64)));
        send(post(proxy, "/v1/messages", ANTHROPIC_REQUEST));
        JsonNode stats = TestProxies.statsWhen(proxy, "/provider_usage/cache_read_tokens", 1200);
        assertThat(stats.path("provider_usage").path("cache_read_tokens").asLong()).isEqualTo(1200);
        assertThat(stats.path("provider_usage").path("cache_write_tokens").asLong()).isEqualTo(100);
        assertThat(stats.path("provider_usage").path("output_tokens").asLong()).isEqualTo(89);
    }

    @Test
    void streamIsRelayedEventByEventNotBuffered() throws Exception {
        List<byte[]> events = FakeUpstream.chunks(Streams.messageStart("msg_1"), Streams.textBlock(0, "a"),
                Streams.messageEnd("end_turn", 3));
        Semaphore gate = new Semaphore(0);
        up.then(FakeUpstream.gated(events, gate, new CountDownLatch(1)));
        gate.release();   // only the first event may go
        HttpResponse<InputStream> r = TestProxies.CLIENT.send(post(proxy, "/v1/messages", ANTHROPIC_REQUEST).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        try (InputStream in = r.body()) {
            byte[] first = in.readNBytes(events.get(0).length);
            // The client holds the first event while the upstream has not been allowed to send the second.
            assertThat(first).isEqualTo(events.get(0));
            gate.release(2);
            byte[] rest = in.readAllBytes();
            assertThat(new String(rest, StandardCharsets.UTF_8))
                    .isEqualTo(new String(events.get(1), StandardCharsets.UTF_8)
                            + new String(events.get(2), StandardCharsets.UTF_8));
        }
    }

    @Test
    void midStreamErrorEventReachesClientVerbatim() throws Exception {
        String stream = Streams.anthropicMidStreamError();
        up.then(FakeUpstream.sse(Map.of(), Streams.cut(stream, 40)));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", ANTHROPIC_REQUEST));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(text(r)).isEqualTo(stream).endsWith("\"message\":\"Overloaded\"}}\n\n");
    }

    @Test
    void upstream429ReachesClientWithBodyAndHeaders() throws Exception {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request"
                + " tokens has exceeded your per-minute rate limit\"}}";
        up.then(FakeUpstream.json(429, Map.of("retry-after", "17", "request-id", "req_429",
                "anthropic-ratelimit-tokens-remaining", "0", "anthropic-ratelimit-tokens-reset",
                "2026-11-24T06:00:00Z"), body));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", ANTHROPIC_REQUEST));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(text(r)).isEqualTo(body);
        assertThat(r.headers().firstValue("retry-after")).contains("17");
        assertThat(r.headers().firstValue("request-id")).contains("req_429");
        assertThat(r.headers().firstValue("anthropic-ratelimit-tokens-remaining")).contains("0");
        assertThat(r.headers().firstValue("anthropic-ratelimit-tokens-reset")).contains("2026-11-24T06:00:00Z");
    }

    @Test
    void upstream500ReachesClientVerbatimForAStreamingRequest() throws Exception {
        String body = "{\"error\":{\"message\":\"The server had an error while processing your request.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}";
        up.then(FakeUpstream.json(500, Map.of("x-request-id", "req_500"), body));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/chat/completions",
                "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}"));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(text(r)).isEqualTo(body);
        assertThat(r.headers().firstValue("x-request-id")).contains("req_500");
    }

    @Test
    void droppedUpstreamConnectionBreaksTheClientStream() throws Exception {
        String partial = Streams.messageStart("msg_drop") + Streams.textBlock(0, "half");
        up.then(FakeUpstream.sseThenDrop(Streams.cut(partial, 50)));
        // A raw socket shows exactly what went over the wire: every event the upstream sent, and no final
        // zero-length chunk, so no client can mistake the broken stream for a complete one.
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(rawPost("/v1/messages", ANTHROPIC_REQUEST, "127.0.0.1"));
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    wire.write(buf, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a reset is as good as an end of stream here: the connection was dropped
            }
        }
        String got = wire.toString(StandardCharsets.UTF_8);
        assertThat(got).startsWith("HTTP/1.1 200");
        String body = got.substring(got.indexOf("\r\n\r\n") + 4);
        // What arrived is the upstream's bytes up to the drop, unaltered (TCP may lose the tail on a reset).
        assertThat(partial).startsWith(dechunk(body));
        assertThat(dechunk(body)).startsWith("event: message_start\n");
        assertThat(body).doesNotEndWith("0\r\n\r\n");
        // And the JDK client reports an error instead of a clean end.
        up.then(FakeUpstream.sseThenDrop(Streams.cut(partial, 50)));
        HttpResponse<InputStream> r = TestProxies.CLIENT.send(post(proxy, "/v1/messages", ANTHROPIC_REQUEST).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThatThrownBy(() -> r.body().readAllBytes()).isInstanceOf(IOException.class);
    }

    /** The payload of an HTTP/1.1 chunked body (possibly cut off). */
    static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();
        int pos = 0;
        while (pos < b.length) {
            int eol = body.indexOf("\r\n", pos);
            if (eol < 0) {
                break;
            }
            int len = Integer.parseInt(body.substring(pos, eol).trim(), 16);
            if (len == 0 || eol + 2 + len > b.length) {
                break;
            }
            payload.write(b, eol + 2, len);
            pos = eol + 2 + len + 2;
        }
        out.append(payload.toString(StandardCharsets.UTF_8));
        return out.toString();
    }

    @Test
    void clientDisconnectCancelsTheUpstreamCall() throws Exception {
        List<byte[]> events = new java.util.ArrayList<>();
        events.add(Streams.messageStart("msg_c").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 2000; i++) {
            events.add(Streams.textBlock(i, "y".repeat(1000)).getBytes(StandardCharsets.UTF_8));
        }
        Semaphore gate = new Semaphore(0);
        CountDownLatch upstreamWriteFailed = new CountDownLatch(1);
        up.then(FakeUpstream.gated(events, gate, upstreamWriteFailed));
        gate.release();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", proxy.port())) {
            socket.getOutputStream().write(rawPost("/v1/messages", ANTHROPIC_REQUEST, "127.0.0.1"));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = readUntil(in, "event: message_start");
            assertThat(head).startsWith("HTTP/1.1 200");
        }   // the client goes away
        // Let the upstream go on writing, a little at a time; once the proxy has closed its side, a write fails.
        for (int i = 0; i < events.size() && upstreamWriteFailed.getCount() > 0; i++) {
            gate.release();
            Thread.sleep(2);
        }
        assertThat(upstreamWriteFailed.await(10, TimeUnit.SECONDS))
                .as("the upstream connection was closed after the client left").isTrue();
    }

    static byte[] rawPost(String path, String body, String host) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + b.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + b.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(b, 0, out, h.length, b.length);
        return out;
    }

    static byte[] rawGet(String path, String host) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.indexOf(marker) >= 0) {
                break;
            }
        }
        return sb.toString();
    }

    @Test
    void bodyOverTheLimitGets413() throws Exception {
        proxy.close();
        proxy = TestProxies.start(up, HeadroomConfig.builder().maxBodyBytes(2048).build(), store,
                TestProxies.identity());
        String big = "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(5000) + "\"}]}";
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", big));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(text(r)).contains("\"type\":\"request_too_large\"").contains("2048");
        assertThat(up.received).isEmpty();
        assertThat(TestProxies.statsWhen(proxy, "/requests/too_large", 1).path("requests").path("too_large")
                .asLong()).isEqualTo(1);
    }

    @Test
    void headroomRequestHeadersNeverGoUpstreamAndResponseCarriesHeadroomHeaders() throws Exception {
        up.then(FakeUpstream.json(200, Map.of(), "{\"id\":\"msg\",\"content\":[]}"));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages",
                "{\"model\":\"claude-sonnet-4-5\",\"messages\":[]}")
                .header("x-headroom-session-id", "s1").header("X-Headroom-Mode", "cache")
                .header("x-api-key", "k"));
        assertThat(r.statusCode()).isEqualTo(200);
        FakeUpstream.Received got = up.take();
        assertThat(got.headers().keySet()).noneMatch(k -> k.toLowerCase().startsWith("x-headroom"));
        assertThat(got.headers().getFirst("accept-encoding")).isNull();
        assertThat(r.headers().firstValue("x-headroom-tokens-before")).contains("0");
        assertThat(r.headers().firstValue("x-headroom-tokens-after")).isPresent();
        assertThat(r.headers().firstValue("x-headroom-tokens-saved")).isPresent();
        assertThat(r.headers().firstValue("x-headroom-transforms")).contains("none");
        assertThat(r.headers().firstValue("x-headroom-overhead-ms")).isPresent();
    }

    @Test
    void compressedBodyGoesUpstreamWithSavingsInHeaders() throws Exception {
        proxy.close();
        String log = "line\n".repeat(300);
        proxy = TestProxies.start(up, store, TestProxies.marker(store, log));
        up.then(FakeUpstream.json(200, Map.of(), "{\"id\":\"chatcmpl\",\"choices\":[]}"));
        String req = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"run\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":" + TestProxies.quoted(log) + "}]}";
        HttpResponse<byte[]> r = send(post(proxy, "/v1/chat/completions", req));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-headroom-tokens-before")).contains("1000");
        assertThat(r.headers().firstValue("x-headroom-tokens-saved")).contains("980");
        assertThat(r.headers().firstValue("x-headroom-transforms")).contains("test.marker");
        String sent = up.take().text();
        assertThat(sent).doesNotContain("line\\nline").contains("; retrieve: ");
        // The retrieve tool was added, at the end of a new tools array.
        assertThat(sent).endsWith("\"tools\":[" + io.headroom4j.message.RetrieveTool.OPENAI_CHAT + "]}");
    }

    @Test
    void compressionOverItsTimeBudgetForwardsTheOriginal() throws Exception {
        proxy.close();
        proxy = TestProxies.start(up, HeadroomConfig.builder().compressionTimeout(Duration.ofMillis(50)).build(),
                store, (body, format) -> {
                    try {
                        Thread.sleep(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new CompressionResult(new byte[] {'{', '}'}, true, 9, 1, "x", List.of(), List.of(), false,
                            null);
                });
        up.then(FakeUpstream.json(200, Map.of(), "{}"));
        // Large enough to be compressed off the request thread, under the budget (small ones run inline).
        String req = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "hi ".repeat(10_000) + "\"}]}";
        HttpResponse<byte[]> r = send(post(proxy, "/v1/chat/completions", req));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-headroom-compression-failed")).contains("true");
        assertThat(up.take().text()).isEqualTo(req);
        assertThat(TestProxies.statsWhen(proxy, "/compression/fail_open", 1).path("compression").path("fail_open")
                .asLong()).isEqualTo(1);
    }

    @Test
    void compressorThatThrowsFailsOpen() throws Exception {
        proxy.close();
        proxy = TestProxies.start(up, store, (body, format) -> {
            throw new IllegalStateException("boom");
        });
        up.then(FakeUpstream.json(200, Map.of(), "{}"));
        String req = "{\"model\":\"claude-sonnet-4-5\",\"messages\":[]}";
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", req));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(up.take().text()).isEqualTo(req);
        assertThat(TestProxies.statsWhen(proxy, "/compression/fail_open", 1).path("compression").path("fail_open")
                .asLong()).isEqualTo(1);
    }

    @Test
    void otherPathsPassThroughUnchanged() throws Exception {
        up.then(FakeUpstream.json(200, Map.of("x-request-id", "m1"), "{\"object\":\"list\",\"data\":[]}"));
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(proxy.uri() + "/v1/models?limit=5"))
                .header("authorization", "Bearer sk-x").GET());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("{\"object\":\"list\",\"data\":[]}");
        FakeUpstream.Received got = up.take();
        assertThat(got.method()).isEqualTo("GET");
        assertThat(got.path()).isEqualTo("/v1/models");
        assertThat(got.query()).isEqualTo("limit=5");
        assertThat(got.headers().getFirst("authorization")).isEqualTo("Bearer sk-x");
    }

    @Test
    void unreachableUpstreamGives502InTheProvidersShape() throws Exception {
        proxy.close();
        ProxyConfig pc = ProxyConfig.builder().port(0).warmUp(false).anthropicApiUrl("http://127.0.0.1:1")
                .openaiApiUrl("http://127.0.0.1:1").build();
        proxy = HeadroomProxy.start(HeadroomConfig.defaults(), pc, store, TestProxies.identity());
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", ANTHROPIC_REQUEST));
        assertThat(r.statusCode()).isEqualTo(502);
        JsonNode n = TestProxies.JSON.readTree(r.body());
        assertThat(n.path("type").asText()).isEqualTo("error");
        assertThat(n.path("error").path("type").asText()).isEqualTo("api_error");
    }

    @Test
    void countTokensForwardsTheCompressedRequest() throws Exception {
        proxy.close();
        String log = "GET /api/items 200 12ms\n".repeat(200);
        proxy = TestProxies.start(up, store, TestProxies.marker(store, log));
        up.then(FakeUpstream.json(200, Map.of(), "{\"input_tokens\":120}"));
        String req = "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"tool_result\",\"tool_use_id\":\"t1\",\"content\":" + TestProxies.quoted(log) + "}]}]}";
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages/count_tokens", req));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("{\"input_tokens\":120}");
        FakeUpstream.Received got = up.take();
        assertThat(got.path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(got.text()).contains("; retrieve: ").doesNotContain("12ms\\nGET")
                .contains("\"name\":\"headroom_retrieve\"");
    }

    @Test
    void healthEndpointsAnswer() throws Exception {
        for (String path : List.of("/livez", "/readyz", "/health")) {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(proxy.uri() + path)).GET());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(TestProxies.JSON.readTree(r.body()).path("status").asText()).isEqualTo("healthy");
        }
    }

    @Test
    void metricsStatsAndDashboardAnswerOnLoopback() throws Exception {
        up.then(FakeUpstream.json(200, Map.of(), "{}"));
        send(post(proxy, "/v1/chat/completions", "{\"model\":\"gpt-4o\",\"messages\":[]}"));
        TestProxies.statsWhen(proxy, "/requests/total", 1);
        HttpResponse<byte[]> m = send(HttpRequest.newBuilder(URI.create(proxy.uri() + "/metrics")).GET());
        assertThat(text(m)).contains("headroom_requests_total 1.0");
        HttpResponse<byte[]> s = send(HttpRequest.newBuilder(URI.create(proxy.uri() + "/stats")).GET());
        JsonNode stats = TestProxies.JSON.readTree(s.body());
        assertThat(stats.path("requests").path("total").asLong()).isEqualTo(1);
        assertThat(stats.path("requests").path("by_model").path("gpt-4o").asLong()).isEqualTo(1);
        HttpResponse<byte[]> d = send(HttpRequest.newBuilder(URI.create(proxy.uri() + "/dashboard")).GET());
        assertThat(text(d)).contains("<canvas").contains("fetch('/stats')").doesNotContain("http://", "https://");
    }

    @Test
    void adminRoutesRefuseANonLoopbackHostHeader() throws Exception {
        // A DNS-rebinding page reaches the proxy with a foreign Host header.
        for (String path : List.of("/stats", "/dashboard", "/v1/retrieve/0123456789abcdef01234567")) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", proxy.port())) {
                socket.getOutputStream().write(rawGet(path, "evil.example.com"));
                String head = readUntil(socket.getInputStream(), "\r\n");
                assertThat(head).as(path).startsWith("HTTP/1.1 404");
            }
        }
        assertThat(HeadroomProxy.isLoopbackHost("localhost:8787")).isTrue();
        assertThat(HeadroomProxy.isLoopbackHost("[::1]:8787")).isTrue();
        assertThat(HeadroomProxy.isLoopbackHost("127.0.0.1")).isTrue();
        assertThat(HeadroomProxy.isLoopbackHost("evil.example.com")).isFalse();
    }

    @Test
    void retrieveEndpointReturnsTheStoredOriginal() throws Exception {
        String original = "exact original\nwith two lines ✓";
        String key = store.put(original, "test");
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(proxy.uri() + "/v1/retrieve/" + key)).GET());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestProxies.JSON.readTree(r.body()).path("original_content").asText()).isEqualTo(original);
        HttpResponse<byte[]> post = send(post(proxy, "/v1/retrieve", "{\"hash\":\"" + key + "\"}"));
        assertThat(TestProxies.JSON.readTree(post.body()).path("original_content").asText()).isEqualTo(original);
        HttpResponse<byte[]> miss = send(HttpRequest.newBuilder(
                URI.create(proxy.uri() + "/v1/retrieve/000000000000000000000000")).GET());
        assertThat(miss.statusCode()).isEqualTo(404);
    }

    @Test
    void compressEndpointAnswersInHeadroomsClientShape() throws Exception {
        proxy.close();
        String log = "ERROR x\n".repeat(100);
        proxy = TestProxies.start(up, store, TestProxies.marker(store, log));
        String req = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"tool\","
                + "\"tool_call_id\":\"c\",\"content\":" + TestProxies.quoted(log) + "}]}";
        HttpResponse<byte[]> r = send(post(proxy, "/v1/compress", req));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = TestProxies.JSON.readTree(r.body());
        assertThat(n.path("messages").size()).isEqualTo(2);
        assertThat(n.path("messages").path(1).path("content").asText()).contains("; retrieve: ");
        assertThat(n.path("tokens_before").asLong()).isEqualTo(1000);
        assertThat(n.path("tokens_after").asLong()).isEqualTo(20);
        assertThat(n.path("tokens_saved").asLong()).isEqualTo(980);
        assertThat(n.path("compression_ratio").asDouble()).isEqualTo(0.02);
        assertThat(n.path("transforms_applied").get(0).asText()).isEqualTo("test.marker");
        assertThat(n.path("ccr_hashes").size()).isEqualTo(1);
        assertThat(up.received).isEmpty();
        HttpResponse<byte[]> bad = send(post(proxy, "/v1/compress", "{\"model\":\"gpt-4o\"}"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(TestProxies.JSON.readTree(bad.body()).path("error").path("type").asText())
                .isEqualTo("invalid_request_error");
    }

    @Test
    void bypassHeaderForwardsTheRequestUntouched() throws Exception {
        proxy.close();
        String log = "line\n".repeat(300);
        proxy = TestProxies.start(up, store, TestProxies.marker(store, log));
        up.then(FakeUpstream.json(200, Map.of(), "{}"));
        String req = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":"
                + TestProxies.quoted(log) + "}]}";
        HttpResponse<byte[]> r = send(post(proxy, "/v1/chat/completions", req).header("x-headroom-bypass", "true"));
        assertThat(r.statusCode()).isEqualTo(200);
        FakeUpstream.Received got = up.take();
        assertThat(got.text()).isEqualTo(req);
        assertThat(got.headers().getFirst("x-headroom-bypass")).isNull();
    }

    @Test
    void concurrentStreamsEachArriveByteForByte() throws Exception {
        String stream = Streams.anthropicFull();
        up.always(FakeUpstream.sse(Map.of(), Streams.cutInsideRocket(stream, 23)));
        java.util.List<java.util.concurrent.Future<byte[]>> results = new java.util.ArrayList<>();
        try (java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> send(post(proxy, "/v1/messages", ANTHROPIC_REQUEST)).body()));
            }
            for (java.util.concurrent.Future<byte[]> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(stream.getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
