package io.headroom4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Plain-line progress, as shown when output is not a terminal. */
final class ProgressTest {

    @Test
    void plainProgressPrintsAtMostElevenLinesPlusTheStart() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.plain("compress", 100, out)) {
            for (int i = 0; i < 100; i++) {
                p.step("file" + i);
            }
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).first().isEqualTo("compress: 0/100");
        assertThat(text.lines().count()).isLessThanOrEqualTo(12);
        assertThat(text).contains("compress: 100/100 file99").doesNotContain("\r");
    }

    @Test
    void stoppedWorkSaysSo() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = Progress.plain("bench", 3, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            p.step(null);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("bench: 1/3 (stopped)");
    }
}
