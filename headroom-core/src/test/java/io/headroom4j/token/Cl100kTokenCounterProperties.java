package io.headroom4j.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** {@link Cl100kTokenCounter} (our pieces, jtokkit's encoder, a piece table) against jtokkit's counts. */
final class Cl100kTokenCounterProperties {

    private static final Encoding JTOKKIT = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    /** One counter for the whole class, so its table fills and later tries hit entries earlier tries wrote. */
    private static final Cl100kTokenCounter OURS = new Cl100kTokenCounter(JTOKKIT, "cl100k_base");

    /**
     * jtokkit without its assertions: on lone surrogates its cl100k parser fails an {@code assert} ("Input is not
     * UTF-8"), which the tests run with enabled; without {@code -ea} (production) it counts them, as we do.
     */
    private static final JtokkitWithoutAsserts PRODUCTION_JTOKKIT = Cl100kPiecesProperties.JTOKKIT;
    private static final Cl100kTokenCounter NO_TABLE = new Cl100kTokenCounter(JTOKKIT, "cl100k_base", false);

    /** Tricky text without lone surrogates, which {@link #JTOKKIT} (assertions on) can count. */
    @Provide
    Arbitrary<String> tricky() {
        return O200kPiecesProperties.trickyText().filter(Cl100kTokenCounterProperties::isWellFormed);
    }

    /** Tricky text, lone surrogates included. */
    @Provide
    Arbitrary<String> trickyAny() {
        return O200kPiecesProperties.trickyText();
    }

    static boolean isWellFormed(String s) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }

    @Provide
    Arbitrary<String> wordy() {
        return O200kPiecesProperties.wordyText();
    }

    @Test
    void reachesJtokkitsParserAndEncoder() {
        assertThat(OURS.isDirect()).isTrue();
        assertThat(TokenCounters.cl100k().name()).isEqualTo("cl100k_base");
        assertThat(TokenCounters.forModel("claude-sonnet-4-5")).isInstanceOf(Cl100kTokenCounter.class);
    }

    @Property(tries = 3000)
    void countsMatchJtokkitOnTrickyText(@ForAll("tricky") String text) {
        assertThat(OURS.count(text)).isEqualTo(JTOKKIT.countTokensOrdinary(text));
        assertThat(OURS.count(text)).as("again, from the table").isEqualTo(JTOKKIT.countTokensOrdinary(text));
    }

    @Property(tries = 2000)
    void countsMatchJtokkitWithoutAssertsOnTextWithLoneSurrogates(@ForAll("trickyAny") String text) {
        int expected = PRODUCTION_JTOKKIT.countTokensOrdinary(text);
        assertThat(OURS.count(text)).isEqualTo(expected);
        assertThat(NO_TABLE.count(text)).as("without the table").isEqualTo(expected);
        assertThat(OURS.count(text)).as("again, from the table").isEqualTo(expected);
    }

    @Property(tries = 2000)
    void countsMatchJtokkitOnWordyText(@ForAll("wordy") String text) {
        assertThat(OURS.count(text)).isEqualTo(JTOKKIT.countTokensOrdinary(text));
    }

    @Property(tries = 2000)
    void countsMatchJtokkitOnAnyString(@ForAll @StringLength(max = 200) String text) {
        Assume.that(isWellFormed(text));
        assertThat(OURS.count(text)).isEqualTo(JTOKKIT.countTokensOrdinary(text));
    }

    @Property(tries = 1000)
    void countsMatchJtokkitWithoutAssertsOnAnyString(@ForAll @StringLength(max = 200) String text) {
        assertThat(OURS.count(text)).isEqualTo(PRODUCTION_JTOKKIT.countTokensOrdinary(text));
    }

    @Property(tries = 1000)
    void atLeastAgreesWithTheFullCount(@ForAll("trickyAny") String text,
                                       @ForAll @IntRange(min = -1, max = 80) int n) {
        assertThat(OURS.atLeast(text, n)).isEqualTo(PRODUCTION_JTOKKIT.countTokensOrdinary(text) >= n);
    }

    @Test
    void theClaudeEstimateSharesTheCl100kCounts() {
        TokenCounter claude = TokenCounters.forModel("claude-sonnet-4-5");
        assertThat(claude.name()).isEqualTo("cl100k_base (Claude estimate)");
        for (String text : new String[] {"Hello, world! It's 2026.\n", "\uD800 lone", "  x\r\n\r\n  y"}) {
            assertThat(claude.count(text)).isEqualTo(PRODUCTION_JTOKKIT.countTokensOrdinary(text))
                    .isEqualTo(TokenCounters.cl100k().count(text));
        }
    }

    @Test
    void threadsSharingOnePieceTableCountExactly() throws Exception {
        // The table is written racily by design; readers must only ever see whole entries.
        Cl100kTokenCounter shared = new Cl100kTokenCounter(JTOKKIT, "cl100k_base");
        List<String> texts = new ArrayList<>();
        for (Path file : O200kPiecesProperties.fixtureFiles()) {
            if (texts.size() < 12 && Files.size(file) < 120_000) {
                texts.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        int[] expected = texts.stream().mapToInt(JTOKKIT::countTokensOrdinary).toArray();
        PieceChecks.countsExactOnFourThreads(shared, texts, expected);
    }

    @Test
    void everyFixtureCountsLikeJtokkit() throws IOException {
        for (Path file : O200kPiecesProperties.fixtureFiles()) {
            byte[] bytes = Files.readAllBytes(file);
            for (String text : new String[] {new String(bytes, StandardCharsets.UTF_8),
                    new String(bytes, StandardCharsets.ISO_8859_1)}) {
                assertThat(isWellFormed(text)).isTrue();
                int exact = JTOKKIT.countTokensOrdinary(text);
                assertThat(OURS.count(text)).as("%s", file).isEqualTo(exact);
                assertThat(NO_TABLE.count(text)).as("%s without the table", file).isEqualTo(exact);
                assertThat(OURS.atLeast(text, exact)).isTrue();
                assertThat(OURS.atLeast(text, exact + 1)).isFalse();
            }
        }
    }
}
