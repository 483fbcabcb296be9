package io.headroom4j.compress.log;

/**
 * Character scans that tell which lines of a log or build output must never be dropped: lines that look
 * like an error, failure, warning, exception, panic or non-zero exit, and stack frames of any common
 * runtime (Java, JavaScript/Node, Python, Go, Rust).
 *
 * <p>The scans err on the side of keeping: a false positive costs a few tokens, a false negative could
 * hide the one line the model needs. No regular expressions run per line; each check is one pass over the
 * line's characters, switching on the first letter of each candidate keyword. Thread-safe (stateless).
 */
public final class LineSignals {

    /** Nothing special. */
    public static final byte PLAIN = 0;
    /** An error, failure, warning, exception, panic, fatal or non-zero-exit line. */
    public static final byte ERROR = 1;
    /** A stack frame or a line that belongs to a stack trace. */
    public static final byte FRAME = 2;

    private LineSignals() {
    }

    /**
     * Classifies every line as {@link #PLAIN}, {@link #ERROR} or {@link #FRAME}. Besides single-line checks,
     * this looks at neighbours for frames that do not stand out alone: the function line above a Go file
     * frame, and the source lines Python prints under a {@code File "…", line N} frame.
     */
    public static byte[] classify(LogLines lines) {
        int n = lines.count();
        byte[] kinds = new byte[n];
        String t = lines.text();
        // Each line is copied into one reused array and scanned there: array reads cost less than
        // String.charAt (an index and a coder check per call), and nothing is allocated per line.
        char[] buf = new char[256];
        for (int i = 0; i < n; i++) {
            int s = lines.start(i);
            int len = lines.end(i) - s;
            if (len > buf.length) {
                buf = new char[Math.max(len, buf.length * 2)];
            }
            t.getChars(s, s + len, buf, 0);
            kinds[i] = kindOf(buf, len);
        }
        neighbours(lines, kinds);
        return kinds;
    }

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

    private static char[] lineChars(LogLines lines, int i) {
        char[] c = new char[lines.end(i) - lines.start(i)];
        lines.text().getChars(lines.start(i), lines.end(i), c, 0);
        return c;
    }

    /** True when {@code text[start, end)} looks like an error, failure, warning or non-zero exit. */
    public static boolean isErrorLike(String text, int start, int end) {
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
        // One pass, one class test per character. Keywords are looked for at word starts (a letter after a
        // non-letter), where a table of their first two letters sends only candidates to the exact checks, and
        // "error" and "exception" also inside words (TypeError, IOException), behind a cheap "er"/"ex" test.
        // One table lookup classes each character; the table covers every char, so no range test comes first.
        for (int p = start; p < end; p++) {
            int t = CHAR_CLASS[text[p]];
            if (t == 0) {
                continue;
            }
            if (t <= C_E) {
                // A word start: the two-letter table sends only keyword candidates to the exact checks.
                if (p + 1 < end && KEYWORD_START[(text[p] & 0x1f) << 5 | text[p + 1] & 0x1f] != 0
                        && keywordAtWordStart(text, start, p, end)) {
                    return true;
                }
                // The rest of the word, where only "error" and "exception" count (TypeError, IOException).
                while (++p < end) {
                    int u = CHAR_CLASS[text[p]];
                    if (u != C_LETTER) {
                        if (u != C_E) {
                            break;
                        }
                        if (p + 1 < end && ((text[p + 1] | 0x20) == 'r' || (text[p + 1] | 0x20) == 'x')
                                && (matches(text, p, end, "exception")
                                || matches(text, p, end, "error") && !isZeroCount(text, start, p, end))) {
                            return true;
                        }
                    }
                }
                if (p == end) {
                    return false;
                }
                t = CHAR_CLASS[text[p]];
            }
            if (t == C_FIVE) {
                if (isServerErrorStatus(text, start, p, end)) {
                    return true;
                }
            } else if (t == C_MARK) {
                return true; // ✕ ✖ ✗ ✘ ❌ (failed test marks) and ● (jest's failure heading)
            }
        }
        return false;
    }

    /** Per char, for {@link #isErrorLike(char[], int, int)}: 0, or one of the classes below. */
    private static final byte[] CHAR_CLASS = new byte[Character.MAX_VALUE + 1];
    /** An ASCII letter other than 'e' and 'E'. */
    private static final byte C_LETTER = 1;
    private static final byte C_E = 2;
    private static final byte C_FIVE = 3;
    /** A failure mark: ✕ ✖ ✗ ✘ ❌ and ●. */
    private static final byte C_MARK = 4;

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CHAR_CLASS[c] = C_LETTER;
            CHAR_CLASS[c - 0x20] = C_LETTER;
        }
        CHAR_CLASS['e'] = C_E;
        CHAR_CLASS['E'] = C_E;
        CHAR_CLASS['5'] = C_FIVE;
        for (char c : new char[] {'\u2715', '\u2716', '\u2717', '\u2718', '\u274C', '\u25CF'}) {
            CHAR_CLASS[c] = C_MARK;
        }
    }

    /**
     * Per first letter's low five bits {@code << 5 |} the next character's low five bits: whether some
     * keyword {@link #keywordAtWordStart} looks for starts with those two letters (either case).
     */
    private static final byte[] KEYWORD_START = new byte[32 << 5];

    static {
        for (String k : new String[] {"error", "exception", "exit", "emerg", "fatal", "fail", "panic", "critical",
                "core dumped", "severe", "segfault", "segmentation fault", "status", "traceback", "timed out", "warn",
                "abort", "killed", "out of memory", "denied", "refused", "unhandled", "uncaught", "unable to"}) {
            KEYWORD_START[(k.charAt(0) & 0x1f) << 5 | k.charAt(1) & 0x1f] = 1;
        }
    }

    /** Whether a keyword starts at the word start {@code p} (a letter with no ASCII letter before it). */
    private static boolean keywordAtWordStart(char[] text, int start, int p, int end) {
        switch ((char) (text[p] | 0x20)) {
            case 'e':
                return matches(text, p, end, "error") && !isZeroCount(text, start, p, end)
                        || matches(text, p, end, "exception")
                        || matches(text, p, end, "exit") && nonZeroExit(text, p + 4, end)
                        || matches(text, p, end, "emerg");
            case 'f':
                return matches(text, p, end, "fatal")
                        || matches(text, p, end, "fail") && !isZeroCount(text, start, p, end);
            case 'p':
                return matches(text, p, end, "panic");
            case 'c':
                return matches(text, p, end, "critical") || matches(text, p, end, "core dumped");
            case 's':
                return matches(text, p, end, "severe") || matches(text, p, end, "segfault")
                        || matches(text, p, end, "segmentation fault")
                        || matches(text, p, end, "status") && statusIsServerError(text, p + 6, end);
            case 't':
                return matches(text, p, end, "traceback") || matches(text, p, end, "timed out");
            case 'w':
                return matches(text, p, end, "warn") && !isZeroCount(text, start, p, end);
            case 'a':
                return matches(text, p, end, "abort");
            case 'k':
                return matches(text, p, end, "killed");
            case 'o':
                return matches(text, p, end, "out of memory");
            case 'd':
                return matches(text, p, end, "denied");
            case 'r':
                return matches(text, p, end, "refused");
            case 'u':
                return matches(text, p, end, "unhandled") || matches(text, p, end, "uncaught")
                        || matches(text, p, end, "unable to");
            default:
                return false;
        }
    }

    /** True when {@code text[start, end)} is a stack frame or a stack-trace line of a common runtime. */
    public static boolean isStackFrame(String text, int start, int end) {
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
    public static int skipSpace(String text, int p, int end) {
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

    private static boolean isPythonFileFrame(char[] text, int start, int end, int limit) {
        int p = skipSpace(text, start, end);
        return startsWith(text, limit, "File \"", p) && indexOfString(text, "\", line ", p, end) >= 0;
    }

    private static boolean looksLikeCall(char[] text, int start, int end) {
        return end > start && text[end - 1] == ')' && indexOf(text, '(', start, end) > start
                && text[start] != ' ' && text[start] != '\t';
    }

    /** "…:12" or "…:12:34" at the end of {@code [p, end)}. */
    private static boolean endsWithLineColumn(char[] text, int p, int end) {
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
    private static boolean isZeroCount(char[] text, int start, int p, int end) {
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
    private static boolean nonZeroExit(char[] text, int p, int end) {
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
    private static boolean statusIsServerError(char[] text, int p, int end) {
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
    private static boolean isServerErrorStatus(char[] text, int start, int p, int end) {
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

    private static boolean isThreeDigit5xx(char[] text, int p, int end) {
        return p + 3 <= end && text[p] == '5' && isDigit(text[p + 1])
                && isDigit(text[p + 2]) && (p + 3 == end || !isDigit(text[p + 3])
                && text[p + 3] != '.');
    }

    /** ASCII case-insensitive match of {@code lowerWord} at {@code p}; cheaper than regionMatches(true, …). */
    private static boolean matches(char[] text, int p, int end, String lowerWord) {
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

    private static int indexOf(char[] text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(char[] text, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfString(char[] text, String s, int from, int to) {
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
    private static boolean startsWith(char[] text, int limit, String prefix, int p) {
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
}
