package io.headroom4j.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.headroom4j.CompressionResult;
import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Markers;
import io.headroom4j.internal.SideWork;
import io.headroom4j.store.InMemoryCompressionStore;

/**
 * A request compressed with a helper lent (as the proxy does: the memo key of the first long tool output hashed on
 * the helper while the tree is built, the fold's look for repeat notation beside it) gives the same bytes, the same
 * keys and the same records as without one, and every key brings back its exact original from the helped store.
 */
final class HelpedCompressionTest {

    private static final ExecutorService POOL = Executors.newSingleThreadExecutor();

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    /** A log like the proxy bench's: about {@code chars} chars of access lines, unique by {@code salt}. */
    static String log(int chars, String salt) {
        StringBuilder log = new StringBuilder();
        for (int i = 0; log.length() < chars; i++) {
            log.append("2026-11-24T06:").append(i % 60).append(':').append(i % 59)
                    .append(" INFO http GET /api/v2/items/").append(i * 31 % 100_000).append(" status=200 dur=")
                    .append(i % 97).append("ms req=").append(salt).append('-').append(i).append('\n');
            if (i % 500 == 250) {
                log.append("2026-11-24T06:00:00 ERROR http GET /api/v2/items/7 failed: timeout after 30s\n");
            }
        }
        return log.toString();
    }

    private static String toolResult(String id, String text, boolean error) {
        return "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + id + "\""
                + (error ? ",\"is_error\":true" : "") + ",\"content\":" + MessageCompressorTest.json(text) + "}]}";
    }

    private static String toolUse(String id) {
        return "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + id
                + "\",\"name\":\"Bash\",\"input\":{\"command\":\"cat app.log\"}}]}";
    }

    private static byte[] request(String... messages) {
        return ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"system\":\"You are an SRE.\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"what failed?\"}," + String.join(",", messages) + "]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> bodies() {
        List<byte[]> bodies = new ArrayList<>();
        // The proxy bench's shape: one new 240 KB log.
        bodies.add(request(toolUse("t1"), toolResult("t1", log(240_000, "a"), false)));
        // Two long tool outputs after a long user message (protected, so the helper's hash of it is dropped).
        bodies.add(request("{\"role\":\"user\",\"content\":" + MessageCompressorTest.json(log(60_000, "u")) + "}",
                toolUse("t1"), toolResult("t1", log(80_000, "b"), false), toolUse("t2"),
                toolResult("t2", log(50_000, "c"), true)));
        // A long tool output that already carries a marker is not compressed again.
        bodies.add(request(toolUse("t1"), toolResult("t1", log(40_000, "d") + Markers.omitted("lines 1-9",
                "0123456789abcdef01234567") + "\n", false), toolUse("t2"), toolResult("t2", log(45_000, "e"), false)));
        // A short one first, then a long one.
        bodies.add(request(toolUse("t1"), toolResult("t1", log(3_000, "f"), false), toolUse("t2"),
                toolResult("t2", log(100_000, "g"), false)));
        return bodies;
    }

    private static CompressionResult helped(Headroom headroom, byte[] body) throws Exception {
        SideWork side = new SideWork();
        Future<CompressionResult> f = POOL.submit(() -> side.run(() -> headroom.compressDeferringCounts(body,
                RequestFormat.ANTHROPIC_MESSAGES).result()));
        side.help(f, TimeUnit.SECONDS.toNanos(10));
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void assertSameCompression(HeadroomConfig config) throws Exception {
        InMemoryCompressionStore plainStore = new InMemoryCompressionStore(Duration.ofHours(1), 1L << 28);
        InMemoryCompressionStore helpedStore = new InMemoryCompressionStore(Duration.ofHours(1), 1L << 28);
        Headroom plain = Headroom.create(config, plainStore);
        Headroom help = Headroom.create(config, helpedStore);
        for (int round = 0; round < 2; round++) {   // the second round recalls every output from the memo
            for (byte[] body : bodies()) {
                CompressionResult expected = plain.compressDeferringCounts(body, RequestFormat.ANTHROPIC_MESSAGES)
                        .result();
                CompressionResult actual = helped(help, body);
                assertThat(actual.bodyText()).isEqualTo(expected.bodyText());
                assertThat(actual.retrievalKeys()).isEqualTo(expected.retrievalKeys());
                assertThat(actual.records()).isEqualTo(expected.records());
                assertThat(actual.tokensAfter()).isEqualTo(expected.tokensAfter());
                for (String key : actual.retrievalKeys()) {
                    assertThat(helpedStore.get(key)).isEqualTo(plainStore.get(key));
                }
            }
        }
    }

    @Test
    void helpedAndUnhelpedCompressionGiveTheSameBytesKeysAndRecords() throws Exception {
        assertSameCompression(HeadroomConfig.defaults());
        CompressionResult first = helped(Headroom.create(HeadroomConfig.defaults(),
                new InMemoryCompressionStore(Duration.ofHours(1), 1L << 28)), bodies().get(0));
        assertThat(first.changed()).isTrue();
        assertThat(first.retrievalKeys()).isNotEmpty();
    }

    @Test
    void helpedAndUnhelpedLosslessCompressionGiveTheSameBytes() throws Exception {
        assertSameCompression(HeadroomConfig.builder().lossless(true).build());
    }

    @Test
    void keysOfAHelpedCompressionBringBackTheExactOriginals() throws Exception {
        InMemoryCompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 1L << 28);
        Headroom headroom = Headroom.create(HeadroomConfig.defaults(), store);
        String original = log(240_000, "exact");
        CompressionResult r = helped(headroom, request(toolUse("t1"), toolResult("t1", original, false)));
        String out = r.bodyTree().at("/messages/2/content/0/content").textValue();
        assertThat(out).isNotEqualTo(original);
        StringBuilder restored = new StringBuilder();
        // Each marker line stands for the lines it names: put them back in place.
        for (String line : out.split("\n", -1)) {
            List<String> keys = Markers.keysIn(line);
            if (keys.isEmpty()) {
                restored.append(line).append('\n');
            } else {
                restored.append(store.get(keys.get(0)).orElseThrow());
            }
        }
        assertThat(restored.substring(0, restored.length() - 1)).isEqualTo(original);
    }
}
