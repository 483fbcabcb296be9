package io.headroom4j.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

final class HeuristicContentDetectorTest {

    private final HeuristicContentDetector detector = new HeuristicContentDetector();

    private static String fixture(String path) {
        try (InputStream in = HeuristicContentDetectorTest.class.getResourceAsStream("/fixtures/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blinker_base.py", "semver_range.js", "zod_ZodError.ts", "fatih_color.go", "memchr.rs",
        "jsoup_StringUtil.java", "treesitter_tree_cursor.c", "treesitter_node_tree.cc"})
    void detectsRealSourceFilesAsCode(String file) {
        assertThat(detector.detect(fixture("code/" + file))).isEqualTo(ContentType.CODE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"semver_README.md", "charset_normalizer_README.md", "apache_LICENSE-2.0.txt"})
    void detectsReadmesAndLicencesAsProse(String file) {
        assertThat(detector.detect(fixture("prose/" + file))).isEqualTo(ContentType.PROSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rustdoc_what-is-rustdoc.html", "rustdoc_documentation-tests.html"})
    void detectsRealPagesAsHtml(String file) {
        assertThat(detector.detect(fixture("html/" + file))).isEqualTo(ContentType.HTML);
    }

    @Test
    void detectsHtmlFragmentsWithoutADoctype() {
        String fragment = "<div class=\"doc\"><h2>Usage</h2><p>Call <code>run()</code> first.</p>"
                + "<ul><li>one</li><li>two</li></ul></div>";
        assertThat(detector.detect(fragment)).isEqualTo(ContentType.HTML);
    }

    @Test
    void xmlIsNotHtml() {
        String junit = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"x\" tests=\"1\">\n"
                + "  <testcase name=\"a\" classname=\"b\" time=\"0.1\"/>\n</testsuite>\n";
        assertThat(detector.detect(junit)).isNotEqualTo(ContentType.HTML);
    }

    @Test
    void otherTypesStillDetected() {
        assertThat(detector.detect("{\"a\": [1, 2, 3], \"b\": {\"c\": true}}")).isEqualTo(ContentType.JSON);
        assertThat(detector.detect("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"))
                .isEqualTo(ContentType.DIFF);
        assertThat(detector.detect("\0\1\2\3binary")).isEqualTo(ContentType.BINARY);
    }
}
