package io.headroom4j.compress.log;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

final class LogLinesTest {

    @Test
    void keepsEachLinesOwnTerminator() {
        LogLines lines = LogLines.of("a\r\nb\nc\rd\n\ne");
        assertThat(lines.count()).isEqualTo(5);
        assertThat(lines.line(0)).isEqualTo("a");
        assertThat(lines.terminator(0)).isEqualTo("\r\n");
        assertThat(lines.line(2)).isEqualTo("c\rd");
        assertThat(lines.isBlank(3)).isTrue();
        assertThat(lines.terminator(4)).isEmpty();
        assertThat(LogLines.of("").count()).isZero();
        assertThat(LogLines.of("x\n").count()).isEqualTo(1);
    }

    @Property(tries = 300)
    void linesWithTerminatorsConcatenateToTheText(@ForAll String text) {
        LogLines lines = LogLines.of(text);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.count(); i++) {
            sb.append(lines.withTerminator(i));
        }
        assertThat(sb.toString()).isEqualTo(text);
    }

    @Test
    void finalStateIsWhatATerminalShows() {
        String line = "Progress (1): 4.1/8.2 kB\rProgress (1): 8.2 kB    \r                    \rDownloaded x (8.2 kB)";
        assertThat(LineFolder.finalState(line, 0, line.length())).isEqualTo("Downloaded x (8.2 kB)");
        assertThat(LineFolder.finalState("abcdef\rXY", 0, 9)).isEqualTo("XYcdef");
        assertThat(LineFolder.finalState("plain", 0, 5)).isNull();
    }
}
