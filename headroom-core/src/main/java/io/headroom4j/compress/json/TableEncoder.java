package io.headroom4j.compress.json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

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

    private final boolean always;

    private TableEncoder(boolean always) {
        this.always = always;
    }

    /** Encodes with a table wherever the table is shorter than the JSON it replaces. */
    static String encode(List<JsonValue> document) {
        return new TableEncoder(false).encodeDocument(document);
    }

    /** Encodes with a table wherever one is possible, shorter or not; for tests of the format. */
    static String encodeEverywhere(List<JsonValue> document) {
        return new TableEncoder(true).encodeDocument(document);
    }

    /** Number of tables in the last {@link #encodeDocument}; informative only. */
    private int tables;

    String encodeDocument(List<JsonValue> document) {
        StringBuilder sb = new StringBuilder(estimateCapacity(document));
        if (document.size() == 1) {
            writeValue(document.get(0), sb);
            return sb.toString();
        }
        if (document.size() >= 2 && allObjects(document)) {
            int mark = sb.length();
            if (tryTable(document, true, sb)) {
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

    private static int estimateCapacity(List<JsonValue> document) {
        return 256;
    }

    /** Writes {@code v} as JSON, except that arrays of objects may become tables. */
    void writeValue(JsonValue v, StringBuilder sb) {
        if (v instanceof JsonValue.Arr a) {
            List<JsonValue> items = a.items();
            if (items.size() >= 2 && allObjects(items)) {
                int mark = sb.length();
                if (tryTable(items, false, sb)) {
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
     * it would not be shorter than the plain JSON (the caller then resets {@code sb}).
     */
    boolean tryTable(List<JsonValue> items, boolean jsonLines, StringBuilder sb) {
        int n = items.size();
        JsonValue.Obj[] rows = new JsonValue.Obj[n];
        for (int i = 0; i < n; i++) {
            rows[i] = (JsonValue.Obj) items.get(i);
        }
        boolean[] irregular = new boolean[n];
        List<Column> schema = buildSchema(rows, irregular);
        if (schema == null) {
            return false;
        }
        int regular = 0;
        for (boolean b : irregular) {
            if (!b) {
                regular++;
            }
        }
        if (regular == 0) {
            return false;
        }
        List<Column> leaves = new ArrayList<>();
        collectLeaves(schema, leaves);
        if (regular >= 2) {
            for (int c = 0, cn = leaves.size(); c < cn; c++) {
                leaves.get(c).findConstant(irregular);
            }
        }
        int start = sb.length();
        writeTable(n, jsonLines, schema, leaves, rows, irregular, sb);
        if (always) {
            tables++;
            return true;
        }
        // Plain JSON costs the items plus brackets and commas (or newlines for JSON lines).
        long plain = 1L + n;
        for (int i = 0; i < n; i++) {
            plain += JsonLength.of(rows[i]);
        }
        if (sb.length() - start < plain) {
            tables++;
            return true;
        }
        return false;
    }

    private static void writeTable(int n, boolean jsonLines, List<Column> schema, List<Column> leaves,
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
            leaf.writePath(sb);
            if (leaf.constant != null) {
                sb.append('=');
                writeCell(leaf.constant, true, sb);
            }
        }
        sb.append("}:");
        int varying = 0;
        for (int c = 0, cn = leaves.size(); c < cn; c++) {
            if (leaves.get(c).constant == null) {
                varying++;
            }
        }
        Column[] cols = new Column[varying];
        for (int c = 0, k = 0, cn = leaves.size(); c < cn; c++) {
            if (leaves.get(c).constant == null) {
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
    static void writeCell(JsonValue v, boolean inHeader, StringBuilder sb) {
        if (v instanceof JsonValue.Str s) {
            if (TableSyntax.isBareCell(s.value(), inHeader)) {
                sb.append(s.value());
            } else {
                JsonWriter.writeString(s.value(), sb);
            }
        } else {
            JsonWriter.write(v, sb);
        }
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
                first = false;
                continue;
            }
            if (keys.equals(order)) {
                continue;
            }
            if (row.hasDuplicateKeys() || !mergeKeys(order, keys)) {
                if (irregular == null) {
                    return null;
                }
                irregular[r] = true;
            }
        }
        int cn = order.size();
        HashMap<String, Integer> index = new HashMap<>(cn * 2);
        List<Column> columns = new ArrayList<>(cn);
        for (int c = 0; c < cn; c++) {
            index.put(order.get(c), c);
            columns.add(new Column(order.get(c), n));
        }
        for (int r = 0; r < n; r++) {
            JsonValue.Obj row = rows[r];
            if (row == null || (irregular != null && irregular[r])) {
                continue;
            }
            List<String> keys = row.keys();
            List<JsonValue> values = row.values();
            if (keys.size() == cn && keys.equals(order)) {
                for (int c = 0; c < cn; c++) {
                    columns.get(c).values[r] = values.get(c);
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

        Column(String key, int rows) {
            this.key = key;
            this.values = new JsonValue[rows];
        }

        /** Turns this column into sub-columns when its values are non-empty objects of one shape. */
        void maybeFlatten(int rowsPresent) {
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

        void writePath(StringBuilder sb) {
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
