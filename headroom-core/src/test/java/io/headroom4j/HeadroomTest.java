package io.headroom4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Markers;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.route.ContentType;
import io.headroom4j.store.InMemoryCompressionStore;

final class HeadroomTest {

    private final InMemoryCompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 1 << 24);

    private Headroom headroom(HeadroomConfig config) {
        ContentRouter router = ContentRouter.builder()
                .detector(c -> ContentType.LOG)
                .register(ContentType.LOG, (content, ctx) -> {
                    if (content.startsWith("grow")) {
                        return Compressed.lossless(content + content, "test.grow", "");
                    }
                    String key = ctx.offload(content, "test.cut");
                    return Compressed.lossy(Markers.omitted("everything", key), "test.cut", List.of(key), "");
                })
                .build();
        return Headroom.create(config, store, router);
    }

    private static String big(String prefix) {
        return prefix + " line of output\n".repeat(300);
    }

    @Test
    void compressesOneToolOutputAndKeepsTheOriginalRetrievable() {
        Headroom.ContentResult r = headroom(HeadroomConfig.defaults()).compressContent(big("log"), "", "Bash");

        assertThat(r.tokensAfter()).isLessThan(r.tokensBefore());
        assertThat(r.output()).startsWith("[everything omitted; retrieve: ");
        assertThat(store.get(r.retrievalKeys().get(0))).contains(big("log"));
    }

    @Test
    void neverReturnsSomethingLarger() {
        Headroom.ContentResult r = headroom(HeadroomConfig.defaults()).compressContent(big("grow"), "");

        assertThat(r.output()).isEqualTo(big("grow"));
        assertThat(r.compressed().note()).isEqualTo("test.grow did not make it smaller");
    }

    @Test
    void leavesSmallContentAndExcludedToolsAlone() {
        Headroom h = headroom(HeadroomConfig.defaults());

        assertThat(h.compressContent("short", "").output()).isEqualTo("short");
        assertThat(h.compressContent(big("x"), "", "Read").compressed().note()).isEqualTo("excluded tool Read");
        assertThat(h.compressContent(null, "").output()).isEmpty();
    }

    @Test
    void acceptsJacksonTreesAndGivesTreesBack() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = mapper.readTree("{\"messages\":[{\"role\":\"tool\",\"content\":" + mapper.writeValueAsString(big("t"))
                + "}]}");

        CompressionResult r = headroom(HeadroomConfig.builder().mode(Mode.TOKEN).build()).compress(tree, null);

        assertThat(r.changed()).isTrue();
        assertThat(r.bodyTree().at("/messages/0/content").asText()).startsWith("[everything omitted");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("{\"messages\":[{\"role\":\"tool\"");
    }
}
