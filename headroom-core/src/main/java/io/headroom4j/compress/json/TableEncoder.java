package io.headroom4j.compress.json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON documents in the table format described in {@code docs/compressors.md}: every array of two or
 * more objects becomes a table when that is shorter than its JSON, and everything else is compact JSON.
 *
 * <p>A table is a header line {@code [N]{col,col,...}:} (or {@code [N lines]{...}:} for JSON lines) followed
 * by exactly N row lines. Columns are object keys in order; nested objects are flattened to dotted paths
 * ({@code user.login}); a key that is not a plain word is written as a JSON string ({@code "a.b"}). A column
 * whose value is the same in every row is written once in the header as {@code col=value} and left out of
 * the rows. Row cells are separated by commas; an empty cell is a missing key; strings are bare unless they
 * could be read as something else, then JSON-quoted; objects and arrays that are not flattened are compact
 * JSON. A row whose keys do not fit the column order is written as its JSON object. Stateless.
 */
final class TableEncoder {

    /** Flatten a nested object column only when at least this fraction of rows has it... */
    private static final double FLATTEN_MIN_PRESENT = 0.5;
    /** ...and its rows fill at least this fraction of its sub-columns. */
    private static final double FLATTEN_MIN_FILL = 0.5;
    /** Arrays of one length up to this long flatten into one column per position. */
    private static final int MAX_FLAT_ARRAY = 8;

    private final boolean always;
    /** Arrays to write as samples (lossy path), by identity; empty for lossless encoding. */
    private final Map<JsonValue.Arr, ItemSelector.Selection> samples;
    /** The sample of a JSON lines document's lines, or null. */
    private final ItemSelector.Selection lineSample;
    /** The retrieval key that every omission marker carries; null for lossless encoding. */
    private final String key;

    private TableEncoder(boolean always) {
        this(always, new IdentityHashMap<>(), null, null);
    }

    private TableEncoder(boolean always, Map<JsonValue.Arr, ItemSelector.Selection> samples,
                         ItemSelector.Selection lineSample, String key) {
        this.always = always;
        this.samples = samples;
        this.lineSample = lineSample;
        this.key = key;
    }

    /**
     * Encodes like {@link #encode}, but writes only the chosen items of each array in {@code samples} (and
     * of the lines in {@code lineSample}), each preceded by a marker that states exactly which items were
     * omitted and carries {@code key}.
     */
    static String encodeSampled(List<JsonValue> document, Map<JsonValue.Arr, ItemSelector.Selection> samples,
                                ItemSelector.Selection lineSample, String key) {
        return new TableEncoder(false, samples, lineSample, key).encodeDocument(document);
    }

    /** Encodes with a table wherever the table is shorter than the JSON it replaces. */
    static String encode(List<JsonValue> document) {
        return new TableEncoder(false).encodeDocument(document);
    }

    /** The encoded text and how many tables it holds. */
    record Encoded(String text, int tables) {
    }

    /** Like {@link #encode}, also saying how many tables were written. */
    static Encoded encodeCounting(List<JsonValue> document) {
        return encodeCounting(document, 0);
    }

    /**
     * Like {@link #encode}, also saying how many tables were written; {@code sourceChars} (the length of the
     * JSON text the document was read from, or 0) sizes the output buffer so it is not regrown many times.
     */
    static Encoded encodeCounting(List<JsonValue> document, int sourceChars) {
        TableEncoder e = new TableEncoder(false);
        e.capacity = Math.min(sourceChars / 2, 1 << 24);
        String text = e.encodeDocument(document);
        return new Encoded(text, e.tables);
    }

    /** Initial size of the output buffer. */
    private int capacity;

    /** Encodes with a table wherever one is possible, shorter or not; for tests of the format. */
    static String encodeEverywhere(List<JsonValue> document) {
        return new TableEncoder(true).encodeDocument(document);
    }

    /** Number of tables written so far; informative only. */
    private int tables;

    /** Scratch for {@link TableSyntax#isBareCell(String, boolean, char[])}: one array for every long cell. */
    private char[] cellChars = new char[256];

    String encodeDocument(List<JsonValue> document) {
        StringBuilder sb = new StringBuilder(Math.max(256, capacity));
        if (lineSample != null) {
            writeSample(document, lineSample, true, sb);
            return sb.toString();
        }
        if (document.size() == 1) {
            writeValue(document.get(0), sb);
            return sb.toString();
        }
        if (document.size() >= 2 && allObjects(document)) {
            int mark = sb.length();
            if (tryTable(document, null, true, sb)) {
                return sb.toString();
            }
            sb.setLength(mark);
        }
        for (int i = 0; i < document.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            writeValue(document.get(i), sb);
        }
        return sb.toString();
    }

    /** The omission marker, then the kept items as a table when shorter, else as JSON. */
    private void writeSample(List<JsonValue> items, ItemSelector.Selection sel, boolean jsonLines,
                             StringBuilder sb) {
        sb.append(LossyText.marker(sel, jsonLines ? "lines" : "items", key)).append('\n');
        int[] kept = sel.kept();
        List<JsonValue> keptItems = new ArrayList<>(kept.length);
        for (int i : kept) {
            keptItems.add(items.get(i));
        }
        if (keptItems.size() >= 2 && allObjects(keptItems)) {
            int mark = sb.length();
            if (tryTable(keptItems, null, jsonLines, sb)) {
                return;
            }
            sb.setLength(mark);
        }
        if (jsonLines) {
            for (int i = 0; i < keptItems.size(); i++) {
                if (i > 0) {
                    sb.append('\n');
                }
                writeValue(keptItems.get(i), sb);
            }
            return;
        }
        sb.append('[');
        for (int i = 0; i < keptItems.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            writeValue(keptItems.get(i), sb);
        }
        sb.append(']');
    }

    /** Writes {@code v} as JSON, except that arrays of objects may become tables. */
    void writeValue(JsonValue v, StringBuilder sb) {
        if (v instanceof JsonValue.Arr a) {
            List<JsonValue> items = a.items();
            ItemSelector.Selection sel = samples.isEmpty() ? null : samples.get(a);
            if (sel != null) {
                writeSample(items, sel, false, sb);
                return;
            }
            if (items.size() >= 2 && allObjects(items)) {
                int mark = sb.length();
                if (tryTable(items, a.lengths(), false, sb)) {
                    return;
                }
                sb.setLength(mark);
            }
            sb.append('[');
            for (int i = 0, n = items.size(); i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                writeValue(items.get(i), sb);
            }
            sb.append(']');
        } else if (v instanceof JsonValue.Obj o) {
            sb.append('{');
            for (int i = 0, n = o.size(); i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                JsonWriter.writeString(o.keys().get(i), sb);
                sb.append(':');
                writeValue(o.values().get(i), sb);
            }
            sb.append('}');
        } else {
            JsonWriter.write(v, sb);
        }
    }

    static boolean allObjects(List<JsonValue> items) {
        for (int i = 0, n = items.size(); i < n; i++) {
            if (!(items.get(i) instanceof JsonValue.Obj)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the table for {@code items} (all objects) to {@code sb}; false when no table is possible or
     * it would not be shorter than the plain JSON (the caller then resets {@code sb}). {@code spans} is the
     * array's {@link JsonValue.Arr#lengths} (or null): known item lengths, so the plain JSON's length is
     * found without walking every row again.
     */
    boolean tryTable(List<JsonValue> items, int[] spans, boolean jsonLines, StringBuilder sb) {
        Layout t = Layout.of(items);
        if (t == null) {
            return false;
        }
        int n = t.rows.length;
        int start = sb.length();
        writeTable(n, jsonLines, t.schema, t.leaves, t.rows, t.irregular, sb);
        if (always) {
            tables++;
            return true;
        }
        // Plain JSON costs the items plus brackets and commas (or newlines for JSON lines).
        long plain = 1L + n;
        for (int i = 0; i < n; i++) {
            int span = spans == null ? -1 : spans[i];
            plain += span >= 0 ? span : JsonLength.of(t.rows[i]);
        }
        if (sb.length() - start < plain) {
            tables++;
            return true;
        }
        return false;
    }

    /**
     * The columns of a would-be table: which rows fit the columns, and which columns the header states
     * (constant, sequence, template) instead of the rows. The one analysis behind both {@link #tryTable} and
     * {@link #lowerBound}.
     */
    record Layout(JsonValue.Obj[] rows, boolean[] irregular, List<Column> schema, List<Column> leaves) {

        /** The layout for {@code items} (all objects), or null when no table is possible. */
        static Layout of(List<JsonValue> items) {
            int n = items.size();
            JsonValue.Obj[] rows = new JsonValue.Obj[n];
            for (int i = 0; i < n; i++) {
                rows[i] = (JsonValue.Obj) items.get(i);
            }
            boolean[] irregular = new boolean[n];
            List<Column> schema = buildSchema(rows, irregular);
            if (schema == null) {
                return null;
            }
            int regular = 0;
            for (boolean b : irregular) {
                if (!b) {
                    regular++;
                }
            }
            if (regular == 0) {
                return null;
            }
            List<Column> leaves = new ArrayList<>();
            collectLeaves(schema, leaves);
            if (regular >= 2) {
                for (int c = 0, cn = leaves.size(); c < cn; c++) {
                    leaves.get(c).findConstant(irregular);
                }
            }
            if (regular >= 3) {
                for (int c = 0, cn = leaves.size(); c < cn; c++) {
                    leaves.get(c).findSequence(irregular);
                }
                findTemplates(leaves, irregular);
            }
            return new Layout(rows, irregular, schema, leaves);
        }
    }

    /**
     * A lower bound on {@code encode(document).length()}, capped at {@code cap}, found without writing any
     * table: a table is counted as the cells its rows must hold (a string cell is at least the string,
     * unquoted; any other cell, and a row written as JSON, at least its {@link JsonLength}) and one line break
     * per row, and an array that may or may not become a table as the smaller of that and its JSON.
     * {@link JsonLength} never overstates a length (it counts no escapes), so neither does this. The cap lets
     * it stop summing once the answer is known to reach it. It lets the lossy path see that its output is
     * shorter than the lossless form without writing the lossless form (see {@code JsonTableCompressor}).
     */
    static long lowerBound(List<JsonValue> document, long cap) {
        int n = document.size();
        if (n == 1) {
            return lowerBound(document.get(0), cap);
        }
        long lines = Math.max(0, n - 1);
        for (int i = 0; i < n && lines < cap; i++) {
            lines += lowerBound(document.get(i), cap - lines);
        }
        lines = Math.min(lines, cap);
        return n >= 2 && allObjects(document) ? Math.min(lines, tableLowerBound(document, cap)) : lines;
    }

    private static long lowerBound(JsonValue v, long cap) {
        long len;
        if (v instanceof JsonValue.Arr a) {
            List<JsonValue> items = a.items();
            int n = items.size();
            len = 2L + Math.max(0, n - 1);
            for (int i = 0; i < n && len < cap; i++) {
                len += lowerBound(items.get(i), cap - len);
            }
            if (n >= 2 && allObjects(items)) {
                len = Math.min(len, tableLowerBound(items, cap));
            }
        } else if (v instanceof JsonValue.Obj o) {
            int n = o.size();
            len = 2L + Math.max(0, n - 1) + n;   // braces, commas, colons
            for (int i = 0; i < n && len < cap; i++) {
                len += o.keys().get(i).length() + 2L + lowerBound(o.values().get(i), cap - len);
            }
        } else {
            len = JsonLength.of(v);
        }
        return Math.min(len, cap);
    }

    /** A lower bound on the table {@link #writeTable} writes for {@code items}, capped; {@code cap} when none. */
    private static long tableLowerBound(List<JsonValue> items, long cap) {
        Layout t = Layout.of(items);
        if (t == null) {
            return cap;
        }
        int n = t.rows.length;
        long len = n + 1L;   // the line breaks
        for (int r = 0; r < n; r++) {
            if (t.irregular[r]) {
                len += JsonLength.of(t.rows[r]);
            }
        }
        for (int c = 0, cn = t.leaves.size(); c < cn && len < cap; c++) {
            Column col = t.leaves.get(c);
            if (col.isDerived()) {
                continue;
            }
            for (int r = 0; r < n && len < cap; r++) {
                JsonValue v = col.values[r];
                if (v != null && !t.irregular[r]) {
                    // A row whose only cell is an object is written as the whole row, which is no shorter.
                    len += v instanceof JsonValue.Str s ? s.value().length() : JsonLength.of(v);
                }
            }
        }
        return Math.min(len, cap);
    }

    private void writeTable(int n, boolean jsonLines, List<Column> schema, List<Column> leaves,
                            JsonValue.Obj[] rows, boolean[] irregular, StringBuilder sb) {
        sb.append('[').append(n);
        if (jsonLines) {
            sb.append(" lines");
        }
        sb.append("]{");
        for (int c = 0, cn = leaves.size(); c < cn; c++) {
            if (c > 0) {
                sb.append(',');
            }
            Column leaf = leaves.get(c);
            sb.append(leaf.pathText());
            if (leaf.constant != null) {
                sb.append('=');
                writeCell(leaf.constant, true, sb);
            } else if (leaf.sequenceStep != 0) {
                sb.append('=').append(leaf.sequenceStart).append("..").append(leaf.sequenceEnd);
            } else if (leaf.ref != null) {
                sb.append('~');
                JsonWriter.writeString(leaf.prefix + '{' + leaf.ref.pathText() + '}' + leaf.suffix, sb);
            }
        }
        sb.append("}:");
        int varying = 0;
        for (int c = 0, cn = leaves.size(); c < cn; c++) {
            if (!leaves.get(c).isDerived()) {
                varying++;
            }
        }
        Column[] cols = new Column[varying];
        for (int c = 0, k = 0, cn = leaves.size(); c < cn; c++) {
            if (!leaves.get(c).isDerived()) {
                cols[k++] = leaves.get(c);
            }
        }
        for (int r = 0; r < n; r++) {
            sb.append('\n');
            if (irregular[r]) {
                JsonWriter.write(rows[r], sb);
                continue;
            }
            int last = varying - 1;
            while (last >= 0 && cols[last].values[r] == null) {
                last--;
            }
            if (last == 0 && cols[0].values[r] instanceof JsonValue.Obj) {
                // A line holding one object cell would read as a whole-row object: write the row itself.
                JsonWriter.write(rows[r], sb);
                continue;
            }
            for (int c = 0; c <= last; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                JsonValue v = cols[c].values[r];
                if (v != null) {
                    writeCell(v, false, sb);
                }
            }
        }
        sb.append('\n');
    }

    /** Writes one cell: bare text when unambiguous, otherwise JSON. */
    private void writeCell(JsonValue v, boolean inHeader, StringBuilder sb) {
        if (v instanceof JsonValue.Str s) {
            int n = s.value().length();
            if (n >= TableSyntax.LONG_CELL && n > cellChars.length) {
                cellChars = new char[Math.max(n, 2 * cellChars.length)];
            }
            if (TableSyntax.isBareCell(s.value(), inHeader, cellChars)) {
                sb.append(s.value());
            } else {
                JsonWriter.writeString(s.value(), sb);
            }
        } else {
            JsonWriter.write(v, sb);
        }
    }

    /**
     * Marks string columns whose every value is one fixed text around another column's value, such as
     * {@code url = "https://api.github.com/repos/o/r/issues/" + number}: the header then states the
     * template {@code url~"https://api.github.com/repos/o/r/issues/{number}"} and the rows skip the column.
     * A template must name exactly one column in braces, so a decoder can find it.
     */
    private static void findTemplates(List<Column> leaves, boolean[] irregular) {
        int n = irregular.length;
        int first = 0;
        while (irregular[first]) {
            first++;
        }
        int ln = leaves.size();
        String[] paths = new String[ln];
        for (int c = 0; c < ln; c++) {
            paths[c] = leaves.get(c).pathText();
        }
        // Whether each column holds a string or number in every regular row (and is not constant), found only for
        // a column whose first value a candidate's first value contains: most candidates fail on that first row,
        // so the walks over every row, which touch every cell, are skipped for them. The same answers as
        // computing all of them first: nothing here changes a column's values or constant.
        byte[] scalar = new byte[ln];   // 0 not known yet, 1 yes, 2 no
        boolean[] usedAsRef = new boolean[ln];
        for (int c = 0; c < ln; c++) {
            Column col = leaves.get(c);
            if (col.isDerived() || usedAsRef[c] || !(col.values[first] instanceof JsonValue.Str s0)) {
                continue;
            }
            String v0 = s0.value();
            boolean stringsChecked = false;
            for (int k = 0; k < ln && col.ref == null; k++) {
                Column ref = leaves.get(k);
                JsonValue f = ref.values == null ? null : ref.values[first];
                if (k == c || ref.constant != null || !(f instanceof JsonValue.Str || f instanceof JsonValue.Num)
                        || ref.ref != null || paths[k].indexOf('{') >= 0 || paths[k].indexOf('}') >= 0) {
                    continue;
                }
                String t0 = scalarText(f);
                if (t0.length() < 2 && v0.length() > 1) {
                    continue;   // one-character values match by accident too often to be worth trying
                }
                int at = v0.indexOf(t0);
                if (at < 0) {
                    continue;
                }
                if (scalar[k] == 0) {
                    scalar[k] = (byte) (ref.allScalarText(irregular) ? 1 : 2);
                }
                if (scalar[k] != 1) {
                    continue;
                }
                if (!stringsChecked) {
                    if (!col.allStrings(irregular)) {
                        break;   // no template for this column: every regular row must hold a string
                    }
                    stringsChecked = true;
                }
                for (int tries = 0; at >= 0 && tries < 3; tries++) {
                    String prefix = v0.substring(0, at);
                    String suffix = v0.substring(at + t0.length());
                    if (matchesTemplate(col, ref, prefix, suffix, irregular)
                            && refersOnce(prefix + '{' + paths[k] + '}' + suffix, paths)) {
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

    private static boolean matchesTemplate(Column col, Column ref, String prefix, String suffix,
                                           boolean[] irregular) {
        for (int r = 0; r < irregular.length; r++) {
            if (irregular[r]) {
                continue;
            }
            String v = ((JsonValue.Str) col.values[r]).value();
            String t = scalarText(ref.values[r]);
            if (v.length() != prefix.length() + t.length() + suffix.length() || !v.startsWith(prefix)
                    || !v.endsWith(suffix) || !v.startsWith(t, prefix.length())) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code template} contains exactly one {@code {path}} among all column paths. */
    static boolean refersOnce(String template, String[] paths) {
        int found = 0;
        for (String p : paths) {
            if (p.indexOf('{') >= 0 || p.indexOf('}') >= 0) {
                continue;
            }
            String needle = '{' + p + '}';
            for (int at = template.indexOf(needle); at >= 0; at = template.indexOf(needle, at + 1)) {
                if (++found > 1) {
                    return false;
                }
            }
        }
        return found == 1;
    }

    /** The text a template splices in: a string's value or a number's literal. */
    static String scalarText(JsonValue v) {
        return v instanceof JsonValue.Str s ? s.value() : ((JsonValue.Num) v).literal();
    }

    private static void collectLeaves(List<Column> columns, List<Column> out) {
        for (int i = 0, n = columns.size(); i < n; i++) {
            Column c = columns.get(i);
            if (c.children == null) {
                out.add(c);
            } else {
                collectLeaves(c.children, out);
            }
        }
    }

    /**
     * The columns for {@code rows} (null entries are rows without this object). With {@code irregular}
     * non-null, rows with duplicate keys or a key order that contradicts earlier rows are marked there and
     * left out; with it null (nested levels), such a row makes the result null: no flattening.
     */
    private static List<Column> buildSchema(JsonValue.Obj[] rows, boolean[] irregular) {
        int n = rows.length;
        List<String> order = new ArrayList<>();
        // A key list known to equal order: the reader shares one list between rows of the same keys, so most
        // rows are recognised by identity instead of comparing their keys (reset when order changes).
        List<String> sameAsOrder = null;
        boolean first = true;
        for (int r = 0; r < n; r++) {
            JsonValue.Obj row = rows[r];
            if (row == null) {
                continue;
            }
            List<String> keys = row.keys();
            if (first) {
                if (row.hasDuplicateKeys()) {
                    if (irregular == null) {
                        return null;
                    }
                    irregular[r] = true;
                    continue;
                }
                order.addAll(keys);
                sameAsOrder = keys;
                first = false;
                continue;
            }
            if (keys == sameAsOrder) {
                continue;
            }
            if (keys.equals(order)) {
                sameAsOrder = keys;
                continue;
            }
            if (row.hasDuplicateKeys() || !mergeKeys(order, keys)) {
                if (irregular == null) {
                    return null;
                }
                irregular[r] = true;
            } else {
                sameAsOrder = null;
            }
        }
        int cn = order.size();
        HashMap<String, Integer> index = new HashMap<>(cn * 2);
        List<Column> columns = new ArrayList<>(cn);
        JsonValue[][] cells = new JsonValue[cn][];
        for (int c = 0; c < cn; c++) {
            index.put(order.get(c), c);
            Column col = new Column(order.get(c), n);
            columns.add(col);
            cells[c] = col.values;
        }
        for (int r = 0; r < n; r++) {
            JsonValue.Obj row = rows[r];
            if (row == null || (irregular != null && irregular[r])) {
                continue;
            }
            List<String> keys = row.keys();
            List<JsonValue> values = row.values();
            if (keys == sameAsOrder || (keys.size() == cn && keys.equals(order))) {
                for (int c = 0; c < cn; c++) {
                    cells[c][r] = values.get(c);
                }
            } else {
                for (int k = 0, kn = keys.size(); k < kn; k++) {
                    columns.get(index.get(keys.get(k))).values[r] = values.get(k);
                }
            }
        }
        int rowsPresent = 0;
        for (int r = 0; r < n; r++) {
            if (rows[r] != null && (irregular == null || !irregular[r])) {
                rowsPresent++;
            }
        }
        for (int c = 0; c < cn; c++) {
            columns.get(c).maybeFlatten(rowsPresent);
        }
        return columns;
    }

    /**
     * Merges {@code keys} into {@code order} when their relative order agrees; new keys go right after the
     * last known key before them. False, leaving {@code order} alone, when the orders contradict.
     */
    private static boolean mergeKeys(List<String> order, List<String> keys) {
        int last = -1;
        for (int k = 0, kn = keys.size(); k < kn; k++) {
            int idx = order.indexOf(keys.get(k));
            if (idx >= 0) {
                if (idx <= last) {
                    return false;
                }
                last = idx;
            }
        }
        last = -1;
        for (int k = 0, kn = keys.size(); k < kn; k++) {
            String key = keys.get(k);
            int idx = order.indexOf(key);
            if (idx >= 0) {
                last = idx;
            } else {
                order.add(last + 1, key);
                last++;
            }
        }
        return true;
    }

    /** One column: a leaf holding a value per row, or a flattened object with sub-columns. */
    static final class Column {
        final String key;
        Column parent;
        List<Column> children;
        JsonValue[] values;
        JsonValue constant;
        long sequenceStart;
        long sequenceEnd;
        int sequenceStep;
        Column ref;
        String prefix;
        String suffix;
        /** The position in the parent array, or -1 for an object key. */
        int index = -1;

        Column(String key, int rows) {
            this.key = key;
            this.values = new JsonValue[rows];
        }

        /** Turns this column into sub-columns when its values are non-empty objects of one shape. */
        void maybeFlatten(int rowsPresent) {
            if (maybeFlattenArray(rowsPresent)) {
                return;
            }
            int present = 0;
            long keyCount = 0;
            for (JsonValue v : values) {
                if (v == null) {
                    continue;
                }
                if (!(v instanceof JsonValue.Obj o) || o.size() == 0) {
                    return;
                }
                present++;
                keyCount += o.size();
            }
            if (present == 0 || present < FLATTEN_MIN_PRESENT * rowsPresent) {
                return;
            }
            JsonValue.Obj[] sub = new JsonValue.Obj[values.length];
            for (int r = 0; r < values.length; r++) {
                sub[r] = (JsonValue.Obj) values[r];
            }
            List<Column> kids = buildSchema(sub, null);
            if (kids == null || keyCount < FLATTEN_MIN_FILL * present * kids.size()) {
                return;
            }
            for (Column k : kids) {
                k.parent = this;
            }
            children = kids;
            values = null;
        }

        /**
         * Turns this column into one sub-column per position when every value is an array of the same
         * short length: {@code status.conditions[0].type}. Positions holding objects flatten further.
         */
        private boolean maybeFlattenArray(int rowsPresent) {
            int present = 0;
            int length = -1;
            for (JsonValue v : values) {
                if (v == null) {
                    continue;
                }
                if (!(v instanceof JsonValue.Arr a)) {
                    return false;
                }
                int len = a.items().size();
                if (len == 0 || len > MAX_FLAT_ARRAY || (length >= 0 && len != length)) {
                    return false;
                }
                length = len;
                present++;
            }
            if (present == 0 || present < FLATTEN_MIN_PRESENT * rowsPresent) {
                return false;
            }
            List<Column> kids = new ArrayList<>(length);
            for (int p = 0; p < length; p++) {
                Column kid = new Column(null, values.length);
                kid.index = p;
                kid.parent = this;
                for (int r = 0; r < values.length; r++) {
                    if (values[r] != null) {
                        kid.values[r] = ((JsonValue.Arr) values[r]).items().get(p);
                    }
                }
                kid.maybeFlatten(present);
                kids.add(kid);
            }
            children = kids;
            values = null;
            return true;
        }

        /** Records the value shared by every regular row, if there is one. */
        void findConstant(boolean[] irregular) {
            JsonValue first = null;
            for (int r = 0; r < values.length; r++) {
                if (irregular[r]) {
                    continue;
                }
                JsonValue v = values[r];
                if (v == null) {
                    return;
                }
                if (first == null) {
                    first = v;
                } else if (v != first && !v.equals(first)) {
                    return;
                }
            }
            constant = first;
        }

        /** True when the rows do not carry this column: constant, sequence or template. */
        boolean isDerived() {
            return constant != null || sequenceStep != 0 || ref != null;
        }

        /** True when every regular row holds a string here. */
        boolean allStrings(boolean[] irregular) {
            for (int r = 0; r < values.length; r++) {
                if (!irregular[r] && !(values[r] instanceof JsonValue.Str)) {
                    return false;
                }
            }
            return true;
        }

        /** True when every regular row holds a string or a number here. */
        boolean allScalarText(boolean[] irregular) {
            for (int r = 0; r < values.length; r++) {
                if (!irregular[r] && !(values[r] instanceof JsonValue.Str) && !(values[r] instanceof JsonValue.Num)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Records a run of integers that goes up or down by one per row, such as 1..200: row {@code r} holds
         * {@code start + r * step}. Rows written as JSON are skipped but still count as positions.
         */
        void findSequence(boolean[] irregular) {
            if (constant != null) {
                return;
            }
            int n = values.length;
            int r0 = -1;
            long v0 = 0;
            long step = 0;
            long start = 0;
            for (int r = 0; r < n; r++) {
                if (irregular[r]) {
                    continue;
                }
                if (!(values[r] instanceof JsonValue.Num num) || !TableSyntax.isPlainInteger(num.literal())) {
                    return;
                }
                long v = Long.parseLong(num.literal());
                if (r0 < 0) {
                    r0 = r;
                    v0 = v;
                } else if (step == 0) {
                    long d = v - v0;
                    if (d != r - r0 && d != -(r - r0)) {
                        return;
                    }
                    step = d / (r - r0);
                    start = v0 - r0 * step;
                } else if (v != start + r * step) {
                    return;
                }
            }
            long end = start + (n - 1) * step;
            if (step == 0 || !TableSyntax.isPlainInteger(Long.toString(start))
                    || !TableSyntax.isPlainInteger(Long.toString(end))) {
                return;
            }
            sequenceStart = start;
            sequenceEnd = end;
            sequenceStep = (int) step;
        }

        private String pathText;

        /** The column's path as the header writes it: {@code user.login}, {@code meta."a.b"}. */
        String pathText() {
            if (pathText == null) {
                StringBuilder sb = new StringBuilder();
                writePath(sb);
                pathText = sb.toString();
            }
            return pathText;
        }

        void writePath(StringBuilder sb) {
            if (index >= 0) {
                parent.writePath(sb);
                sb.append('[').append(index).append(']');
                return;
            }
            if (parent != null) {
                parent.writePath(sb);
                sb.append('.');
            }
            if (TableSyntax.isBareKey(key)) {
                sb.append(key);
            } else {
                JsonWriter.writeString(key, sb);
            }
        }
    }
}
