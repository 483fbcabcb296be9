package io.headroom4j.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.headroom4j.compress.json.JsonTableCompressor;
import io.headroom4j.compress.json.JsonTables;

final class RoundTripTest {

    private final RoundTrip roundTrip = new RoundTrip();

    @Test
    void neverClaimsExactnessForATransformWithoutADecoder() {
        assertThat(roundTrip.check("a\nb\n", "a,b", "no.such.transform", true)).isEqualTo(RoundTrip.Outcome.NO_DECODER);
    }

    @Test
    void tellsUnchangedAndLossyOutputsApart() {
        assertThat(roundTrip.check("same", "same", "x", true)).isEqualTo(RoundTrip.Outcome.UNCHANGED);
        assertThat(roundTrip.check("long input", "short", "x", false)).isEqualTo(RoundTrip.Outcome.LOSSY);
    }

    @Test
    void decodesJsonTablesExactlyForCompactInputAndAsEqualValuesForPrettyInput() {
        String compact = "[{\"id\":1,\"state\":\"open\",\"score\":1.0},{\"id\":2,\"state\":\"open\",\"score\":2.50},"
                + "{\"id\":3,\"state\":\"open\",\"score\":-0}]";
        String table = JsonTables.encode(compact);
        assertThat(table).isNotEqualTo(compact).startsWith("[3]{");
        assertThat(roundTrip.check(compact, table, JsonTableCompressor.TABLE, true))
                .isEqualTo(RoundTrip.Outcome.EXACT);
        String pretty = compact.replace("{", "{\n  ").replace(",\"", ",\n  \"").replace("}", "\n}");
        assertThat(roundTrip.check(pretty, table, JsonTableCompressor.TABLE, true))
                .isEqualTo(RoundTrip.Outcome.EQUAL_VALUE);
        assertThat(roundTrip.check(pretty, compact, JsonTableCompressor.MINIFY, true))
                .isEqualTo(RoundTrip.Outcome.EQUAL_VALUE);
    }

    @Test
    void reportsAJsonTableThatDecodesToAnotherValueAsAMismatch() {
        String compact = "[{\"id\":1,\"score\":1.0},{\"id\":2,\"score\":2}]";
        String other = "[{\"id\":1,\"score\":1},{\"id\":2,\"score\":2}]";
        assertThat(roundTrip.check(compact, JsonTables.encode(other), JsonTableCompressor.TABLE, true))
                .isEqualTo(RoundTrip.Outcome.MISMATCH);
        assertThat(roundTrip.check(compact, "not a table {", JsonTableCompressor.TABLE, true))
                .isEqualTo(RoundTrip.Outcome.MISMATCH);
    }
}
