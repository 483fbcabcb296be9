package io.headroom4j.compress.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.DefaultCompressors;
import io.headroom4j.compress.Markers;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.route.ContentType;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

final class EmbeddedTextCompressorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final InMemoryCompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 1 << 26);
    private final ContentRouter router = DefaultCompressors.router(HeadroomConfig.defaults());

    private CompressionContext context(HeadroomConfig config) {
        return new CompressionContext(config, "why did checkout fail", "exec", TokenCounters.o200k(), store);
    }

    static String appLog() throws Exception {
        try (InputStream in = EmbeddedTextCompressorTest.class.getResourceAsStream("/fixtures/log/app.log")) {
            String log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return log.substring(0, Math.min(log.length(), 200_000));
        }
    }

    @Test
    void compressesTheCommandOutputInsideCodexShapedJson() throws Exception {
        String log = appLog();
        String body = "{\"exit_code\":1,\"wall_time\":0.25e1,\"output\":" + MAPPER.writeValueAsString(log) + "}";

        Compressed c = router.compress(ContentType.JSON, body, context(HeadroomConfig.defaults()));

        assertThat(c.transform()).isEqualTo("json.embedded");
        assertThat(c.note()).contains("log.");
        assertThat(c.output()).startsWith("{\"exit_code\":1,\"wall_time\":0.25e1,\"output\":\"");
        JsonNode out = MAPPER.readTree(c.output());
        String text = out.path("output").asText();
        assertThat(text.length()).isLessThan(log.length() / 2);
        assertThat(Markers.keysIn(c.output())).isNotEmpty().allSatisfy(key -> assertThat(store.get(key)).isPresent());
        // Every error line of the log is still there, verbatim.
        log.lines().filter(l -> l.contains(" ERROR ")).limit(50).forEach(l -> assertThat(text).contains(l));
    }

    @Test
    void leavesShortStringsAndTablesToOthers() {
        Compressed c = new EmbeddedTextCompressor(router).compress("{\"a\":\"short\",\"n\":[1,2,3]}",
                context(HeadroomConfig.defaults()));

        assertThat(c.isChangedFrom("{\"a\":\"short\",\"n\":[1,2,3]}")).isFalse();
    }

    @Test
    void dropsNothingInLosslessMode() throws Exception {
        String body = "{\"output\":" + MAPPER.writeValueAsString(appLog()) + "}";

        Compressed c = new EmbeddedTextCompressor(router).compress(body,
                context(HeadroomConfig.builder().lossless(true).build()));

        assertThat(c.retrievalKeys()).isEmpty();
        assertThat(c.lossless()).isTrue();
    }

    @Property(tries = 200)
    void neverThrowsAndKeepsJsonValid(@ForAll String s, @ForAll boolean wrap) throws Exception {
        String body = wrap ? "{\"output\":" + MAPPER.writeValueAsString(s.repeat(1 + 2_000 / (s.length() + 1))) + "}" : s;

        Compressed c = new EmbeddedTextCompressor(router).compress(body, context(HeadroomConfig.defaults()));

        if (wrap) {
            assertThat(MAPPER.readTree(c.output()).has("output")).isTrue();
        }
    }
}
