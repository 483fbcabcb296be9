package io.headroom4j.proxy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headroom4j.CompressionResult;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.TransformRecord;
import io.headroom4j.compress.Markers;
import io.headroom4j.message.RequestFormat;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;

/** Shared set-up for proxy tests: a fake upstream, a proxy in front of it, and a JDK client. */
final class TestProxies {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestProxies() {
    }

    /**
     * The {@code /stats} document once {@code ready} holds for it. A request is counted once its response is
     * complete, a moment after the client has read it, so a test polls, up to 10 s; past that it gets the
     * last document read, and the assertion that follows fails with what was there.
     */
    static JsonNode statsWhen(HeadroomProxy proxy, Predicate<JsonNode> ready) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode stats = JSON.readTree(proxy.statsJson());
        while (!ready.test(stats) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            stats = JSON.readTree(proxy.statsJson());
        }
        return stats;
    }

    /** {@link #statsWhen} for the common case: the number at {@code pointer} (such as /requests/total) is n. */
    static JsonNode statsWhen(HeadroomProxy proxy, String pointer, long n) throws IOException,
            InterruptedException {
        return statsWhen(proxy, s -> s.at(pointer).asLong() == n);
    }

    static CompressionStore store() {
        return new InMemoryCompressionStore(Duration.ofHours(1), 64L * 1024 * 1024);
    }

    static HeadroomProxy start(FakeUpstream up, CompressionStore store, RequestCompressor compressor) {
        return start(up, HeadroomConfig.defaults(), store, compressor);
    }

    static HeadroomProxy start(FakeUpstream up, HeadroomConfig config, CompressionStore store,
                               RequestCompressor compressor) {
        ProxyConfig pc = ProxyConfig.builder().port(0).warmUp(false)
                .openaiApiUrl(up.url()).anthropicApiUrl(up.url()).build();
        return compressor == null ? HeadroomProxy.start(config, pc, store)
                : HeadroomProxy.start(config, pc, store, compressor);
    }

    static HttpRequest.Builder post(HeadroomProxy proxy, String path, String body) {
        return HttpRequest.newBuilder(URI.create(proxy.uri() + path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    static HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** The identity compressor: nothing to compress. */
    static RequestCompressor identity() {
        return (body, format) -> new CompressionResult(body, false, 0, 0, "o200k_base", List.of(), List.of(), false,
                null);
    }

    /**
     * A stand-in for the real message compressor: wherever {@code original} appears as a JSON string in the
     * body, it is stored and replaced by an omission marker; keys already in the body are reported too.
     */
    static RequestCompressor marker(CompressionStore store, String original) {
        String escaped = quoted(original);
        return (body, format) -> {
            String text = new String(body, StandardCharsets.UTF_8);
            List<TransformRecord> records = new ArrayList<>();
            if (text.contains(escaped)) {
                String key = store.put(original, "test.marker");
                String marker = Markers.omitted("lines 1-" + original.split("\n").length + ": all lines", key);
                text = text.replace(escaped, quoted(marker));
                records.add(new TransformRecord("/messages/1/content", "LOG", "test.marker", 1000, 20, false,
                        List.of(key), "test"));
            }
            List<String> keys = Markers.keysIn(text);
            byte[] out = text.getBytes(StandardCharsets.UTF_8);
            boolean changed = !records.isEmpty();
            return new CompressionResult(out, changed, changed ? 1000 : 0, changed ? 20 : 0, "o200k_base", records,
                    keys, false, null);
        };
    }

    static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static RequestFormat anthropic() {
        return RequestFormat.ANTHROPIC_MESSAGES;
    }
}
