package io.headroom4j.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** {@link O200kPieces} and {@link O200kTokenCounter} against jtokkit's own regular expression and counts. */
final class O200kPiecesProperties {

    /** jtokkit 1.1.0's o200k_base pattern, compiled with {@link Pattern#UNICODE_CHARACTER_CLASS}. */
    static final String O200K_REGEX = String.join("|",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+"
                    + "(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*"
                    + "(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "\\p{N}{1,3}",
            " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*",
            "\\s*[\\r\\n]+",
            "\\s+(?!\\S)",
            "\\s+");

    private static final Encoding JTOKKIT = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private static final Pattern REFERENCE = jtokkitPattern();
    private static final O200kTokenCounter OURS = new O200kTokenCounter(JTOKKIT);

    private static Pattern jtokkitPattern() {
        try {
            Field f = JTOKKIT.getClass().getDeclaredField("pattern");
            f.setAccessible(true);
            return (Pattern) f.get(JTOKKIT);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> regexPieces(String text) {
        return PieceChecks.regexPieces(REFERENCE, text);
    }

    static List<String> ourPieces(String text) {
        return PieceChecks.scanPieces(O200kPieces::end, text);
    }

    private static void assertSameAsJtokkit(String text) {
        assertThat(ourPieces(text)).isEqualTo(regexPieces(text));
        assertThat(OURS.count(text)).isEqualTo(JTOKKIT.countTokensOrdinary(text));
    }

    @Test
    void theReferenceIsJtokkitsOwnPattern() {
        assertThat(REFERENCE.pattern()).isEqualTo(O200K_REGEX);
        // UNICODE_CHARACTER_CLASS implies UNICODE_CASE, which Pattern adds to the flags it reports
        assertThat(REFERENCE.flags()).isEqualTo(Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE);
        assertThat(OURS.pieces().isDirect()).as("jtokkit's byte-pair encoder is reached directly").isTrue();
    }

    @Test
    void everySingleByteIsOneTokenAsThePieceCountersAssume() {
        Encoding cl100k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
        for (char c = 0; c < 0x80; c++) {
            assertThat(JTOKKIT.countTokensOrdinary(String.valueOf(c))).as("o200k U+%04X", (int) c).isEqualTo(1);
            assertThat(cl100k.countTokensOrdinary(String.valueOf(c))).as("cl100k U+%04X", (int) c).isEqualTo(1);
        }
    }

    @Test
    void everyCodePointIsClassedAsTheRegexClassesIt() {
        Matcher space = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS).matcher("");
        Matcher letter = Pattern.compile("\\p{L}", Pattern.UNICODE_CHARACTER_CLASS).matcher("");
        Matcher number = Pattern.compile("\\p{N}", Pattern.UNICODE_CHARACTER_CLASS).matcher("");
        Matcher upperish = Pattern.compile("[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]", Pattern.UNICODE_CHARACTER_CLASS)
                .matcher("");
        Matcher lowerish = Pattern.compile("[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]", Pattern.UNICODE_CHARACTER_CLASS)
                .matcher("");
        int checked = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = new String(Character.toChars(cp));   // a surrogate code point is a lone surrogate char
            assertThat(O200kPieces.isSpace(cp)).as("\\s U+%04X", cp).isEqualTo(space.reset(s).matches());
            assertThat(O200kPieces.isLetter(cp)).as("\\p{L} U+%04X", cp).isEqualTo(letter.reset(s).matches());
            assertThat(O200kPieces.isNumber(cp)).as("\\p{N} U+%04X", cp).isEqualTo(number.reset(s).matches());
            assertThat(O200kPieces.isUpperish(cp)).as("A U+%04X", cp).isEqualTo(upperish.reset(s).matches());
            assertThat(O200kPieces.isLowerish(cp)).as("B U+%04X", cp).isEqualTo(lowerish.reset(s).matches());
            checked++;
        }
        assertThat(checked).isEqualTo(0x110000);
    }

    @Test
    void contractionsFoldCaseLikeTheRegexForEveryChar() {
        Matcher contraction = Pattern.compile("(?i:'s|'t|'re|'ve|'m|'ll|'d)", Pattern.UNICODE_CHARACTER_CLASS)
                .matcher("");
        for (int c = 0; c < 0x10000; c++) {
            char ch = (char) c;
            for (String s : new String[] {"'" + ch, "'" + ch + "e", "'" + ch + "l", "'r" + ch, "'v" + ch, "'l" + ch,
                    ch + "s"}) {
                int expected = contraction.reset(s).lookingAt() ? contraction.end() : 0;
                assertThat(O200kPieces.contraction(s, 0, s.length())).as("%s U+%04X", s, c).isEqualTo(expected);
            }
        }
    }

    @Test
    void backtracksBetweenTheTwoLetterClassesLikeTheRegex() {
        assertSameAsJtokkit("\u3042B!");         // Lo then Lu: alternative 1 gives back the Lu
        assertSameAsJtokkit("\u02B0A\u02B0Bc");   // Lm inside an upper run
        assertSameAsJtokkit("A\u0301B\u0301!");   // marks are in both classes
        assertSameAsJtokkit("\u0301\u0301x");     // a mark as the prefix, then as the run
        assertSameAsJtokkit("\u01C5\u01C5a");     // titlecase
        assertSameAsJtokkit("HELLO'S world'LL DON'T \u017Fo's'\u017F");
        assertSameAsJtokkit("  x\t\ty \u00A0z\u2028w\u0085v \r\n\r\n  \n x   ");
        assertSameAsJtokkit("\uD800\uDC00\uD800x\uDC00y\uDBFF");
        assertSameAsJtokkit("1234567 \u0661\u0662\u0663\u0664 \uD835\uDFCE\uD835\uDFCF\uD835\uDFD0\uD835\uDFD1");
        assertSameAsJtokkit("a//b\n/\n//\r\n.. ./\n");
    }

    /** Code points that sit on the edges of the pattern's classes. */
    static final String[] TRICKY = {
        "a", "b", "z", "A", "Q", "\u00E9", "\u00C9", "\u00DF", "\u03B1", "\u0391", "\u0436", "\u0416",
        "\u01C5", "\u1F88",                     // Lt
        "\u02B0", "\u3005", "\uFF70",           // Lm
        "\u3042", "\u4E2D", "\uAC00", "\u05D0", "\u0627", "\u0E01",   // Lo
        "\uD835\uDC00", "\uD835\uDC1A", "\uD801\uDC00", "\uD801\uDC28", "\uD840\uDC00",   // supplementary letters
        "\u0301", "\u0308", "\u0903", "\u20DD", "\uFE0F", "\uD834\uDD67", "\u064B",   // Mn, Mc, Me, VS16
        "0", "5", "9", "\u0660", "\u0966", "\uFF10", "\u00BD", "\u00B2", "\u216B", "\u3007", "\uD835\uDFCE",
        " ", " ", " ", "\t", "\n", "\r", "\u000B", "\f", "\u0085", "\u00A0", "\u1680", "\u2000", "\u2009",
        "\u2028", "\u2029", "\u202F", "\u205F", "\u3000", "\u001C", "\u001F", "\u180E", "\u200B", "\uFEFF",
        "'", "'", "\u2019", "s", "S", "t", "T", "r", "R", "e", "E", "v", "V", "m", "M", "l", "L", "d", "D",
        "\u017F", "\u212A", "\u0130", "\u0131",
        ".", ",", "/", "-", "_", "(", ")", "{", "}", "\"", ":", ";", "!", "?", "<", ">", "|", "\\", "*", "#",
        "@", "$", "%", "=", "+", "~", "`", "^", "&", "[", "]", "\u00A7", "\u2014", "\u00B7",
        "\uD800", "\uDC00", "\uDBFF", "\uDFFF",   // lone surrogates
        "\uD83D\uDE00", "\uD83D\uDC4D", "\uD83C\uDFFD", "\u200D", "\u2764", "\uD83C\uDDFA\uD83C\uDDF8",
    };

    @Provide
    Arbitrary<String> tricky() {
        return trickyText();
    }

    @Provide
    Arbitrary<String> wordy() {
        return wordyText();
    }

    /** Up to 40 code points from {@link #TRICKY}. */
    static Arbitrary<String> trickyText() {
        return Arbitraries.of(TRICKY).list().ofMaxSize(40).map(l -> String.join("", l));
    }

    /** Words, numbers, contractions, paths and markup of several scripts, with spaces, newlines and punctuation. */
    static Arbitrary<String> wordyText() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(5),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(9),
                Arbitraries.of("don't", "DON'T", "we're", "They'VE", "I'm", "she'll", "he'd", "it's", "IT'S",
                        "o'clock", "rock'n'roll", "caf\u00E9", "cafe\u0301", "na\u00EFve", "\u00DCber", "Stra\u00DFe",
                        "\u041F\u0440\u0438\u0432\u0435\u0442", "\u65E5\u672C\u8A9E", "\u0645\u0631\u062D\u0628\u0627",
                        "\uD83D\uDE00\uD83D\uDE00", "getHTTPResponse", "XMLHttpRequest", "snake_case", "kebab-case",
                        "2026-01-02T03:04:05.678Z", "0xDEADbeef", "v1.2.3", "/usr/local/bin", "C:\\Windows",
                        "https://example.com/a?b=c", "{\"k\": [1, 2]}", "<div class=\"x\">", "->", "=>", "::",
                        "\u2026", "\u00AB\u00BB", "#!/bin/sh"));
        Arbitrary<String> gap = Arbitraries.of(" ", " ", "  ", "\n", "\r\n", "\t", "\n\n", "    ", " \n ", "\u00A0",
                "\u2028", "\u0085", "", ".", ", ", "'", "'s ", "/", "\n/", "\u3000");
        return Arbitraries.oneOf(word, gap).list().ofMaxSize(50).map(l -> String.join("", l));
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
    void piecesAndCountsMatchJtokkitOnAnyString(@ForAll @StringLength(max = 200) String text) {
        assertSameAsJtokkit(text);
    }

    @Property(tries = 1000)
    void atLeastAgreesWithTheFullCount(@ForAll("tricky") String text, @ForAll @IntRange(min = -1, max = 80) int n) {
        assertThat(OURS.atLeast(text, n)).isEqualTo(JTOKKIT.countTokensOrdinary(text) >= n);
    }

    @Property(tries = 1000)
    void aPieceSplitAgainIsItself(@ForAll("tricky") String text) {
        for (String piece : regexPieces(text)) {
            assertThat(regexPieces(piece)).containsExactly(piece);
        }
    }

    @Property(tries = 1000)
    void aPieceCountsTheSameDirectlyAndThroughThePublicApi(@ForAll("wordy") String text) {
        PieceCounter pieces = OURS.pieces();
        for (String piece : regexPieces(text)) {
            assertThat(pieces.encode(piece)).isEqualTo(JTOKKIT.countTokensOrdinary(piece));
        }
    }

    /** Every file under the test fixtures (all types), as read. */
    static List<Path> fixtureFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of("src/test/resources/fixtures"))) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void everyFixtureSplitsAndCountsLikeJtokkit() throws IOException {
        List<Path> files = fixtureFiles();
        assertThat(files).hasSizeGreaterThan(50);
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (String text : new String[] {new String(bytes, StandardCharsets.UTF_8),
                    new String(bytes, StandardCharsets.ISO_8859_1)}) {
                assertThat(ourPieces(text)).as("%s", file).isEqualTo(regexPieces(text));
                assertThat(OURS.count(text)).as("%s", file).isEqualTo(JTOKKIT.countTokensOrdinary(text));
                int exact = OURS.count(text);
                assertThat(OURS.atLeast(text, exact)).isTrue();
                assertThat(OURS.atLeast(text, exact + 1)).isFalse();
            }
        }
    }

    @Test
    void threadsSharingOnePieceTableCountExactly() throws Exception {
        // The table is written racily by design; readers must only ever see whole entries.
        O200kTokenCounter shared = new O200kTokenCounter(JTOKKIT);
        List<String> texts = new ArrayList<>();
        for (Path file : fixtureFiles()) {
            if (texts.size() < 12 && Files.size(file) < 120_000) {
                texts.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        int[] expected = texts.stream().mapToInt(JTOKKIT::countTokensOrdinary).toArray();
        PieceChecks.countsExactOnFourThreads(shared, texts, expected);
    }
}
