package io.headroom4j.compress.json;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the table format back into JSON values: the inverse of {@link TableEncoder}. Plain JSON is read
 * too, so any output of the JSON compressor's lossless path can be decoded. Not thread-safe; one instance
 * per text.
 */
final class TableDecoder {

    private final String text;
    private int pos;

    private TableDecoder(String text) {
        this.text = text;
    }

    /**
     * Every top-level value of {@code text}; a {@code [N lines]} table contributes its N rows.
     *
     * @throws IllegalArgumentException when {@code text} is neither JSON nor the table format
     */
    static List<JsonValue> decode(String text) {
        TableDecoder d = new TableDecoder(text);
        List<JsonValue> out = new ArrayList<>();
        d.skipWhitespace();
        while (d.pos < text.length()) {
            if (d.atTableHeader()) {
                boolean lines = d.isLinesTable();
                List<JsonValue> rows = d.readTable(0);
                if (lines) {
                    out.addAll(rows);
                } else {
                    out.add(new JsonValue.Arr(rows));
                }
            } else {
                out.add(d.readValue(0, true));
            }
            d.skipWhitespace();
        }
        return out;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + pos);
    }

    private void skipWhitespace() {
        int n = text.length();
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                break;
            }
        }
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** True at {@code [digits]{} or {@code [digits lines]{}, which plain JSON never contains. */
    private boolean atTableHeader() {
        int n = text.length();
        if (pos >= n || text.charAt(pos) != '[') {
            return false;
        }
        int i = pos + 1;
        int digits = i;
        while (i < n && Character.isDigit(text.charAt(i)) && text.charAt(i) <= '9') {
            i++;
        }
        if (i == digits) {
            return false;
        }
        if (text.startsWith(" lines", i)) {
            i += 6;
        }
        return text.startsWith("]{", i);
    }

    private boolean isLinesTable() {
        int close = text.indexOf(']', pos);
        return close > 0 && text.startsWith(" lines]", close - 6);
    }

    private JsonValue readValue(int depth, boolean tables) {
        if (depth > JsonReader.MAX_DEPTH) {
            throw error("nesting too deep");
        }
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{': {
                pos++;
                List<String> keys = new ArrayList<>();
                List<JsonValue> values = new ArrayList<>();
                skipWhitespace();
                if (pos < text.length() && text.charAt(pos) == '}') {
                    pos++;
                    return new JsonValue.Obj(keys, values);
                }
                while (true) {
                    skipWhitespace();
                    keys.add(readString());
                    skipWhitespace();
                    expect(':');
                    values.add(readValue(depth + 1, tables));
                    skipWhitespace();
                    if (pos < text.length() && text.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    expect('}');
                    return new JsonValue.Obj(keys, values);
                }
            }
            case '[': {
                if (tables && atTableHeader()) {
                    if (isLinesTable()) {
                        throw error("a lines table inside a value");
                    }
                    return new JsonValue.Arr(readTable(depth));
                }
                pos++;
                List<JsonValue> items = new ArrayList<>();
                skipWhitespace();
                if (pos < text.length() && text.charAt(pos) == ']') {
                    pos++;
                    return new JsonValue.Arr(items);
                }
                while (true) {
                    items.add(readValue(depth + 1, tables));
                    skipWhitespace();
                    if (pos < text.length() && text.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    expect(']');
                    return new JsonValue.Arr(items);
                }
            }
            case '"':
                return new JsonValue.Str(readString());
            case 't':
                return literal("true", JsonValue.Bool.TRUE);
            case 'f':
                return literal("false", JsonValue.Bool.FALSE);
            case 'n':
                return literal("null", JsonValue.Null.INSTANCE);
            default:
                return readNumber();
        }
    }

    private JsonValue literal(String word, JsonValue value) {
        if (!text.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
        return value;
    }

    private JsonValue readNumber() {
        int start = pos;
        int n = text.length();
        while (pos < n && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (!TableSyntax.isJsonNumber(text, start, pos)) {
            pos = start;
            throw error("expected a value");
        }
        return new JsonValue.Num(text.substring(start, pos));
    }

    private String readString() {
        expect('"');
        int n = text.length();
        int start = pos;
        // Fast path: no escapes.
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == '"') {
                String s = text.substring(start, pos);
                pos++;
                return s;
            }
            if (c == '\\') {
                break;
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            pos++;
        }
        StringBuilder sb = new StringBuilder(pos - start + 16);
        sb.append(text, start, pos);
        while (pos < n) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= n) {
                break;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > n) {
                        throw error("short unicode escape");
                    }
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos++), 16);
                        if (d < 0) {
                            throw error("bad unicode escape");
                        }
                        cp = cp * 16 + d;
                    }
                    sb.append((char) cp);
                }
                default -> throw error("bad escape");
            }
        }
        throw error("unterminated string");
    }

    /** Reads a table at {@code pos}: header, then exactly N row lines. */
    private List<JsonValue> readTable(int depth) {
        expect('[');
        int start = pos;
        while (Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        int count;
        try {
            count = Integer.parseInt(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("bad row count");
        }
        if (text.startsWith(" lines", pos)) {
            pos += 6;
        }
        expect(']');
        expect('{');
        List<Leaf> leaves = new ArrayList<>();
        if (pos < text.length() && text.charAt(pos) == '}') {
            pos++;
        } else {
            while (true) {
                leaves.add(readColumn(depth));
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                break;
            }
        }
        expect(':');
        resolveTemplates(leaves);
        List<Node> tree = buildTree(leaves);
        if (!tree.isEmpty() && tree.get(0).key instanceof Integer) {
            throw error("a row must be an object");
        }
        int varying = 0;
        for (int i = 0; i < leaves.size(); i++) {
            Leaf l = leaves.get(i);
            l.index = i;
            if (!l.isDerived()) {
                l.slot = varying++;
            }
        }
        List<JsonValue> rows = new ArrayList<>(count);
        JsonValue[] cells = new JsonValue[varying];
        JsonValue[] leafValues = new JsonValue[leaves.size()];
        for (int r = 0; r < count; r++) {
            expect('\n');
            int lineEnd = text.indexOf('\n', pos);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            JsonValue whole = readWholeRow(lineEnd, depth);
            if (whole != null) {
                rows.add(whole);
            } else {
                readCells(lineEnd, cells, depth);
                fillLeafValues(leaves, cells, leafValues, r);
                JsonValue.Obj row = assemble(tree, leafValues);
                rows.add(row == null ? new JsonValue.Obj(new ArrayList<>(), new ArrayList<>()) : row);
            }
            pos = lineEnd;
        }
        if (pos < text.length()) {
            expect('\n');
        }
        return rows;
    }

    /** The row written as a JSON object, or null when the line holds cells. */
    private JsonValue readWholeRow(int lineEnd, int depth) {
        if (pos < lineEnd && text.charAt(pos) == '{') {
            int save = pos;
            try {
                JsonValue whole = readValue(depth + 1, false);
                if (pos == lineEnd && whole instanceof JsonValue.Obj) {
                    return whole;
                }
            } catch (IllegalArgumentException notWholeRow) {
                // falls through: a row whose first cell is an object
            }
            pos = save;
        }
        return null;
    }

    private void readCells(int lineEnd, JsonValue[] cells, int depth) {
        java.util.Arrays.fill(cells, null);
        for (int c = 0; c < cells.length && pos < lineEnd; c++) {
            if (c > 0) {
                expect(',');
            }
            cells[c] = readCell(lineEnd, false, depth);
        }
        if (pos != lineEnd) {
            throw error("more cells than columns");
        }
    }

    private static void fillLeafValues(List<Leaf> leaves, JsonValue[] cells, JsonValue[] out, long rowIndex) {
        for (int i = 0, n = leaves.size(); i < n; i++) {
            Leaf l = leaves.get(i);
            if (l.constant != null) {
                out[i] = l.constant;
            } else if (l.step != 0) {
                out[i] = new JsonValue.Num(Long.toString(l.start + rowIndex * l.step));
            } else if (l.template == null) {
                out[i] = cells[l.slot];
            }
        }
        for (int i = 0, n = leaves.size(); i < n; i++) {
            Leaf l = leaves.get(i);
            if (l.template != null) {
                JsonValue v = out[l.ref.index];
                if (!(v instanceof JsonValue.Str) && !(v instanceof JsonValue.Num)) {
                    throw new IllegalArgumentException("template column " + l.pathText + " refers to a missing value");
                }
                out[i] = new JsonValue.Str(l.prefix + TableEncoder.scalarText(v) + l.suffix);
            }
        }
    }

    /** Finds the one column each template names in braces. */
    private void resolveTemplates(List<Leaf> leaves) {
        String[] paths = new String[leaves.size()];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = leaves.get(i).pathText;
        }
        for (Leaf l : leaves) {
            if (l.template == null) {
                continue;
            }
            if (!TableEncoder.refersOnce(l.template, paths)) {
                throw error("template of " + l.pathText + " must name exactly one column");
            }
            for (Leaf other : leaves) {
                String p = other.pathText;
                if (p.indexOf('{') >= 0 || p.indexOf('}') >= 0) {
                    continue;
                }
                int at = l.template.indexOf('{' + p + '}');
                if (at >= 0) {
                    if (other.template != null || other == l) {
                        throw error("template of " + l.pathText + " names a template column");
                    }
                    l.ref = other;
                    l.prefix = l.template.substring(0, at);
                    l.suffix = l.template.substring(at + p.length() + 2);
                    break;
                }
            }
        }
    }

    /** One cell ending at {@code ,}, {@code end} (or {@code }} in the header); null for an empty cell. */
    private JsonValue readCell(int end, boolean inHeader, int depth) {
        if (pos >= end) {
            return null;
        }
        char c = text.charAt(pos);
        if (c == ',' || (inHeader && c == '}')) {
            return null;
        }
        if (c == '"') {
            return new JsonValue.Str(readString());
        }
        if (c == '{' || c == '[') {
            return readValue(depth + 1, false);
        }
        int start = pos;
        while (pos < end) {
            char d = text.charAt(pos);
            if (d == ',' || (inHeader && d == '}') || d == '\n') {
                break;
            }
            pos++;
        }
        String raw = text.substring(start, pos);
        switch (raw) {
            case "true":
                return JsonValue.Bool.TRUE;
            case "false":
                return JsonValue.Bool.FALSE;
            case "null":
                return JsonValue.Null.INSTANCE;
            default:
                break;
        }
        if (TableSyntax.isJsonNumber(raw, 0, raw.length())) {
            return new JsonValue.Num(raw);
        }
        return new JsonValue.Str(raw);
    }

    private Leaf readColumn(int depth) {
        int pathStart = pos;
        List<Object> path = new ArrayList<>(2);
        while (true) {
            if (!path.isEmpty() && text.startsWith("[", pos)) {
                int close = text.indexOf(']', pos);
                if (close < 0) {
                    throw error("unclosed position");
                }
                try {
                    path.add(Integer.valueOf(text.substring(pos + 1, close)));
                } catch (NumberFormatException e) {
                    throw error("bad position");
                }
                pos = close + 1;
                if (pos < text.length() && text.charAt(pos) == '[') {
                    continue;
                }
            } else if (pos < text.length() && text.charAt(pos) == '"') {
                path.add(readString());
            } else {
                int start = pos;
                while (pos < text.length() && ".,=~}[\n".indexOf(text.charAt(pos)) < 0) {
                    pos++;
                }
                if (pos == start) {
                    throw error("empty column name");
                }
                path.add(text.substring(start, pos));
            }
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                continue;
            }
            if (pos < text.length() && text.charAt(pos) == '[') {
                continue;
            }
            break;
        }
        Leaf leaf = new Leaf(path, text.substring(pathStart, pos));
        if (pos < text.length() && text.charAt(pos) == '~') {
            pos++;
            leaf.template = readString();
            return leaf;
        }
        if (pos < text.length() && text.charAt(pos) == '=') {
            pos++;
            if (readSequence(leaf)) {
                return leaf;
            }
            int end = text.indexOf('\n', pos);
            leaf.constant = readCell(end < 0 ? text.length() : end, true, depth);
            if (leaf.constant == null) {
                throw error("empty constant");
            }
        }
        return leaf;
    }

    /** Reads {@code start..end} (a bare run of integers) into {@code leaf}; false, moving nothing, otherwise. */
    private boolean readSequence(Leaf leaf) {
        int n = text.length();
        int i = pos;
        int aStart = i;
        if (i < n && text.charAt(i) == '-') {
            i++;
        }
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        int aEnd = i;
        if (!text.startsWith("..", i)) {
            return false;
        }
        i += 2;
        int bStart = i;
        if (i < n && text.charAt(i) == '-') {
            i++;
        }
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i < n && text.charAt(i) != ',' && text.charAt(i) != '}') {
            return false;
        }
        String a = text.substring(aStart, aEnd);
        String b = text.substring(bStart, i);
        if (!TableSyntax.isPlainInteger(a) || !TableSyntax.isPlainInteger(b) || a.equals(b)) {
            return false;
        }
        leaf.start = Long.parseLong(a);
        leaf.step = Long.parseLong(b) > leaf.start ? 1 : -1;
        pos = i;
        return true;
    }

    /** Groups consecutive leaves that share a first path segment into nested objects. */
    private List<Node> buildTree(List<Leaf> leaves) {
        List<Node> roots = new ArrayList<>();
        for (Leaf leaf : leaves) {
            List<Node> level = roots;
            List<Object> path = leaf.path;
            for (int i = 0; i < path.size() - 1; i++) {
                Object seg = path.get(i);
                Node last = level.isEmpty() ? null : level.get(level.size() - 1);
                if (last == null || last.leaf != null || !last.key.equals(seg)) {
                    last = addNode(level, seg, null);
                }
                level = last.children;
            }
            addNode(level, path.get(path.size() - 1), leaf);
        }
        return roots;
    }

    /** Adds a node; positions must count up from 0 and cannot mix with keys on one level. */
    private Node addNode(List<Node> level, Object seg, Leaf leaf) {
        boolean position = seg instanceof Integer;
        if (position && ((Integer) seg) != level.size()) {
            throw error("array positions out of order");
        }
        if (!level.isEmpty() && (level.get(0).key instanceof Integer) != position) {
            throw error("keys and positions mixed");
        }
        Node node = new Node(seg, leaf);
        level.add(node);
        return node;
    }

    /** The array for one row's positions, or null when none is present; all or none must be. */
    private static JsonValue.Arr assembleArray(List<Node> nodes, JsonValue[] leafValues) {
        List<JsonValue> items = null;
        for (int i = 0, n = nodes.size(); i < n; i++) {
            Node node = nodes.get(i);
            JsonValue v = value(node, leafValues);
            if ((v == null) != (items == null) && i > 0) {
                throw new IllegalArgumentException("array column with a missing position");
            }
            if (v != null) {
                if (items == null) {
                    items = new ArrayList<>(n);
                }
                items.add(v);
            }
        }
        return items == null ? null : new JsonValue.Arr(items);
    }

    private static JsonValue value(Node node, JsonValue[] leafValues) {
        if (node.leaf != null) {
            return leafValues[node.leaf.index];
        }
        if (!node.children.isEmpty() && node.children.get(0).key instanceof Integer) {
            return assembleArray(node.children, leafValues);
        }
        return assemble(node.children, leafValues);
    }

    /** The object for one row, or null when it has no key at all (a missing nested object). */
    private static JsonValue.Obj assemble(List<Node> nodes, JsonValue[] leafValues) {
        List<String> keys = null;
        List<JsonValue> values = null;
        for (int i = 0, n = nodes.size(); i < n; i++) {
            Node node = nodes.get(i);
            JsonValue v = value(node, leafValues);
            if (v != null) {
                if (keys == null) {
                    keys = new ArrayList<>(n);
                    values = new ArrayList<>(n);
                }
                keys.add((String) node.key);
                values.add(v);
            }
        }
        return keys == null ? null : new JsonValue.Obj(keys, values);
    }

    private static final class Leaf {
        final List<Object> path;
        final String pathText;
        JsonValue constant;
        long start;
        int step;
        String template;
        Leaf ref;
        String prefix;
        String suffix;
        int slot = -1;
        int index;

        Leaf(List<Object> path, String pathText) {
            this.path = path;
            this.pathText = pathText;
        }

        boolean isDerived() {
            return constant != null || step != 0 || template != null;
        }
    }

    private static final class Node {
        /** An object key (String) or an array position (Integer). */
        final Object key;
        final Leaf leaf;
        final List<Node> children = new ArrayList<>();

        Node(Object key, Leaf leaf) {
            this.key = key;
            this.leaf = leaf;
        }
    }
}
