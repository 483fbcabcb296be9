package io.headroom4j.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ContentDetectorTest {

    private final ContentDetector detector = new HeuristicContentDetector();

    @Test
    void tellsJsonFromBracketedLogLines() {
        assertThat(detector.detect("[{\"a\":1},{\"a\":2}]")).isEqualTo(ContentType.JSON);
        assertThat(detector.detect("{\"a\":1}\n{\"a\":2}\n")).isEqualTo(ContentType.JSON);
        assertThat(detector.detect("[INFO] Scanning for projects...\n[INFO] BUILD SUCCESS\n[INFO] Total time: 1 s"))
                .isEqualTo(ContentType.BUILD_OUTPUT);
    }

    @Test
    void recognisesDiffsSearchResultsAndBinary() {
        assertThat(detector.detect("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"))
                .isEqualTo(ContentType.DIFF);
        assertThat(detector.detect("src/a.java:12:  int x = 1;\nsrc/a.java:40:  x++;\nsrc/b.java:3:import a;\n"))
                .isEqualTo(ContentType.SEARCH);
        assertThat(detector.detect("\u0000\u0001\u0002binary")).isEqualTo(ContentType.BINARY);
        assertThat(detector.detect("")).isEqualTo(ContentType.UNKNOWN);
        assertThat(detector.detect(null)).isEqualTo(ContentType.UNKNOWN);
    }

    @Test
    void neverThrowsOnMalformedJsonLookalikes() {
        assertThat(detector.detect("{\"a\": [1, 2")).isNotEqualTo(ContentType.JSON);
        assertThat(detector.detect("[".repeat(5_000))).isNotEqualTo(ContentType.JSON);
    }
}
