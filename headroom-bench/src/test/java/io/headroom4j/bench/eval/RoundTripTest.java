package io.headroom4j.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
