package io.headroom4j.compress.json;

/** The character-level rules of the table format, shared by {@link TableEncoder} and {@link TableDecoder}. */
final class TableSyntax {

    private TableSyntax() {
    }

    /** True when {@code s[from, to)} is a JSON number literal (RFC 8259 grammar). */
    static boolean isJsonNumber(CharSequence s, int from, int to) {
        int i = from;
        if (i < to && s.charAt(i) == '-') {
            i++;
        }
        if (i >= to) {
            return false;
        }
        char c = s.charAt(i);
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            i++;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
            }
        } else {
            return false;
        }
        if (i < to && s.charAt(i) == '.') {
            i++;
            int digits = i;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == digits) {
                return false;
            }
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int digits = i;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == digits) {
                return false;
            }
        }
        return i == to;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * True when string {@code s} can be written without quotes as a cell: it cannot be mistaken for
     * another value (number, true, false, null, JSON, the empty "missing" cell), holds no delimiter or line
     * break, and has no whitespace at its edges. In the header, {@code }} also ends a value.
     */
    static boolean isBareCell(String s, boolean inHeader) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        char first = s.charAt(0);
        if (first <= ' ' || first == '"' || first == '{' || first == '[' || s.charAt(n - 1) <= ' ') {
            return false;
        }
        // One pass for everything: a separate vectorised indexOf(',') plus this loop cost more on short cells.
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
            // In the header "1..200" is a sequence, so a string that looks like one is quoted there.
            return !isJsonNumber(s, 0, n) && !(inHeader && s.contains(".."));
        }
        return true;
    }

    /** True when {@code s} is a canonical integer literal that fits a long comfortably (no sign games). */
    static boolean isPlainInteger(String s) {
        int n = s.length();
        if (n == 0 || n > 17) {
            return false;
        }
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == n || (s.charAt(i) == '0' && n > i + 1) || (i == 1 && s.charAt(1) == '0')) {
            return false;   // "-", leading zeros and "-0" are kept as they are
        }
        for (; i < n; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when an object key can be a bare path segment in the header. */
    static boolean isBareKey(String key) {
        int n = key.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                return false;
            }
            switch (c) {
                case '.', ',', '=', '~', '{', '}', '[', ']', '"', ':', '\\' -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return true;
    }
}
