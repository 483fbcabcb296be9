package io.headroom4j.compress.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compressor's fast paths give exactly what the slower code they replace gave: number parsing, error words,
 * item lengths taken from the tree or from the reader's source spans, item texts and shapes cut from the source,
 * the bare-cell check, keys predicted from the previous row, and number fields collected with paths cached per
 * key list.
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

    @Example
    void errorWordsAreFoundAtEveryOffsetAndLength() {
        for (String w : WORDS) {
            for (String form : List.of(w, w.toUpperCase(java.util.Locale.ROOT), w.substring(0, w.length() - 1),
                    w.substring(1), w.replace('e', '\u00e9'), w.replace('k', '\u212A'))) {
                for (int before = 0; before < 9; before++) {
                    for (int after = 0; after < 3; after++) {
                        String s = "x".repeat(before) + form + "y".repeat(after);
                        assertThat(ErrorSignals.containsErrorWord(s)).as(s).isEqualTo(slowContainsErrorWord(s));
                    }
                }
            }
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

    @Property(tries = 500)
    void itemLengthsFromSourceSpansEqualTheTreeLengths(@ForAll("documents") List<JsonValue> values) throws IOException {
        // Every other item of each array is written with whitespace inside, so one array mixes known and unknown
        // spans; strings with escapes come from RandomJson's control chars, quotes and lone surrogates.
        StringBuilder text = new StringBuilder();
        for (JsonValue v : values) {
            spaced(v, false, text);
            text.append('\n');
        }
        String source = text.toString();
        JsonReader.Document doc = JsonReader.read(source);
        List<JsonValue> stripped = new ArrayList<>();
        for (JsonValue v : doc.values()) {
            assertSpansExact(v, !doc.hasEscapes());
            assertTextsFromSourceExact(v, source, !doc.hasEscapes());
            stripped.add(withoutSpans(v));
        }
        // The encoder and the compressor's bound give the same answers as on a tree without spans.
        assertThat(TableEncoder.encode(doc.values())).isEqualTo(TableEncoder.encode(stripped));
        assertThat(TableEncoder.lowerBound(doc.values(), Long.MAX_VALUE))
                .isEqualTo(TableEncoder.lowerBound(stripped, Long.MAX_VALUE));
        // Written compact, every item's span is known exactly when no string in the document had an escape.
        String compact = String.join("\n", values.stream().map(JsonWriter::toJson).toList());
        JsonReader.Document plain = JsonReader.read(compact);
        for (JsonValue v : plain.values()) {
            assertSpansExact(v, !plain.hasEscapes());
            assertTextsFromSourceExact(v, compact, !plain.hasEscapes());
            if (!plain.hasEscapes()) {
                assertAllSpansKnown(v);
            }
        }
    }

    @Provide
    Arbitrary<List<JsonValue>> documents() {
        return RandomJson.documents();
    }

    /** Writes {@code v} as JSON with spaces and line breaks inside every other array item (and all of it if asked). */
    private static void spaced(JsonValue v, boolean spaces, StringBuilder sb) {
        if (v instanceof JsonValue.Arr a) {
            sb.append(spaces ? "[ " : "[");
            for (int i = 0; i < a.items().size(); i++) {
                sb.append(i == 0 ? "" : spaces ? " ,\n" : ",");
                spaced(a.items().get(i), spaces || i % 2 == 1, sb);
            }
            sb.append(spaces ? " ]" : "]");
        } else if (v instanceof JsonValue.Obj o) {
            sb.append(spaces ? "{ " : "{");
            for (int i = 0; i < o.size(); i++) {
                sb.append(i == 0 ? "" : spaces ? " , " : ",");
                JsonWriter.writeString(o.keys().get(i), sb);
                sb.append(spaces ? " :\t" : ":");
                spaced(o.values().get(i), spaces, sb);
            }
            sb.append(spaces ? " }" : "}");
        } else {
            JsonWriter.write(v, sb);
        }
    }

    /** Known spans equal {@link JsonLength#of}, and {@link ItemTexts} lengths with spans equal the written texts. */
    private static void assertSpansExact(JsonValue v, boolean noEscapes) {
        if (v instanceof JsonValue.Arr a) {
            List<JsonValue> items = a.items();
            ItemTexts texts = new ItemTexts(items, noEscapes, a.lengths());
            for (int i = 0; i < items.size(); i++) {
                int span = a.lengths() == null ? -1 : a.lengths()[i];
                if (span >= 0) {
                    assertThat((long) span).isEqualTo(JsonLength.of(items.get(i)));
                }
                assertThat(a.length(i)).isEqualTo(JsonLength.of(items.get(i)));
                assertThat(texts.length(i)).isEqualTo(JsonWriter.toJson(items.get(i)).length());
                assertSpansExact(items.get(i), noEscapes);
            }
        } else if (v instanceof JsonValue.Obj o) {
            for (JsonValue value : o.values()) {
                assertSpansExact(value, noEscapes);
            }
        }
    }

    /**
     * Item texts and near-duplicate shapes cut from the source ({@link ItemTexts} given the array's starts and the
     * text read) equal those written from the tree, asked for in either order, and every known span of the source
     * is the item's compact JSON.
     */
    private static void assertTextsFromSourceExact(JsonValue v, String source, boolean noEscapes) {
        if (v instanceof JsonValue.Arr a) {
            List<JsonValue> items = a.items();
            ItemTexts textsFirst = new ItemTexts(items, noEscapes, a.lengths(), a.starts(), source);
            ItemTexts shapesFirst = new ItemTexts(items, noEscapes, a.lengths(), a.starts(), source);
            for (int i = 0; i < items.size(); i++) {
                String written = JsonWriter.toJson(items.get(i));
                if (a.lengths()[i] >= 0) {
                    assertThat(source.substring(a.starts()[i], a.starts()[i] + a.lengths()[i])).isEqualTo(written);
                }
                assertThat(shapesFirst.shape(i)).isEqualTo(ItemSelector.shape(written));
                assertThat(shapesFirst.text(i)).isEqualTo(written);
                assertThat(textsFirst.text(i)).isEqualTo(written);
                assertThat(textsFirst.shape(i)).isEqualTo(ItemSelector.shape(written));
                assertThat(textsFirst.length(i)).isEqualTo(written.length());
                assertTextsFromSourceExact(items.get(i), source, noEscapes);
            }
        } else if (v instanceof JsonValue.Obj o) {
            for (JsonValue value : o.values()) {
                assertTextsFromSourceExact(value, source, noEscapes);
            }
        }
    }

    @Property(tries = 3000)
    void bareCellCheckMatchesTheCharAtLoop(@ForAll("cellTexts") String cell) {
        // A scratch array of exactly the cell's length, and a longer one left holding another cell's chars.
        char[] exact = new char[cell.length()];
        char[] stale = ("{,}\u0001" + cell + "\u2028x,y}").toCharArray();
        for (boolean inHeader : new boolean[] {false, true}) {
            boolean slow = slowIsBareCell(cell, inHeader);
            assertThat(TableSyntax.isBareCell(cell, inHeader)).as("%s %s", cell, inHeader).isEqualTo(slow);
            assertThat(TableSyntax.isBareCell(cell, inHeader, exact)).as("%s %s", cell, inHeader).isEqualTo(slow);
            assertThat(TableSyntax.isBareCell(cell, inHeader, stale)).as("%s %s", cell, inHeader).isEqualTo(slow);
        }
    }

    @Provide
    Arbitrary<String> cellTexts() {
        // Lengths on both sides of TableSyntax.LONG_CELL, with every char class the check treats apart.
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.chars().range('a', 'z'), Arbitraries.chars().range('0', '9'),
                Arbitraries.of(' ', ',', '}', '{', '[', '"', '.', '-', '\t', '\n', '\u0000', '\u001f', '\u007f',
                        '\u0080', '\u00e9', '\u2028', '\u2029', '\ud83d', '\ude00', '\uffff', 't', 'r', 'u', 'e'));
        Arbitrary<String> random = chars.list().ofMaxSize(3 * TableSyntax.LONG_CELL)
                .map(cs -> {
                    StringBuilder sb = new StringBuilder(cs.size());
                    cs.forEach(sb::append);
                    return sb.toString();
                });
        // Long plain cells with one special char somewhere: the loop must look at every position.
        Arbitrary<String> oneSpecial = net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(TableSyntax.LONG_CELL, 4 * TableSyntax.LONG_CELL),
                Arbitraries.integers().between(1, 4 * TableSyntax.LONG_CELL),
                Arbitraries.of(',', '}', '\u0001', '\u007f', '\u2028', '\ud83d', '\ude00', '\u00e9'))
                .as((len, at, c) -> {
                    StringBuilder sb = new StringBuilder("x".repeat(len));
                    sb.setCharAt(Math.min(at, len - 2), c);
                    return sb.toString();
                });
        return Arbitraries.oneOf(random, oneSpecial, Arbitraries.of("true", "null", "-1.5", "1..200", "12345"));
    }

    /** {@link TableSyntax#isBareCell} as it was before long cells were checked on a char array. */
    private static boolean slowIsBareCell(String s, boolean inHeader) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        char first = s.charAt(0);
        if (first <= ' ' || first == '"' || first == '{' || first == '[' || s.charAt(n - 1) <= ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x7f) {
                if (c < 0x20 || c == ',' || (c == '}' && inHeader)) {
                    return false;
                }
                continue;
            }
            if (c == 0x7f || c == '\u2028' || c == '\u2029') {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
        }
        if (first == 't' || first == 'f' || first == 'n') {
            if (s.equals("true") || s.equals("false") || s.equals("null")) {
                return false;
            }
        }
        if (first == '-' || (first >= '0' && first <= '9')) {
            return !TableSyntax.isJsonNumber(s, 0, n) && !(inHeader && s.contains(".."));
        }
        return true;
    }

    private static void assertAllSpansKnown(JsonValue v) {
        if (v instanceof JsonValue.Arr a) {
            for (int i = 0; i < a.items().size(); i++) {
                assertThat(a.lengths()[i]).isNotNegative();
                assertAllSpansKnown(a.items().get(i));
            }
        } else if (v instanceof JsonValue.Obj o) {
            for (JsonValue value : o.values()) {
                assertAllSpansKnown(value);
            }
        }
    }

    /** The same tree without any known span, as before spans existed. */
    private static JsonValue withoutSpans(JsonValue v) {
        if (v instanceof JsonValue.Arr a) {
            List<JsonValue> items = new ArrayList<>();
            for (JsonValue item : a.items()) {
                items.add(withoutSpans(item));
            }
            return new JsonValue.Arr(items);
        } else if (v instanceof JsonValue.Obj o) {
            List<JsonValue> values = new ArrayList<>();
            for (JsonValue value : o.values()) {
                values.add(withoutSpans(value));
            }
            return new JsonValue.Obj(o.keys(), values);
        }
        return v;
    }

    @Property(tries = 1000)
    void templatesFoundLazilyEqualTheEagerSearch(@ForAll("rowArrays") JsonValue rows) {
        assertSameTemplates(((JsonValue.Arr) rows).items());
    }

    @Example
    void templatesFoundLazilyEqualTheEagerSearchOnTheFixtures() throws IOException {
        for (String name : List.of("github-issues-100.json", "github-search-issues-50.json", "npm-search-100.json",
                "kubectl-pods-60.json", "search-results-200.json", "sqlite-orders-1000.json", "app-logs-1000.jsonl")) {
            String text;
            try (java.io.InputStream in = getClass().getResourceAsStream("/fixtures/json/" + name)) {
                text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            List<JsonValue> doc = JsonReader.readAll(text);
            if (doc.size() >= 2 && TableEncoder.allObjects(doc)) {
                assertSameTemplates(doc);
            }
            for (JsonValue v : doc) {
                eachArrayOfObjects(v, FastPathEquivalenceProperties::assertSameTemplates);
            }
        }
    }

    private static void eachArrayOfObjects(JsonValue v, java.util.function.Consumer<List<JsonValue>> check) {
        if (v instanceof JsonValue.Arr a) {
            if (a.items().size() >= 2 && TableEncoder.allObjects(a.items())) {
                check.accept(a.items());
            }
            a.items().forEach(item -> eachArrayOfObjects(item, check));
        } else if (v instanceof JsonValue.Obj o) {
            o.values().forEach(value -> eachArrayOfObjects(value, check));
        }
    }

    private static void assertSameTemplates(List<JsonValue> items) {
        TableEncoder.Layout fast = TableEncoder.Layout.of(items);
        TableEncoder.Layout slow = TableEncoder.Layout.of(items);
        if (fast == null) {
            assertThat(slow).isNull();
            return;
        }
        int regular = 0;
        for (boolean b : slow.irregular()) {
            regular += b ? 0 : 1;
        }
        List<TableEncoder.Column> leaves = slow.leaves();
        if (regular >= 3) {
            // Templates are the last step of the analysis: undo them and search again the way it was done before.
            for (TableEncoder.Column c : leaves) {
                c.ref = null;
                c.prefix = null;
                c.suffix = null;
            }
            eagerFindTemplates(leaves, slow.irregular());
        }
        for (int c = 0; c < leaves.size(); c++) {
            TableEncoder.Column f = fast.leaves().get(c);
            TableEncoder.Column s = leaves.get(c);
            assertThat(f.ref == null ? -1 : fast.leaves().indexOf(f.ref))
                    .isEqualTo(s.ref == null ? -1 : leaves.indexOf(s.ref));
            assertThat(f.prefix).isEqualTo(s.prefix);
            assertThat(f.suffix).isEqualTo(s.suffix);
        }
    }

    /** The template search before it looked at a candidate's first row first. */
    private static void eagerFindTemplates(List<TableEncoder.Column> leaves, boolean[] irregular) {
        int first = 0;
        while (irregular[first]) {
            first++;
        }
        int ln = leaves.size();
        String[] paths = new String[ln];
        boolean[] scalar = new boolean[ln];
        for (int c = 0; c < ln; c++) {
            TableEncoder.Column col = leaves.get(c);
            paths[c] = col.pathText();
            scalar[c] = col.constant == null && col.allScalarText(irregular);
        }
        boolean[] usedAsRef = new boolean[ln];
        for (int c = 0; c < ln; c++) {
            TableEncoder.Column col = leaves.get(c);
            if (col.isDerived() || usedAsRef[c] || !col.allStrings(irregular)) {
                continue;
            }
            String v0 = ((JsonValue.Str) col.values[first]).value();
            for (int k = 0; k < ln && col.ref == null; k++) {
                TableEncoder.Column ref = leaves.get(k);
                if (k == c || !scalar[k] || ref.ref != null || paths[k].indexOf('{') >= 0
                        || paths[k].indexOf('}') >= 0) {
                    continue;
                }
                String t0 = TableEncoder.scalarText(ref.values[first]);
                if (t0.length() < 2 && v0.length() > 1) {
                    continue;
                }
                int at = v0.indexOf(t0);
                for (int tries = 0; at >= 0 && tries < 3; tries++) {
                    String prefix = v0.substring(0, at);
                    String suffix = v0.substring(at + t0.length());
                    if (eagerMatchesTemplate(col, ref, prefix, suffix, irregular)
                            && TableEncoder.refersOnce(prefix + '{' + paths[k] + '}' + suffix, paths)) {
                        col.ref = ref;
                        col.prefix = prefix;
                        col.suffix = suffix;
                        usedAsRef[k] = true;
                        break;
                    }
                    at = v0.indexOf(t0, at + 1);
                }
            }
        }
    }

    private static boolean eagerMatchesTemplate(TableEncoder.Column col, TableEncoder.Column ref, String prefix,
                                                String suffix, boolean[] irregular) {
        for (int r = 0; r < irregular.length; r++) {
            if (irregular[r]) {
                continue;
            }
            String v = ((JsonValue.Str) col.values[r]).value();
            String t = TableEncoder.scalarText(ref.values[r]);
            if (v.length() != prefix.length() + t.length() + suffix.length() || !v.startsWith(prefix)
                    || !v.endsWith(suffix) || !v.startsWith(t, prefix.length())) {
                return false;
            }
        }
        return true;
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
    void predictedKeysOfEveryLengthDifferAtEveryPosition() throws IOException {
        // Keys up to JsonReader's short-key limit are compared char by char, longer ones with Arrays.equals: a
        // change at any position of either must be read as a different key.
        for (int len = 1; len <= 40; len++) {
            String key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH".substring(0, len);
            for (int at = 0; at < len; at++) {
                String other = key.substring(0, at) + '_' + key.substring(at + 1);
                String row = "{\"" + key + "\":1,\"z\":2}";
                String text = "[" + row + "," + row + "," + row + ",{\"" + other + "\":1,\"z\":2}," + row + "]";
                assertThat(JsonReader.readAll(text)).as(text).isEqualTo(List.of(JsonReaderTest.jackson(text).get(0)));
            }
        }
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

    @Property(tries = 300)
    void numberFieldsEqualThePerValueLookup(@ForAll("rowArrays") JsonValue rows) throws IOException {
        // Read back from text, repeated, so rows share key lists as the reader makes them share.
        String row = JsonWriter.toJson(rows);
        JsonValue doc = JsonReader.readAll("[" + row + "," + row + "," + row + "]").get(0);
        List<JsonValue> items = new ArrayList<>();
        for (JsonValue a : ((JsonValue.Arr) doc).items()) {
            items.addAll(((JsonValue.Arr) a).items());
        }
        assertSameNumberFields(items);
        assertSameNumberFields(((JsonValue.Arr) rows).items());   // fresh key lists: no sharing
    }

    @Example
    void numberFieldsStopAt64PathsAsBefore() throws IOException {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 30; i++) {
            sb.append(i == 0 ? "{" : ",{");
            for (int k = 0; k < 90 + i % 3; k++) {   // over 64 paths
                sb.append(k == 0 ? "" : ",").append("\"k").append(k).append("\":");
                sb.append(k % 7 == 3 ? "{\"x\":" + i + ",\"y\":{\"z\":" + k + "}}" : k % 5 == 0 ? "\"s\"" : i * k);
            }
            sb.append('}');
        }
        assertSameNumberFields(((JsonValue.Arr) JsonReader.readAll(sb.append(']').toString()).get(0)).items());
    }

    private static void assertSameNumberFields(List<JsonValue> items) {
        int n = items.size();
        ItemSelector.NumberFields fast = new ItemSelector.NumberFields(n);
        Map<String, double[]> fields = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fast.collect(items.get(i), "", i, 0);
            slowCollectNumbers(items.get(i), "", i, n, fields, order, 0);
        }
        assertThat(fast.order).isEqualTo(order);
        for (String path : order) {
            long[] expected = Arrays.stream(fields.get(path)).mapToLong(Double::doubleToRawLongBits).toArray();
            long[] actual = Arrays.stream(fast.fields.get(path)).mapToLong(Double::doubleToRawLongBits).toArray();
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    /** The implementation before paths were cached per key list. */
    private static void slowCollectNumbers(JsonValue v, String path, int i, int n, Map<String, double[]> fields,
                                           List<String> order, int depth) {
        if (v instanceof JsonValue.Num num) {
            double[] col = fields.get(path);
            if (col == null) {
                if (fields.size() >= 64) {
                    return;
                }
                col = new double[n];
                Arrays.fill(col, Double.NaN);
                fields.put(path, col);
                order.add(path);
            }
            col[i] = Double.parseDouble(num.literal());
        } else if (v instanceof JsonValue.Obj o && depth < 4) {
            List<String> keys = o.keys();
            for (int k = 0, kn = keys.size(); k < kn; k++) {
                String sub = depth == 0 ? keys.get(k) : path + "." + keys.get(k);
                slowCollectNumbers(o.values().get(k), sub, i, n, fields, order, depth + 1);
            }
        }
    }

    @Property(tries = 2000)
    void errorChecksEqualTheRecursiveCheck(@ForAll("errorishValues") JsonValue v) {
        assertThat(new ErrorSignals().check(v)).as(JsonWriter.toJson(v)).isEqualTo(slowIsError(v, 0));
    }

    @Example
    void errorChecksStopAtTheSameDepth() {
        for (int depth = 60; depth < 70; depth++) {
            JsonValue v = new JsonValue.Str("failed");
            for (int d = 0; d < depth; d++) {
                v = d % 2 == 0 ? new JsonValue.Obj(List.of("k"), List.of(v)) : new JsonValue.Arr(List.of(v));
            }
            assertThat(new ErrorSignals().check(v)).as("depth " + depth).isEqualTo(slowIsError(v, 0));
        }
    }

    @Provide
    Arbitrary<JsonValue> errorishValues() {
        String[] keys = {"error", "Errors", "status", "statusCode", "code", "level", "severity", "title", "body",
            "message", "msg", "html_url", "href", "id", "name", "items", "data", "note", "reason"};
        String[] strings = {"ok", "failed", "ERROR", "404", "500", "200", "fatal", "info", "", " ", "false",
            "https://x.io/timeout", "http://a/crash", "all good", "Connection refused", "x".repeat(170),
            "timed out " + "y".repeat(160), "0", "1e3"};
        return Arbitraries.randomValue(r -> errorish(r, keys, strings, 4));
    }

    private static JsonValue errorish(java.util.Random r, String[] keys, String[] strings, int depth) {
        int kind = depth <= 0 ? r.nextInt(5) : r.nextInt(8);
        return switch (kind) {
            case 0, 1 -> new JsonValue.Str(strings[r.nextInt(strings.length)]);
            case 2 -> new JsonValue.Num(r.nextBoolean() ? "0" : Integer.toString(r.nextInt(700)));
            case 3 -> JsonValue.Bool.of(r.nextBoolean());
            case 4 -> JsonValue.Null.INSTANCE;
            case 5 -> {
                List<JsonValue> items = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    items.add(errorish(r, keys, strings, depth - 1));
                }
                yield new JsonValue.Arr(items);
            }
            default -> {
                List<String> ks = new ArrayList<>();
                List<JsonValue> vs = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    ks.add(keys[r.nextInt(keys.length)]);
                    vs.add(errorish(r, keys, strings, depth - 1));
                }
                yield new JsonValue.Obj(ks, vs);
            }
        };
    }

    private static final List<String> ERROR_KEYS = List.of("error", "errors", "err", "exception", "exceptions",
            "failure", "failures", "failed", "fault", "stderr", "stacktrace", "stack_trace", "traceback",
            "error_message", "errormessage", "error_msg");
    private static final List<String> STATUS_KEYS = List.of("status", "status_code", "statuscode", "http_status",
            "httpstatus", "code", "response_code", "responsecode", "http_code");
    private static final List<String> LEVEL_KEYS = List.of("level", "severity", "log_level", "loglevel",
            "levelname", "lvl");
    private static final List<String> LEVEL_VALUES = List.of("error", "err", "fatal", "critical", "crit", "emerg",
            "emergency", "alert", "severe", "panic");
    private static final List<String> MESSAGE_KEYS = List.of("message", "msg", "log", "line", "output", "stdout",
            "reason", "detail", "details", "description_error", "text", "conclusion", "result", "outcome", "status",
            "state", "event", "cause", "trace", "stack");
    private static final List<String> PROSE_KEYS = List.of("title", "body", "snippet", "description", "content",
            "summary", "subject", "name", "comment", "abstract", "excerpt", "headline", "caption", "keywords", "tags",
            "query", "question", "answer", "readme", "bio", "about", "html", "markdown", "body_text", "body_html",
            "full_name");

    /** The check as it was written before its per-key-list roles and the direct string test. */
    private static boolean slowIsError(JsonValue v, int depth) {
        if (depth > 64) {
            return false;
        }
        if (v instanceof JsonValue.Str s) {
            return s.value().length() <= ErrorSignals.SHORT_TEXT && slowContainsErrorWord(s.value());
        }
        if (v instanceof JsonValue.Arr a) {
            for (JsonValue item : a.items()) {
                if (slowIsError(item, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (!(v instanceof JsonValue.Obj o)) {
            return false;
        }
        for (int i = 0; i < o.size(); i++) {
            String key = o.keys().get(i);
            String lower = key.length() > 20 ? "" : key.toLowerCase(java.util.Locale.ROOT);
            JsonValue value = o.values().get(i);
            if (ERROR_KEYS.contains(lower) && slowTruthy(value)) {
                return true;
            }
            String text = value instanceof JsonValue.Num n ? n.literal()
                    : value instanceof JsonValue.Str s ? s.value() : null;
            if (STATUS_KEYS.contains(lower) && text != null && text.length() == 3
                    && (text.charAt(0) == '4' || text.charAt(0) == '5')
                    && Character.isDigit(text.charAt(1)) && Character.isDigit(text.charAt(2))) {
                return true;
            }
            if (LEVEL_KEYS.contains(lower) && value instanceof JsonValue.Str s
                    && LEVEL_VALUES.stream().anyMatch(s.value()::equalsIgnoreCase)) {
                return true;
            }
            String folded = key.toLowerCase(java.util.Locale.ROOT);
            boolean link = folded.endsWith("url") || folded.endsWith("uri") || folded.endsWith("href")
                    || folded.endsWith("link");
            if (value instanceof JsonValue.Str s && (PROSE_KEYS.contains(lower) || link
                    || s.value().startsWith("https://") || s.value().startsWith("http://"))) {
                continue;
            }
            if (value instanceof JsonValue.Str s && s.value().length() > ErrorSignals.SHORT_TEXT) {
                if (MESSAGE_KEYS.contains(lower) && slowContainsErrorWord(s.value())) {
                    return true;
                }
            } else if (slowIsError(value, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean slowTruthy(JsonValue v) {
        if (v instanceof JsonValue.Bool b) {
            return b.value();
        }
        if (v instanceof JsonValue.Str s) {
            return !s.value().isBlank();
        }
        if (v instanceof JsonValue.Num n) {
            return !n.literal().matches("-?0*(\\.0*)?([eE].*)?");
        }
        if (v instanceof JsonValue.Arr a) {
            return !a.items().isEmpty();
        }
        return v instanceof JsonValue.Obj o && o.size() > 0;
    }
}
