package io.headroom4j.compress.log;

import java.util.Arrays;

/**
 * The per-line scan of {@code log.templates} as it was before session 8 (h-scan): {@link LineSignals#kindOf},
 * {@link DrainParser.Masker} and {@link LineScan}'s part scan, copied verbatim, kept in test scope as the
 * reference the faster scan must agree with, line for line and character for character (and as the "before" in
 * {@link LineScanCpu}).
 */
final class PreviousLineScan {

    static final byte PLAIN = LineSignals.PLAIN;
    static final byte ERROR = LineSignals.ERROR;
    static final byte FRAME = LineSignals.FRAME;

    private PreviousLineScan() {
    }

    /** Scans all of {@code lines} in one part, as {@link LineScan#of} did without a helper. */
    static Part scan(LogLines lines) {
        Part part = new Part(0, lines.count(), lines.text().length());
        part.kinds = new byte[lines.count()];
        part.signature = new int[lines.count()];
        part.scan(lines, part.kinds, part.signature);
        neighbours(lines, part.kinds);
        return part;
    }

    // ---- LineSignals (single-line verdicts) ----

    /** The single-line verdict on {@code line[0, len)}: {@link #ERROR}, {@link #FRAME} or {@link #PLAIN}. */
    static byte kindOf(char[] line, int len) {
        if (isErrorLike(line, 0, len)) {
            return ERROR;
        }
        return isStackFrame(line, 0, len, len) ? FRAME : PLAIN;
    }

    /**
     * The second step of {@link #classify}, after {@link #kindOf} of every line: marks as frames the lines that
     * only their neighbours show to be part of a trace. Turns only {@link #PLAIN} lines into {@link #FRAME}s.
     */
    static void neighbours(LogLines lines, byte[] kinds) {
        int n = lines.count();
        String t = lines.text();
        for (int i = 1; i < n; i++) {
            if (kinds[i] == FRAME && kinds[i - 1] == PLAIN) {
                int s = lines.start(i);
                int e = lines.end(i);
                int p = skipSpace(t, s, e);
                // Go: "pkg.Func(...)" sits above "\t/path/file.go:17 +0x1a".
                if (p > s && t.charAt(s) == '\t' && p < e && t.charAt(p) == '/') {
                    char[] above = lineChars(lines, i - 1);
                    if (looksLikeCall(above, 0, above.length)) {
                        kinds[i - 1] = FRAME;
                    }
                }
            }
            if (kinds[i - 1] == FRAME && kinds[i] == PLAIN) {
                char[] above = lineChars(lines, i - 1);
                if (isPythonFileFrame(above, 0, above.length, above.length)) {
                    int prevIndent = skipSpace(above, 0, above.length);
                    int indent = skipSpace(t, lines.start(i), lines.end(i)) - lines.start(i);
                    if (indent > prevIndent && indent < lines.end(i) - lines.start(i)) {
                        kinds[i] = FRAME;
                    }
                }
            }
        }
    }

    static char[] lineChars(LogLines lines, int i) {
        char[] c = new char[lines.end(i) - lines.start(i)];
        lines.text().getChars(lines.start(i), lines.end(i), c, 0);
        return c;
    }

    /** True when {@code text[start, end)} looks like an error, failure, warning or non-zero exit. */
    static boolean isErrorLike(String text, int start, int end) {
        if (end <= start) {
            return false;
        }
        // The scan never reads outside [start, end), so a copy of just that range answers the same.
        char[] chars = new char[end - start];
        text.getChars(start, end, chars, 0);
        return isErrorLike(chars, 0, chars.length);
    }

    /**
     * {@link #isErrorLike(String, int, int)} on a character array, the form {@link #classify} scans: array
     * reads cost less than {@code String.charAt}, which checks the index and the string's coder on each call.
     */
    static boolean isErrorLike(char[] text, int start, int end) {
        for (int p = start; p < end; p++) {
            char c = text[p];
            if (c >= 0x80) {
                if (c == '\u2715' || c == '\u2716' || c == '\u2717' || c == '\u2718' || c == '\u274C'
                        || c == '\u25CF') {
                    return true; // ✕ ✖ ✗ ✘ ❌ (failed test marks) and ● (jest's failure heading)
                }
                continue;
            }
            char l = (char) (c | 0x20);
            if (l < 'a' || l > 'z') {
                if (c == '5' && isServerErrorStatus(text, start, p, end)) {
                    return true;
                }
                continue;
            }
            boolean boundary = p == start || !isAsciiLetter(text[p - 1]);
            switch (l) {
                case 'e':
                    if (matches(text, p, end, "error") && !isZeroCount(text, start, p, end)) {
                        return true;
                    }
                    if (matches(text, p, end, "exception")) {
                        return true;
                    }
                    if (boundary && (matches(text, p, end, "exit") && nonZeroExit(text, p + 4, end)
                            || matches(text, p, end, "emerg"))) {
                        return true;
                    }
                    break;
                case 'f':
                    if (boundary && (matches(text, p, end, "fatal")
                            || matches(text, p, end, "fail") && !isZeroCount(text, start, p, end))) {
                        return true;
                    }
                    break;
                case 'p':
                    if (boundary && matches(text, p, end, "panic")) {
                        return true;
                    }
                    break;
                case 'c':
                    if (boundary && (matches(text, p, end, "critical") || matches(text, p, end, "core dumped"))) {
                        return true;
                    }
                    break;
                case 's':
                    if (boundary && (matches(text, p, end, "severe") || matches(text, p, end, "segfault")
                            || matches(text, p, end, "segmentation fault")
                            || matches(text, p, end, "status") && statusIsServerError(text, p + 6, end))) {
                        return true;
                    }
                    break;
                case 't':
                    if (boundary && (matches(text, p, end, "traceback") || matches(text, p, end, "timed out"))) {
                        return true;
                    }
                    break;
                case 'w':
                    if (boundary && matches(text, p, end, "warn") && !isZeroCount(text, start, p, end)) {
                        return true;
                    }
                    break;
                case 'a':
                    if (boundary && matches(text, p, end, "abort")) {
                        return true;
                    }
                    break;
                case 'k':
                    if (boundary && matches(text, p, end, "killed")) {
                        return true;
                    }
                    break;
                case 'o':
                    if (boundary && matches(text, p, end, "out of memory")) {
                        return true;
                    }
                    break;
                case 'd':
                    if (boundary && matches(text, p, end, "denied")) {
                        return true;
                    }
                    break;
                case 'r':
                    if (boundary && matches(text, p, end, "refused")) {
                        return true;
                    }
                    break;
                case 'u':
                    if (boundary && (matches(text, p, end, "unhandled") || matches(text, p, end, "uncaught")
                            || matches(text, p, end, "unable to"))) {
                        return true;
                    }
                    break;
                default:
                    break;
            }
            // Skip the rest of this word: keywords are looked for only at word starts (and "error" and
            // "exception" anywhere, which the switch above already saw at this position).
            int q = p + 1;
            while (q < end && isAsciiLetter(text[q])) {
                // Cheap two-character test first: "er…" or "ex…" inside a word (TypeError, IOException).
                if ((text[q] | 0x20) == 'e' && q + 1 < end && ((text[q + 1] | 0x20) == 'r'
                        || (text[q + 1] | 0x20) == 'x') && (matches(text, q, end, "exception")
                        || matches(text, q, end, "error") && !isZeroCount(text, start, q, end))) {
                    return true;
                }
                q++;
            }
            p = q - 1;
        }
        return false;
    }

    /** True when {@code text[start, end)} is a stack frame or a stack-trace line of a common runtime. */
    static boolean isStackFrame(String text, int start, int end) {
        if (end <= start) {
            return false;
        }
        // A prefix test may look past end (as String.startsWith does), never before start: copy from start on.
        char[] chars = new char[text.length() - start];
        text.getChars(start, text.length(), chars, 0);
        return isStackFrame(chars, 0, end - start, chars.length);
    }

    /**
     * {@link #isStackFrame(String, int, int)} on a character array whose prefix tests stop at {@code limit}.
     * For a line of a text split at {@code '\n'}, {@code limit == end} answers as the whole text would: the
     * character at a line's end is {@code '\r'} or {@code '\n'}, which no prefix tested here contains.
     */
    static boolean isStackFrame(char[] text, int start, int end, int limit) {
        int p = skipSpace(text, start, end);
        if (p >= end) {
            return false;
        }
        char c = text[p];
        boolean special = switch (c) {
            // Java "at a.b.C.m(C.java:12)", JS "at f (file.js:1:2)", Rust "at ./src/lib.rs:36:9"
            case 'a' -> startsWith(text, limit, "at ", p) && end - p > 3 && (indexOf(text, '(', p, end) >= 0
                    || indexOf(text, ':', p, end) >= 0 || startsWith(text, limit, "<anonymous>", p + 3));
            // Java "... 62 more" / "... 62 common frames omitted"
            case '.' -> startsWith(text, limit, "... ", p) && p + 4 < end && isDigit(text[p + 4]);
            case 'C' -> startsWith(text, limit, "Caused by: ", p);
            case 'S' -> startsWith(text, limit, "Suppressed: ", p);
            case 'F' -> isPythonFileFrame(text, start, end, limit);
            case 'g' -> startsWith(text, limit, "goroutine ", p) && p + 10 < end && isDigit(text[p + 10]);
            // Node internals without "at ": "node:internal/test_runner/test:796:25"
            case 'n' -> startsWith(text, limit, "node:", p) && endsWithLineColumn(text, p, end);
            // Go "\t/usr/local/go/src/testing/testing.go:1974 +0x232"
            case '/' -> p > start && indexOfString(text, ".go:", p, end) >= 0;
            default -> false;
        };
        if (special) {
            return true;
        }
        if (isDigit(c)) {
            // Rust backtrace "   4: cargo_shop::tests::applies_discount", Go "1: 0x4a2b3c"
            int q = p;
            while (q < end && isDigit(text[q])) {
                q++;
            }
            return q > p && q + 2 < end && p > start && text[q] == ':' && text[q + 1] == ' '
                    && text[q + 2] != ' ';
        }
        // Node stack lines inside TAP/YAML blocks: "Test.run (node:internal/test_runner/test:796:25)"
        if (end > p && text[end - 1] == ')' && p > start) {
            int open = lastIndexOf(text, '(', p, end);
            return open > p && (endsWithLineColumn(text, open + 1, end - 1)
                    || startsWith(text, limit, "<anonymous>", open + 1));
        }
        return false;
    }

    /** Index of the first character at or after {@code p} that is not a space or tab, at most {@code end}. */
    static int skipSpace(String text, int p, int end) {
        while (p < end) {
            char c = text.charAt(p);
            if (c != ' ' && c != '\t') {
                break;
            }
            p++;
        }
        return p;
    }

    /** {@link #skipSpace(String, int, int)} on a character array. */
    static int skipSpace(char[] text, int p, int end) {
        while (p < end) {
            char c = text[p];
            if (c != ' ' && c != '\t') {
                break;
            }
            p++;
        }
        return p;
    }

    static boolean isPythonFileFrame(char[] text, int start, int end, int limit) {
        int p = skipSpace(text, start, end);
        return startsWith(text, limit, "File \"", p) && indexOfString(text, "\", line ", p, end) >= 0;
    }

    static boolean looksLikeCall(char[] text, int start, int end) {
        return end > start && text[end - 1] == ')' && indexOf(text, '(', start, end) > start
                && text[start] != ' ' && text[start] != '\t';
    }

    /** "…:12" or "…:12:34" at the end of {@code [p, end)}. */
    static boolean endsWithLineColumn(char[] text, int p, int end) {
        int q = end;
        int groups = 0;
        while (groups < 2) {
            int digitsEnd = q;
            while (q > p && isDigit(text[q - 1])) {
                q--;
            }
            if (q == digitsEnd || q <= p || text[q - 1] != ':') {
                break;
            }
            q--;
            groups++;
        }
        return groups >= 1;
    }

    /** "0 errors", "errors: 0", "Failures: 0," and the like: a count of zero is not an error. */
    static boolean isZeroCount(char[] text, int start, int p, int end) {
        // Before: "0 " right before the word.
        if (p - 2 >= start && text[p - 1] == ' ' && text[p - 2] == '0'
                && (p - 3 < start || !isDigit(text[p - 3]))) {
            return true;
        }
        int q = p;
        while (q < end && isAsciiLetter(text[q])) {
            q++;
        }
        int r = q;
        while (r < end && (text[r] == ':' || text[r] == '=' || text[r] == ' ')) {
            r++;
        }
        return r > q && r < end && text[r] == '0' && (r + 1 >= end || !isDigit(text[r + 1])
                && text[r + 1] != '.');
    }

    /** After "exit": the first number within a few characters is not zero ("exit code 1", "exited with 137"). */
    static boolean nonZeroExit(char[] text, int p, int end) {
        int limit = Math.min(end, p + 24);
        for (int q = p; q < limit; q++) {
            char c = text[q];
            if (isDigit(c)) {
                int r = q;
                boolean nonZero = false;
                while (r < end && isDigit(text[r])) {
                    nonZero |= text[r] != '0';
                    r++;
                }
                return nonZero && (q == p || !isAsciiLetter(text[q - 1]));
            }
            if (c == '\n' || c == '.' || c == ';') {
                return false;
            }
        }
        return false;
    }

    /** After "status": separators, then a 5xx code. */
    static boolean statusIsServerError(char[] text, int p, int end) {
        while (p < end && (text[p] == '=' || text[p] == ':' || text[p] == ' '
                || text[p] == '"')) {
            p++;
        }
        return isThreeDigit5xx(text, p, end);
    }

    /**
     * An HTTP 5xx status standing alone after a request path or the closing quote of an access-log
     * request: {@code "GET /x HTTP/1.1" 502 157} or {@code GET /api/orders/1 504 30000ms}.
     */
    static boolean isServerErrorStatus(char[] text, int start, int p, int end) {
        if (p == start || text[p - 1] != ' ' || !isThreeDigit5xx(text, p, end)) {
            return false;
        }
        int tokenEnd = p - 1;
        int tokenStart = tokenEnd;
        while (tokenStart > start && text[tokenStart - 1] != ' ') {
            tokenStart--;
        }
        return tokenEnd > tokenStart && (text[tokenStart] == '/' || text[tokenEnd - 1] == '"');
    }

    static boolean isThreeDigit5xx(char[] text, int p, int end) {
        return p + 3 <= end && text[p] == '5' && isDigit(text[p + 1])
                && isDigit(text[p + 2]) && (p + 3 == end || !isDigit(text[p + 3])
                && text[p + 3] != '.');
    }

    /** ASCII case-insensitive match of {@code lowerWord} at {@code p}; cheaper than regionMatches(true, …). */
    static boolean matches(char[] text, int p, int end, String lowerWord) {
        int n = lowerWord.length();
        if (end - p < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = text[p + i];
            char w = lowerWord.charAt(i);
            if (c != w && (c | 0x20) != w) {
                return false;
            }
        }
        return true;
    }

    static boolean isAsciiLetter(char c) {
        char l = (char) (c | 0x20);
        return l >= 'a' && l <= 'z';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static int indexOf(char[] text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOf(char[] text, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    static int indexOfString(char[] text, String s, int from, int to) {
        // Bounded search, like String.indexOf(s, from, to): the match lies wholly inside [from, to).
        int last = to - s.length();
        char first = s.charAt(0);
        for (int i = from; i <= last; i++) {
            if (text[i] == first && startsWith(text, to, s, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Like {@link String#startsWith(String, int)} on {@code text[0, limit)}. */
    static boolean startsWith(char[] text, int limit, String prefix, int p) {
        int n = prefix.length();
        if (p < 0 || p > limit - n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (text[p + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // ---- DrainParser (masking) ----

    static final int MAX_TOKENS = 256;
    static final int MAX_SEGMENT_CHARS = 256;
    static final String WILDCARD = "<*>";
    static final boolean[] DELIMITER = new boolean[128];
    static final byte[] CLASS = new byte[128];
    static final byte STOP = 1;
    static final byte DIGIT = 2;

    static {
        for (char c : "/=:,()[]{}\"'<>;@#?&|+".toCharArray()) {
            DELIMITER[c] = true;
        }
        for (char c = 0; c < 128; c++) {
            CLASS[c] = DELIMITER[c] || c == 0x1b || isSpace(c) ? STOP : c >= '0' && c <= '9' ? DIGIT : 0;
        }
    }

    /**
     * Masks lines into one growing buffer: each {@link #mask} appends a line's masked form at {@link #length}.
     * Not thread-safe; one per thread.
     */
    static final class Masker {
        char[] sig;
        int length;

        Masker(int capacity) {
            sig = new char[Math.max(16, capacity)];
        }

        /**
         * Appends the masked form of {@code text[start, end)} (see {@link DrainParser#mask(String, int, int,
         * StringBuilder)}) and returns its token count.
         */
        int mask(char[] text, int start, int end) {
            int base = length;
            // One pass: whitespace ends a token, punctuation ends a segment; each segment is copied or masked
            // as a whole (a range copy), so the per-character work is a table lookup and a digit test.
            int p = start;
            int tokens = 0;
            int tokenStart = -1;
            while (p < end) {
                char c = text[p];
                if (isSpace(c)) {
                    if (c == '\r' && p + 1 < end) {
                        // A carriage return redraws the line: only what follows the last one is on screen.
                        length = base;
                        tokens = 0;
                    }
                    tokenStart = -1;
                    p++;
                    continue;
                }
                if (c == 0x1b) {
                    p = skipAnsi(text, p, end);
                    continue;
                }
                if (tokenStart < 0) {
                    if (tokens > 0) {
                        put(' ');
                    }
                    if (tokens == MAX_TOKENS - 1) {
                        put(WILDCARD);
                        return MAX_TOKENS;
                    }
                    tokens++;
                    tokenStart = p;
                }
                if (c < 128 && DELIMITER[c]) {
                    put(c);
                    p++;
                    continue;
                }
                int segStart = p;
                int seen = 0;
                while (p < end) {
                    char d = text[p];
                    int cls = d < 128 ? CLASS[d] : 0;
                    if (cls == STOP) {
                        break;
                    }
                    seen |= cls;
                    p++;
                }
                boolean digit = seen != 0;
                if (p - segStart > MAX_SEGMENT_CHARS) {
                    put(WILDCARD); // a huge token is a payload (base64, minified data), never a constant
                } else if (!digit) {
                    put(text, segStart, p);
                } else if (segStart == tokenStart && (p == end || isSpace(text[p])) && p - segStart <= 3
                        && allDigits(text, segStart, p)) {
                    put(text, segStart, p); // a small standalone number: status codes, exit codes
                } else {
                    put(WILDCARD);
                    int unit = unitSuffixStart(text, segStart, p);
                    if (unit > 0) {
                        put(text, unit, p);
                    }
                }
            }
            return tokens;
        }

        private void put(char c) {
            if (length == sig.length) {
                sig = Arrays.copyOf(sig, sig.length * 2);
            }
            sig[length++] = c;
        }

        private void put(char[] text, int from, int to) {
            int n = to - from;
            if (length + n > sig.length) {
                sig = Arrays.copyOf(sig, Math.max(sig.length * 2, length + n));
            }
            System.arraycopy(text, from, sig, length, n);
            length += n;
        }

        private void put(String s) {
            int n = s.length();
            if (length + n > sig.length) {
                sig = Arrays.copyOf(sig, Math.max(sig.length * 2, length + n));
            }
            s.getChars(0, n, sig, length);
            length += n;
        }

    }

    static boolean isSpace(char c) {
        return c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b);
    }

    /** Start of a 1-3 letter unit ({@code ms}, {@code kB}, {@code %}) after a number, or -1. */
    static int unitSuffixStart(char[] text, int start, int end) {
        int u = end;
        while (u > start && end - u < 3
                && (isAsciiLetter(text[u - 1]) || text[u - 1] == '%')) {
            u--;
        }
        if (u == end || u == start) {
            return -1;
        }
        for (int i = start; i < u; i++) {
            char c = text[i];
            if (!(c >= '0' && c <= '9' || c == '.' || c == ',')) {
                return -1;
            }
        }
        return u;
    }

    static boolean allDigits(char[] text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Index just past the ANSI escape sequence at {@code p} (CSI {@code ESC [ … final}, OSC, or two chars). */
    static int skipAnsi(char[] text, int p, int end) {
        if (p + 1 >= end) {
            return end;
        }
        char next = text[p + 1];
        int q = p + 2;
        if (next == '[') {
            while (q < end) {
                char c = text[q++];
                if (c >= 0x40 && c <= 0x7e) {
                    break;
                }
            }
            return q;
        }
        if (next == ']') {
            while (q < end) {
                char c = text[q++];
                if (c == 0x07) {
                    break;
                }
                if (c == 0x1b && q < end && text[q] == '\\') {
                    q++;
                    break;
                }
            }
            return q;
        }
        return q;
    }


    // ---- LineScan (the part scan) ----

    /** Lines {@code [from, to)}: their verdicts, and the distinct masked forms of the plain ones. */
    static final class Part {
        final int from;
        final int to;
        final Masker masker;
        int count;
        int[] starts = new int[64];
        int[] lengths = new int[64];
        int[] tokens = new int[64];
        int[] hashes = new int[64];
        /** Open addressing over the distinct forms: id + 1, or 0 for an empty slot. */
        int[] table = new int[256];
        byte[] kinds;
        int[] signature;

        Part(int from, int to, int chars) {
            this.from = from;
            this.to = to;
            this.masker = new Masker(Math.min(chars, 4096));
        }

        void scan(LogLines lines, byte[] kinds, int[] signature) {
            String text = lines.text();
            char[] buf = new char[256];
            Masker m = masker;
            for (int i = from; i < to; i++) {
                int s = lines.start(i);
                int len = lines.end(i) - s;
                if (len > buf.length) {
                    buf = new char[Math.max(len, buf.length * 2)];
                }
                text.getChars(s, s + len, buf, 0);
                byte kind = kindOf(buf, len);
                kinds[i] = kind;
                if (kind != PLAIN) {
                    continue;
                }
                // As DrainParser.parse(LogLines, ...): mined from after the last carriage return with text after it.
                int ms = 0;
                if (len > 1 && indexOfCr(buf, len - 1) >= 0) {
                    for (int q = len - 2; q >= 0; q--) {
                        if (buf[q] == '\r') {
                            ms = q + 1;
                            break;
                        }
                    }
                }
                int base = m.length;
                int tokenCount = m.mask(buf, ms, len);
                int sigLength = m.length - base;
                int hash = DrainParser.SignatureCache.hash(m.sig, base, sigLength);
                signature[i] = intern(base, sigLength, tokenCount, hash);
            }
        }

        private static int indexOfCr(char[] buf, int end) {
            for (int q = 0; q < end; q++) {
                if (buf[q] == '\r') {
                    return q;
                }
            }
            return -1;
        }

        /** The id of the form just masked at {@code sig[base, base + len)}; drops it again when seen before. */
        private int intern(int base, int len, int tokenCount, int hash) {
            char[] sig = masker.sig;
            int mask = table.length - 1;
            int slot = (hash ^ (hash >>> 16)) & mask;
            for (int e = table[slot]; e != 0; e = table[slot]) {
                int id = e - 1;
                if (hashes[id] == hash && lengths[id] == len
                        && Arrays.equals(sig, starts[id], starts[id] + len, sig, base, base + len)) {
                    masker.length = base;
                    return id;
                }
                slot = (slot + 1) & mask;
            }
            int id = count++;
            if (id == starts.length) {
                int cap = id * 2;
                starts = Arrays.copyOf(starts, cap);
                lengths = Arrays.copyOf(lengths, cap);
                tokens = Arrays.copyOf(tokens, cap);
                hashes = Arrays.copyOf(hashes, cap);
            }
            starts[id] = base;
            lengths[id] = len;
            tokens[id] = tokenCount;
            hashes[id] = hash;
            table[slot] = id + 1;
            if (count * 2 > table.length) {
                grow();
            }
            return id;
        }

        private void grow() {
            int[] bigger = new int[table.length * 2];
            int mask = bigger.length - 1;
            for (int id = 0; id < count; id++) {
                int slot = (hashes[id] ^ (hashes[id] >>> 16)) & mask;
                while (bigger[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                bigger[slot] = id + 1;
            }
            table = bigger;
        }
    }
}
