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
        return isBareCell(s, inHeader, null);
    }

    /**
     * {@link #isBareCell(String, boolean)}, with {@code scratch} (null, or at least {@code s.length()} long) to copy a
     * long cell's chars into: one bulk copy and a loop over an array cost less than a {@code charAt} per char.
     */
    static boolean isBareCell(String s, boolean inHeader, char[] scratch) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        char first = s.charAt(0);
        if (first <= ' ' || first == '"' || first == '{' || first == '[' || s.charAt(n - 1) <= ' ') {
            return false;
        }
        boolean bare;
        if (n >= LONG_CELL && scratch != null) {
            s.getChars(0, n, scratch, 0);
            bare = bareChars(scratch, n, inHeader);
        } else {
            bare = bareChars(s, inHeader);
        }
        if (!bare) {
            return false;
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

    /** Cells at least this long are checked on a copy of their chars when a scratch array is given. */
    static final int LONG_CELL = 24;

    /**
     * Per ASCII char, why it may not stand in a bare cell: {@link #ANYWHERE} (control chars, comma, DEL) or
     * {@link #IN_HEADER} (the brace that ends a header value); 0 for the rest.
     */
    private static final byte[] CELL_STOP = new byte[128];
    private static final int ANYWHERE = 1;
    private static final int IN_HEADER = 2;

    static {
        for (int c = 0; c < 0x20; c++) {
            CELL_STOP[c] = ANYWHERE;
        }
        CELL_STOP[','] = ANYWHERE;
        CELL_STOP[0x7f] = ANYWHERE;
        CELL_STOP['}'] = IN_HEADER;
    }

    /**
     * The per-char part of {@link #isBareCell}: no control char, comma, DEL, line or paragraph separator, unpaired
     * surrogate, nor (in the header) closing brace. One pass for everything: a separate vectorised
     * {@code indexOf(',')} plus this loop cost more on short cells.
     */
    private static boolean bareChars(String s, boolean inHeader) {
        int stop = inHeader ? ANYWHERE | IN_HEADER : ANYWHERE;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if ((CELL_STOP[c] & stop) != 0) {
                    return false;
                }
                continue;
            }
            if (c == '\u2028' || c == '\u2029') {
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
        return true;
    }

    /** {@link #bareChars(String, boolean)} of the string whose chars are {@code a[0, n)}. */
    private static boolean bareChars(char[] a, int n, boolean inHeader) {
        int stop = inHeader ? ANYWHERE | IN_HEADER : ANYWHERE;
        for (int i = 0; i < n; i++) {
            char c = a[i];
            if (c < 0x80) {
                if ((CELL_STOP[c] & stop) != 0) {
                    return false;
                }
                continue;
            }
            if (c == '\u2028' || c == '\u2029') {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(a[i + 1])) {
                    i++;
                    continue;
                }
                return false;
            }
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
