package io.headroom4j.route;

import static io.headroom4j.compress.log.LogTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        "build/npm-jest-verbose.txt", "build/node-test-tap.txt"})
    void detectsRealBuildAndTestOutputAsBuildOutput(String path) {
        assertThat(detector.detect(fixture(path))).isEqualTo(ContentType.BUILD_OUTPUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"log/app.log", "build/maven-test-failure-batch.txt"})
    void detectsCrlfVariantsTheSame(String path) {
        String text = fixture(path);
        assertThat(detector.detect(text.replace("\n", "\r\n"))).isEqualTo(detector.detect(text));
    }
}
