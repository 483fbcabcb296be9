package io.headroom4j.compress.json;

import java.io.IOException;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compressor's fast paths give exactly what the slower code they replace gave: number parsing, error words,
 * item lengths taken from the tree, and keys predicted from the previous row.
 */
final class FastPathEquivalenceProperties {

    @Property(tries = 2000)
    void numbersParseLikeParseDouble(@ForAll("numberLiterals") String literal) {
        assertThat(Double.doubleToRawLongBits(ItemSelector.toDouble(literal)))
                .as(literal).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(literal)));
    }

    @Provide
    Arbitrary<String> numberLiterals() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(19);
        Arbitrary<String> generated = net.jqwik.api.Combinators.combine(Arbitraries.of("", "-"), digits,
                Arbitraries.of("", "."), digits, Arbitraries.of("", "e5", "E-3", "e+300"))
                .as((sign, a, dot, b, exp) -> {
                    String intPart = a.length() > 1 && a.charAt(0) == '0' ? a.substring(1) : a;
                    return sign + intPart + (dot.isEmpty() ? "" : dot + b) + exp;
                });
        return Arbitraries.oneOf(generated, Arbitraries.of(RandomJson.NUMBERS),
                Arbitraries.of("0", "-0", "-0.0", "0.000", "9007199254740993", "999999999999999",
                        "0.1", "25.19", "-83.37", "123456789012345.6", "1.7976931348623157"));
    }

    @Property(tries = 3000)
    void errorWordsMatchRegionMatches(@ForAll("texts") String text) {
        assertThat(ErrorSignals.containsErrorWord(text)).as(text).isEqualTo(slowContainsErrorWord(text));
    }

    @Example
    void errorWordsFoldLikeRegionMatches() {
        for (String s : List.of("ERROR", "Time Out", "timed out", "timed\u0000out", "tracebac\u212A", "ﬁne",
                "fa\u0130led", "FAİLED", "crash", "cra\u017Fh", "timeou", "xdenied", "refuse")) {
            assertThat(ErrorSignals.containsErrorWord(s)).as(s).isEqualTo(slowContainsErrorWord(s));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> words = Arbitraries.of("error", "ERROR", "Exception", "failed", "FAILURE", "fatal",
                "panic", "traceback", "timed out", "TIMED OUT", "timeout", "denied", "refused", "crash", "erro",
                "tim", "fai", " ", "x", "\u212A", "\u0130", "\u0131", "\u017F", "é", "日本", "\u0000");
        return words.list().ofMaxSize(6).map(l -> String.join("", l));
    }

    private static final String[] WORDS = {
        "error", "exception", "failed", "failure", "fatal", "panic", "traceback", "timed out", "timeout",
        "denied", "refused", "crash",
    };

    /** The implementation before the ASCII fast path. */
    private static boolean slowContainsErrorWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            char l = (char) (s.charAt(i) | 0x20);
            for (String w : WORDS) {
                if (w.charAt(0) == l && s.regionMatches(true, i, w, 0, w.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    @Property(tries = 300)
    void itemLengthsTextsAndShapesEqualTheWrittenTexts(@ForAll("rowArrays") JsonValue rows) throws IOException {
        String json = JsonWriter.toJson(rows);
        JsonReader.Document doc = JsonReader.read(json);
        List<JsonValue> items = ((JsonValue.Arr) doc.values().get(0)).items();
        ItemTexts fast = new ItemTexts(items, !doc.hasEscapes());
        ItemTexts shapesFirst = new ItemTexts(items, !doc.hasEscapes());
        for (int i = 0; i < items.size(); i++) {
            String slow = JsonWriter.toJson(items.get(i));
            assertThat(shapesFirst.shape(i)).isEqualTo(ItemSelector.shape(slow));   // folded from the buffer
            assertThat(fast.lengths()[i]).isEqualTo(slow.length());
            assertThat(fast.text(i)).isEqualTo(slow);
            assertThat(fast.shape(i)).isEqualTo(ItemSelector.shape(slow));   // folded from the kept text
        }
    }

    @Provide
    Arbitrary<JsonValue> rowArrays() {
        return RandomJson.rowArrays();
    }

    @Property(tries = 300)
    void predictedKeysReadTheSameTreeAsJackson(@ForAll("rowArrays") JsonValue rows) throws IOException {
        // Rows repeated with small changes: same keys, a key with an escape, a key cut short or longer.
        String row = JsonWriter.toJson(rows);
        String text = "[" + row + "," + row + "," + row.replace("\"id\"", "\"i\\u0064\"") + ","
                + row.replace("\"name\"", "\"nam\"") + "," + row.replace("\"id\"", "\"ID\"") + "," + row + "]";
        assertThat(JsonReader.readAll(text)).isEqualTo(List.of(JsonReaderTest.jackson(text).get(0)));
    }

    @Example
    void predictedKeysStillRefuseBrokenKeys() {
        String good = "{\"ab\":1}";
        for (String bad : List.of("{\"ab\u0001\":1}", "{\"a\ud800\":1}", "{\"ab\":1,\"ab", "{\"a\"b\":1}")) {
            String text = "[" + good + "," + good + "," + good + "," + bad + "]";
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonReader.readAll(text)).as(bad)
                    .isInstanceOf(IOException.class);
        }
    }
}
