package io.headroom4j.compress.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class DrainParserTest {

    private static String mask(String line) {
        StringBuilder sb = new StringBuilder();
        DrainParser.mask(line, 0, line.length(), sb);
        return sb.toString();
    }

    @Test
    void masksVariablePartsButKeepsSmallStandaloneNumbersAndUnits() {
        assertThat(mask("GET /api/orders/41797 200 36ms requestId=831e23394a6c2b2c"))
                .isEqualTo("GET /api/orders/<*> 200 <*>ms requestId=<*>");
        assertThat(mask("connected to 10.4.5.60:5432 in 1.5s"))
                .isEqualTo("connected to <*>:<*> in <*>s");
        assertThat(mask("job 3f2a9c0d-81e4-4b7a-965c-2d9e10aa0b1c done at 2026-11-24T10:14:05.821Z"))
                .isEqualTo("job <*> done at <*>:<*>:<*>Z");
        assertThat(mask("\u001b[1;34mINFO\u001b[m   spaced\ttabs")).isEqualTo("INFO spaced tabs");
    }

    @Test
    void mergesLinesThatDifferInFewTokensIntoOneTemplate() {
        // Drain routes by the first two tokens, so the variable parts here come later in the line.
        String text = "session opened for alice from web\nsession opened for bob from web\n"
                + "session opened for carol from app\ndisk full on /var\n";
        DrainParser drain = new DrainParser();
        int[] ids = drain.parse(LogLines.of(text), null);
        assertThat(ids[0]).isEqualTo(ids[1]).isEqualTo(ids[2]);
        assertThat(ids[3]).isNotEqualTo(ids[0]);
        assertThat(drain.templates().get(ids[0]).text()).isEqualTo("session opened for <*> from <*>");
        assertThat(drain.templates().get(ids[0]).size()).isEqualTo(3);
        assertThat(drain.templates().get(ids[0]).firstLine()).isZero();
    }

    @Test
    void boundsTheTokensLookedAtOnAHugeLine() {
        String line = "word ".repeat(10_000);
        StringBuilder sb = new StringBuilder();
        assertThat(DrainParser.mask(line, 0, line.length(), sb)).isEqualTo(256);
        assertThat(sb.toString()).endsWith(" <*>");
    }
}
