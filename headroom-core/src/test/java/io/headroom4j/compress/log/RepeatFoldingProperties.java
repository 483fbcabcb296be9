package io.headroom4j.compress.log;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

final class RepeatFoldingProperties {

    @Property(tries = 500)
    void decodeOfEncodeIsTheInput(@ForAll("repetitiveTexts") String text) {
        String encoded = RepeatFolding.encode(text);
        assertThat(RepeatFolding.decode(encoded)).isEqualTo(text);
        assertThat(encoded.length()).isLessThanOrEqualTo(text.length());
    }

    @Property(tries = 200)
    void textThatAlreadyHoldsTheNotationIsLeftAlone(@ForAll("repetitiveTexts") String text) {
        String tricky = text + RepeatFolding.NOTATION_PREFIX + "3 more times]\n";
        assertThat(RepeatFolding.encode(tricky)).isSameAs(tricky);
    }

    @Provide
    Arbitrary<String> repetitiveTexts() {
        Arbitrary<String> line = Arbitraries.of("", "a", "same line", "ERROR boom", " x ", "\u00e9\u20ac", "tab\there",
                "progress 10%\rprogress 100%");
        Arbitrary<String> ending = Arbitraries.of("\n", "\r\n", "\n", "\n");
        Arbitrary<String> block = Combinators.combine(line, ending, Arbitraries.integers().between(1, 12))
                .as((l, e, times) -> (l + e).repeat(times));
        return block.list().ofMaxSize(12).flatMap(blocks -> Arbitraries.of("", "tail", "same line")
                .map(tail -> String.join("", blocks) + tail));
    }
}
