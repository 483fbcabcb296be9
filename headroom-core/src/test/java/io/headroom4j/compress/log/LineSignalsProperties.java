package io.headroom4j.compress.log;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

final class LineSignalsProperties {

    /**
     * {@link LineSignals#classify} scans each line in a reused array whose prefix tests stop at the line's end;
     * the String forms see the whole text after the line. Both must give the same verdict on every line.
     */
    @Property(tries = 1000)
    void scanningALineAloneAnswersAsScanningItInTheWholeText(@ForAll("logs") String text) {
        LogLines lines = LogLines.of(text);
        for (int i = 0; i < lines.count(); i++) {
            int s = lines.start(i);
            int e = lines.end(i);
            char[] line = lines.line(i).toCharArray();
            assertThat(LineSignals.isErrorLike(line, 0, line.length)).isEqualTo(LineSignals.isErrorLike(text, s, e));
            assertThat(LineSignals.isStackFrame(line, 0, line.length, line.length))
                    .as("line %d of %s", i, text).isEqualTo(LineSignals.isStackFrame(text, s, e));
        }
    }

    @Provide
    Arbitrary<String> logs() {
        Arbitrary<String> piece = Arbitraries.of("at ", "at", "a", "t", "... ", "...", "1", "0", "Caused by:", " ",
                "Caused by: x", "Suppressed:", "File \"", "\", line ", "goroutine", "goroutine 7", "node:", "x:12",
                "(", ")", "<anonymous>", "<anon", "\t", "/", ".go:", "4: x", "\r", "\n", "\r\n", "error", "ok",
                "exit 1", "503", "\"GET /x\" ", "Failures: 0");
        return piece.list().ofMaxSize(30).map(p -> String.join("", p));
    }
}
