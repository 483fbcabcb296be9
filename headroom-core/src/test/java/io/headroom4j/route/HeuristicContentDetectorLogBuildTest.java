package io.headroom4j.route;

import static io.headroom4j.compress.log.LogTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.DefaultCompressors;
import io.headroom4j.compress.log.LogTestSupport;

final class HeuristicContentDetectorLogBuildTest {

    private final HeuristicContentDetector detector = new HeuristicContentDetector();

    @ParameterizedTest
    @ValueSource(strings = {"log/app.log", "log/access.log"})
    void detectsApplicationAndAccessLogsAsLog(String path) {
        assertThat(detector.detect(fixture(path))).isEqualTo(ContentType.LOG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"build/maven-test-failure-ansi-progress.txt", "build/maven-test-failure-batch.txt",
        "build/maven-compile-error-e.txt", "build/surefire-TEST-CartTest.xml", "build/pytest.txt",
        "build/pytest-verbose.txt", "build/pytest-junit.xml", "build/cargo-test-failure.txt",
        "build/cargo-build-error.txt", "build/go-test-verbose.txt", "build/go-test.txt", "build/jest.txt",
        "build/npm-jest-verbose.txt", "build/node-test-tap.txt", "build/gradle-test-failure.txt",
        "build/gradle-test-failure-verbose-ansi.txt", "build/gradle-compile-error.txt"})
    void detectsRealBuildAndTestOutputAsBuildOutput(String path) {
        assertThat(detector.detect(fixture(path))).isEqualTo(ContentType.BUILD_OUTPUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"log/app.log", "build/maven-test-failure-batch.txt"})
    void detectsCrlfVariantsTheSame(String path) {
        String text = fixture(path);
        assertThat(detector.detect(text.replace("\n", "\r\n"))).isEqualTo(detector.detect(text));
    }

    @Test
    void keepsOtherTypesAsTheyWere() {
        StringBuilder grep = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            grep.append("src/main/java/a/B").append(i).append(".java:").append(i * 7).append(":    return error;\n");
        }
        assertThat(detector.detect(grep.toString())).isEqualTo(ContentType.SEARCH);
        assertThat(detector.detect("[{\"a\":1},{\"a\":2}]")).isEqualTo(ContentType.JSON);
        assertThat(detector.detect("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"))
                .isEqualTo(ContentType.DIFF);
    }

    @Test
    void defaultRouterSendsLogsAndBuildOutputToTheirCompressors() {
        CompressionContext ctx = LogTestSupport.lossyContext();
        ContentRouter router = DefaultCompressors.router(HeadroomConfig.defaults());
        ContentRouter.Routed log = router.route(fixture("log/app.log"), ctx);
        assertThat(log.type()).isEqualTo(ContentType.LOG);
        assertThat(log.compressed().transform()).isEqualTo("log.templates");
        ContentRouter.Routed build = router.route(fixture("build/pytest-verbose.txt"), ctx);
        assertThat(build.type()).isEqualTo(ContentType.BUILD_OUTPUT);
        assertThat(build.compressed().transform()).isEqualTo("build.fold");
    }
}
