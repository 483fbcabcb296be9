package io.headroom4j.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * {@link Cl100kPieces} against tiktoken's cl100k_base pattern and jtokkit's own cl100k parser (run without
 * assertions, as in production, so lone surrogates are compared too).
 */
final class Cl100kPiecesProperties {

    /** tiktoken's cl100k_base pattern, which jtokkit's parser implements; jtokkit's regex flags. */
    static final Pattern CL100K_REGEX = Pattern.compile("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
            + "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    static final JtokkitWithoutAsserts JTOKKIT = new JtokkitWithoutAsserts();
    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
    private static final Cl100kTokenCounter OURS = new Cl100kTokenCounter(CL100K, "cl100k_base");

    static List<String> regexPieces(String text) {
        return PieceChecks.regexPieces(CL100K_REGEX, text);
    }

    static List<String> ourPieces(String text) {
        return PieceChecks.scanPieces(Cl100kPieces::end, text);
    }

    /** Pieces as hex strings, so lists of byte arrays compare by content and print readably. */
    private static List<String> hex(List<byte[]> pieces) {
        List<String> out = new ArrayList<>();
        for (byte[] piece : pieces) {
            out.add(HexFormat.of().formatHex(piece));
        }
        return out;
    }

    static void assertSameAsJtokkit(String text) {
        List<String> ours = ourPieces(text);
        assertThat(ours).as("pieces against the pattern").isEqualTo(regexPieces(text));
        assertThat(hex(ours.stream().map(Cl100kPieces::utf8).toList())).as("pieces' bytes against jtokkit's parser")
                .isEqualTo(hex(JTOKKIT.pieces(text)));
        assertThat(OURS.count(text)).as("count").isEqualTo(JTOKKIT.countTokensOrdinary(text));
    }

    @Test
    void theReferenceRunsWithoutAssertionsAndDiffersFromGetBytesOnLoneSurrogates() {
        assertThat(OURS.isDirect()).as("jtokkit's byte-pair encoder is reached directly").isTrue();
        // jtokkit's parser writes a lone surrogate as three bytes; String.getBytes would write '?'
        assertThat(hex(JTOKKIT.pieces("\uD800"))).containsExactly("eda080");
        assertThat(Cl100kPieces.utf8("x\uD800y\uDFFF\uD83D\uDE00")).isEqualTo(new byte[] {'x', (byte) 0xED,
            (byte) 0xA0, (byte) 0x80, 'y', (byte) 0xED, (byte) 0xBF, (byte) 0xBF, (byte) 0xF0, (byte) 0x9F,
            (byte) 0x98, (byte) 0x80});
        assertThat(JTOKKIT.countTokensOrdinary("a\uD800")).isEqualTo(OURS.count("a\uD800"));
    }

    @Test
    void everyCodePointIsClassedAsJtokkitAndTheRegexClassIt() {
        Matcher space = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS).matcher("");
        Matcher letter = Pattern.compile("\\p{L}", Pattern.UNICODE_CHARACTER_CLASS).matcher("");
        Matcher number = Pattern.compile("\\p{N}", Pattern.UNICODE_CHARACTER_CLASS).matcher("");
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = new String(Character.toChars(cp));   // a surrogate code point is a lone surrogate char
            boolean isLetter = Cl100kPieces.isLetter(cp);
            boolean isNumber = Cl100kPieces.isNumber(cp);
            boolean isSpace = Cl100kPieces.isSpace(cp);
            assertThat(isLetter).as("letter U+%04X", cp).isEqualTo(JTOKKIT.isLetter(cp))
                    .isEqualTo(letter.reset(s).matches());
            assertThat(isNumber).as("number U+%04X", cp).isEqualTo(JTOKKIT.isNumeric(cp))
                    .isEqualTo(number.reset(s).matches());
            assertThat(isSpace).as("space U+%04X", cp).isEqualTo(JTOKKIT.isWhitespace(cp))
                    .isEqualTo(space.reset(s).matches());
            // jtokkit's combined test has wider bounds than isNumeric; the scan assumes they agree (JDK 25: they do)
            assertThat(isLetter || isNumber).as("letter or number U+%04X", cp)
                    .isEqualTo(JTOKKIT.isLetterOrNumeric(cp));
        }
    }

    @Test
    void contractionsFoldCaseLikeJtokkitAndTheRegexForEveryChar() {
        Matcher contraction = Pattern.compile("(?i:'s|'t|'re|'ve|'m|'ll|'d)", Pattern.UNICODE_CHARACTER_CLASS)
                .matcher("");
        for (int c = 0; c < 0x10000; c++) {
            char ch = (char) c;
            for (String s : new String[] {"'" + ch, "'" + ch + "e", "'" + ch + "l", "'r" + ch, "'v" + ch, "'l" + ch,
                    "'" + ch + "E", "'" + ch + "L", "'R" + ch, "'V" + ch, "'L" + ch}) {
                int expected = contraction.reset(s).lookingAt() ? contraction.end() : 0;
                assertThat(Cl100kPieces.contraction(s, 0, s.length())).as("%s U+%04X", s, c).isEqualTo(expected);
                int jtokkit = JTOKKIT.isShortContraction(s.charAt(1)) ? 2
                        : s.length() > 2 && JTOKKIT.isLongContraction(s.charAt(1), s.charAt(2)) ? 3 : 0;
                assertThat(jtokkit).as("jtokkit %s U+%04X", s, c).isEqualTo(expected);
            }
        }
    }

    @Test
    void edgesOfEachAlternativeSplitLikeJtokkit() {
        assertSameAsJtokkit("HELLO'S world'LL DON'T \u017Fo's'\u017F 'Re 'vE '\u017Fx 'lL 'x ''s '");
        assertSameAsJtokkit("a\u0301b \u0301x \u0301\u0301 caf\u00E9 cafe\u0301 \u02B0A\u3042B!");   // marks
        assertSameAsJtokkit("  x\t\ty \u00A0z\u2028w\u0085v \r\n\r\n  \n x   ");
        assertSameAsJtokkit("\n\n\n \n\t\r\r\n  \u000B\u000C\u001C\u001F x\n\n");
        assertSameAsJtokkit("\uD800\uDC00\uD800x\uDC00y\uDBFF \uD800 \uDFFF\n\uD800\uD800.");
        assertSameAsJtokkit("1234567 \u0661\u0662\u0663\u0664 \uD835\uDFCE\uD835\uDFCF\uD835\uDFD0\uD835\uDFD1"
                + " \u00BD\u00B2x3");
        assertSameAsJtokkit("a//b\n/\n//\r\n.. ./\n ,\r\r\n\n !x \"y\" \n.");
        assertSameAsJtokkit("\uD83D\uDE00\uD83D\uDC4D\uD83C\uDFFD x\u200D\uD83D\uDE00 \uD83C\uDDFA\uD83C\uDDF8!");
        assertSameAsJtokkit(" ");
        assertSameAsJtokkit("'");
        assertSameAsJtokkit("\r");
        assertSameAsJtokkit("\u0000'\u0000s");
    }

    @Test
    void everyTwoAsciiCharAndThreeDigitPieceCountsLikeJtokkitFromItsSmallTable() {
        Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        O200kTokenCounter o200kCounter = new O200kTokenCounter(o200k);
        Cl100kTokenCounter cl100kCounter = new Cl100kTokenCounter(CL100K, "cl100k_base");
        List<String> small = new ArrayList<>();
        for (char a = 0; a < 0x80; a++) {
            for (char b = 0; b < 0x80; b++) {
                small.add("" + a + b);
            }
        }
        for (int d = 0; d < 1000; d++) {
            small.add(String.format(Locale.ROOT, "%03d", d));
        }
        int cl100kPieces = 0;
        int o200kPieces = 0;
        for (int round = 0; round < 2; round++) {   // the second round reads the filled table
            for (String s : small) {
                if (ourPieces(s).size() == 1) {
                    assertThat(cl100kCounter.pieces().count(s, 0, s.length())).as("cl100k %s", s)
                            .isEqualTo(JTOKKIT.countTokensOrdinary(s));
                    cl100kPieces++;
                }
                if (O200kPiecesProperties.ourPieces(s).size() == 1) {
                    assertThat(o200kCounter.pieces().count(s, 0, s.length())).as("o200k %s", s)
                            .isEqualTo(o200k.countTokensOrdinary(s));
                    o200kPieces++;
                }
            }
        }
        assertThat(cl100kPieces).isGreaterThan(2 * 5000);
        assertThat(o200kPieces).isGreaterThan(2 * 5000);
    }

    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    /** Counters whose small tables fill across the tries, so later tries read entries earlier ones wrote. */
    private static final O200kTokenCounter O200K_COUNTER = new O200kTokenCounter(O200K);
    private static final Cl100kTokenCounter CL100K_COUNTER = new Cl100kTokenCounter(CL100K, "cl100k_base");

    /** Short ASCII text (NUL and DEL included), so the small tables of both piece counters see many keys. */
    @Provide
    Arbitrary<String> ascii() {
        return Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(12),
                Arbitraries.strings().withChars("\u0000\u007F ab").ofMaxLength(10),
                Arbitraries.strings().withChars(" aA0.\n").ofMaxLength(12));
    }

    @Property(tries = 3000)
    void shortAsciiPiecesCountLikeJtokkitFromTheSmallTables(@ForAll("ascii") String text) {
        int cl100k = JTOKKIT.countTokensOrdinary(text);
        int o200k = O200K.countTokensOrdinary(text);
        for (int round = 0; round < 2; round++) {
            assertThat(CL100K_COUNTER.count(text)).as("cl100k").isEqualTo(cl100k);
            assertThat(O200K_COUNTER.count(text)).as("o200k").isEqualTo(o200k);
        }
    }

    /** Tricky code points of O200kPiecesProperties plus Unicode spaces and digits that cl100k classes. */
    @Provide
    Arbitrary<String> tricky() {
        return O200kPiecesProperties.trickyText();
    }

    @Provide
    Arbitrary<String> wordy() {
        return O200kPiecesProperties.wordyText();
    }

    /** Runs of whitespace of every kind with newlines, apostrophes and letters between them. */
    @Provide
    Arbitrary<String> spacy() {
        return Arbitraries.of(" ", " ", "\t", "\n", "\r", "\u000B", "\f", "\u0085", "\u00A0", "\u2028", "\u3000",
                        "x", "1", ".", "'", "s", "\uD800", "\u0301")
                .list().ofMaxSize(30).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void piecesAndCountsMatchJtokkitOnTrickyText(@ForAll("tricky") String text) {
        assertSameAsJtokkit(text);
    }

    @Property(tries = 2000)
    void piecesAndCountsMatchJtokkitOnWordyText(@ForAll("wordy") String text) {
        assertSameAsJtokkit(text);
    }

    @Property(tries = 2000)
    void piecesAndCountsMatchJtokkitOnWhitespaceRuns(@ForAll("spacy") String text) {
        assertSameAsJtokkit(text);
    }

    @Property(tries = 2000)
    void piecesAndCountsMatchJtokkitOnAnyString(@ForAll @StringLength(max = 200) String text) {
        assertSameAsJtokkit(text);
    }

    @Property(tries = 1000)
    void aPieceSplitAgainIsItself(@ForAll("tricky") String text) {
        for (String piece : regexPieces(text)) {
            assertThat(regexPieces(piece)).containsExactly(piece);
        }
    }

    @Property(tries = 1000)
    void aPieceCountsTheSameDirectlyAndThroughThePublicApi(@ForAll("tricky") String text) {
        PieceCounter pieces = OURS.pieces();
        for (String piece : ourPieces(text)) {
            assertThat(pieces.encode(piece)).isEqualTo(JTOKKIT.countTokensOrdinary(piece));
        }
    }

    @Test
    void everyFixtureSplitsAndCountsLikeJtokkit() throws IOException {
        List<Path> files = O200kPiecesProperties.fixtureFiles();
        assertThat(files).hasSizeGreaterThan(50);
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (String text : new String[] {new String(bytes, StandardCharsets.UTF_8),
                    new String(bytes, StandardCharsets.ISO_8859_1)}) {
                List<String> ours = ourPieces(text);
                assertThat(ours).as("%s", file).isEqualTo(regexPieces(text));
                assertThat(hex(ours.stream().map(Cl100kPieces::utf8).toList())).as("%s", file)
                        .isEqualTo(hex(JTOKKIT.pieces(text)));
                int exact = JTOKKIT.countTokensOrdinary(text);
                assertThat(OURS.count(text)).as("%s", file).isEqualTo(exact);
                assertThat(OURS.atLeast(text, exact)).isTrue();
                assertThat(OURS.atLeast(text, exact + 1)).isFalse();
            }
        }
    }
}
