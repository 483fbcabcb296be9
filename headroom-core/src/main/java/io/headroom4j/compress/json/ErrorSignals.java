package io.headroom4j.compress.json;

import java.util.List;

/**
 * Decides whether a JSON item reports an error, so the lossy path never drops it.
 *
 * <p>An item is error-like when (1) a key named like an error ({@code error}, {@code errors},
 * {@code exception}, {@code failure}, {@code failed}, {@code fault}, {@code stderr}...) holds a non-empty,
 * non-false, non-zero value; (2) a status-like key ({@code status}, {@code status_code}, {@code statusCode},
 * {@code http_status}, {@code code}) holds a number or numeric string from 400 to 599; (3) a level-like key
 * ({@code level}, {@code severity}, {@code log_level}, {@code levelname}) holds {@code error}, {@code fatal},
 * {@code critical} and the like; or (4) any string value contains an error word ({@code error},
 * {@code exception}, {@code failed}, {@code failure}, {@code fatal}, {@code panic}, {@code traceback},
 * {@code timed out}, {@code timeout}, {@code denied}, {@code refused}, {@code crash}), case-insensitively,
 * if it is short (at most {@value #SHORT_TEXT} chars: a status, a reason, a log message) or sits under a
 * message-like key ({@code message}, {@code msg}, {@code log}, {@code output}, {@code reason}...), and is not
 * under a prose key ({@code title}, {@code body}, {@code snippet}, {@code description}, {@code content}...):
 * an issue titled "Crash on startup" or a search snippet about timeouts is a topic, not a failure of the
 * tool; nor are URLs (keys ending in {@code url}, {@code uri}, {@code href}, {@code link}, or values starting
 * with {@code http://} or {@code https://}). Rule 4 errs on the side of keeping: "no errors found" counts as an error. Nested objects and arrays
 * are searched too.
 */
final class ErrorSignals {

    private static final String[] ERROR_KEYS = {
        "error", "errors", "err", "exception", "exceptions", "failure", "failures", "failed", "fault",
        "stderr", "stacktrace", "stack_trace", "traceback", "error_message", "errormessage", "error_msg",
    };
    private static final String[] STATUS_KEYS = {
        "status", "status_code", "statuscode", "http_status", "httpstatus", "code", "response_code",
        "responsecode", "http_code",
    };
    private static final String[] LEVEL_KEYS = {"level", "severity", "log_level", "loglevel", "levelname", "lvl"};
    private static final String[] LEVEL_VALUES = {
        "error", "err", "fatal", "critical", "crit", "emerg", "emergency", "alert", "severe", "panic",
    };
    private static final String[] WORDS = {
        "error", "exception", "failed", "failure", "fatal", "panic", "traceback", "timed out", "timeout",
        "denied", "refused", "crash",
    };

    /** Strings up to this long are searched for error words wherever they are. */
    static final int SHORT_TEXT = 160;

    private static final String[] MESSAGE_KEYS = {
        "message", "msg", "log", "line", "output", "stdout", "reason", "detail", "details", "description_error",
        "text", "conclusion", "result", "outcome", "status", "state", "event", "cause", "trace", "stack",
    };

    private static final String[] PROSE_KEYS = {
        "title", "body", "snippet", "description", "content", "summary", "subject", "name", "comment",
        "abstract", "excerpt", "headline", "caption", "keywords", "tags", "query", "question", "answer",
        "readme", "bio", "about", "html", "markdown", "body_text", "body_html", "full_name",
    };

    private static final int ERROR_KEY = 1;
    private static final int STATUS_KEY = 2;
    private static final int LEVEL_KEY = 4;
    private static final int PROSE_KEY = 8;
    private static final int MESSAGE_KEY = 16;
    /** Lower-case key name to its roles, so each key costs one hash lookup instead of ~80 comparisons. */
    private static final java.util.Map<String, Integer> KEY_ROLES = new java.util.HashMap<>();

    static {
        addRole(ERROR_KEYS, ERROR_KEY);
        addRole(STATUS_KEYS, STATUS_KEY);
        addRole(LEVEL_KEYS, LEVEL_KEY);
        addRole(PROSE_KEYS, PROSE_KEY);
        addRole(MESSAGE_KEYS, MESSAGE_KEY);
    }

    private static void addRole(String[] names, int role) {
        for (String name : names) {
            KEY_ROLES.merge(name, role, (a, b) -> a | b);
        }
    }

    private static int roles(String key) {
        if (key.length() > 20) {
            return 0;
        }
        Integer r = KEY_ROLES.get(key);
        if (r == null) {
            String lower = key.toLowerCase(java.util.Locale.ROOT);
            r = lower == key ? null : KEY_ROLES.get(lower);
        }
        return r == null ? 0 : r;
    }

    /** Not a role in {@link #KEY_ROLES}: a key named like a link ({@link #isLinkKey}), cached with the roles. */
    private static final int LINK_KEY = 32;

    /**
     * The roles (and {@link #LINK_KEY}) of each key of the last key list seen at each depth. The reader shares
     * one key list between consecutive rows with the same keys, so on a table's rows each key's roles are
     * looked up once, not once per row; a different list just replaces the entry.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final List<String>[] cachedKeys = new List[MAX_DEPTH + 2];
    private final int[][] cachedRoles = new int[MAX_DEPTH + 2][];

    private static final int MAX_DEPTH = 64;

    /** A checker; it caches key roles between calls, so one per thread (one per array checked). */
    ErrorSignals() {
    }

    /** Whether {@code v} is error-like; a fresh checker each call (see {@link #check} to reuse one). */
    static boolean isError(JsonValue v) {
        return new ErrorSignals().check(v);
    }

    /** Whether {@code v} is error-like. */
    boolean check(JsonValue v) {
        return isError(v, 0);
    }

    private int[] rolesOf(List<String> keys, int depth) {
        if (cachedKeys[depth] == keys) {
            return cachedRoles[depth];
        }
        int[] r = new int[keys.size()];
        for (int i = 0; i < r.length; i++) {
            String key = keys.get(i);
            r[i] = roles(key) | (isLinkKey(key) ? LINK_KEY : 0);
        }
        cachedKeys[depth] = keys;
        cachedRoles[depth] = r;
        return r;
    }

    private boolean isError(JsonValue v, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (v instanceof JsonValue.Str s) {
            return s.value().length() <= SHORT_TEXT && containsErrorWord(s.value());
        }
        if (v instanceof JsonValue.Obj o) {
            List<String> keys = o.keys();
            List<JsonValue> values = o.values();
            int[] keyRoles = rolesOf(keys, depth);
            for (int i = 0, n = keys.size(); i < n; i++) {
                JsonValue value = values.get(i);
                int roles = keyRoles[i];
                if ((roles & ERROR_KEY) != 0 && isTruthy(value)) {
                    return true;
                }
                if ((roles & STATUS_KEY) != 0 && isErrorStatus(value)) {
                    return true;
                }
                if (value instanceof JsonValue.Str s) {
                    String text = s.value();
                    if ((roles & LEVEL_KEY) != 0 && matchesKey(text, LEVEL_VALUES)) {
                        return true;
                    }
                    if ((roles & (PROSE_KEY | LINK_KEY)) != 0 || isLinkValue(text)) {
                        continue;
                    }
                    // A long text counts only under a message key; a short one as isError(value, depth + 1)
                    // decides, without the call.
                    if (text.length() > SHORT_TEXT ? (roles & MESSAGE_KEY) != 0 && containsErrorWord(text)
                            : depth < MAX_DEPTH && containsErrorWord(text)) {
                        return true;
                    }
                } else if ((value instanceof JsonValue.Obj || value instanceof JsonValue.Arr)
                        && isError(value, depth + 1)) {
                    return true;   // numbers, booleans and nulls hold no error word
                }
            }
            return false;
        }
        if (v instanceof JsonValue.Arr a) {
            List<JsonValue> items = a.items();
            for (int i = 0, n = items.size(); i < n; i++) {
                if (isError(items.get(i), depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** URLs name pages ("/issues/timeout-on-login"); their words are not failures. */
    private static boolean isLinkKey(String key) {
        return endsWithIgnoreCase(key, "url") || endsWithIgnoreCase(key, "uri") || endsWithIgnoreCase(key, "href")
                || endsWithIgnoreCase(key, "link");
    }

    private static boolean isLinkValue(String value) {
        // Most values do not start with 'h': one char answers for them.
        return !value.isEmpty() && value.charAt(0) == 'h'
                && (value.startsWith("https://") || value.startsWith("http://"));
    }

    private static boolean endsWithIgnoreCase(String s, String suffix) {
        int at = s.length() - suffix.length();
        return at >= 0 && s.regionMatches(true, at, suffix, 0, suffix.length());
    }

    private static boolean matchesKey(String key, String[] names) {
        for (String name : names) {
            if (name.equalsIgnoreCase(key)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTruthy(JsonValue v) {
        if (v instanceof JsonValue.Null) {
            return false;
        }
        if (v instanceof JsonValue.Bool b) {
            return b.value();
        }
        if (v instanceof JsonValue.Str s) {
            return !s.value().isBlank();
        }
        if (v instanceof JsonValue.Num n) {
            return !isZero(n.literal());
        }
        if (v instanceof JsonValue.Arr a) {
            return !a.items().isEmpty();
        }
        return !((JsonValue.Obj) v).keys().isEmpty();
    }

    private static boolean isZero(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isErrorStatus(JsonValue v) {
        String text;
        if (v instanceof JsonValue.Num n) {
            text = n.literal();
        } else if (v instanceof JsonValue.Str s) {
            text = s.value();
        } else {
            return false;
        }
        if (text.length() != 3) {
            return false;
        }
        char c0 = text.charAt(0);
        return (c0 == '4' || c0 == '5') && Character.isDigit(text.charAt(1)) && Character.isDigit(text.charAt(2));
    }

    private static final int SHORTEST_WORD = java.util.Arrays.stream(WORDS).mapToInt(String::length).min().orElse(1);

    /** {@link #WORDS} as char arrays, grouped by first letter ({@code 'a'..'z'}). */
    private static final char[][][] WORDS_BY_FIRST = new char[26][][];

    /**
     * For two ASCII chars {@code c0, c1} at {@code c0 << 7 | c1}: whether some word starts with them, case
     * folded as {@link #matchesAt} folds ASCII. Two ASCII chars that no word starts with rule out every word at
     * that position, as {@link #matchesAt} would (no word is shorter than 2 chars), with one table load.
     */
    private static final boolean[] STARTS = new boolean[128 * 128];

    /** Distance between the char pairs that {@link #containsErrorWord} looks at first. */
    private static final int STEP = SHORTEST_WORD - 1;

    /**
     * Like {@link #STARTS}, for the pairs at offsets {@code 0..STEP - 1} of each word: whether two ASCII chars
     * can be such a pair of some word. Every match covers one pair at a multiple of {@link #STEP}.
     */
    private static final boolean[] INSIDE = new boolean[128 * 128];

    static {
        for (String w : WORDS) {
            int f = w.charAt(0) - 'a';
            char[][] old = WORDS_BY_FIRST[f] == null ? new char[0][] : WORDS_BY_FIRST[f];
            char[][] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = w.toCharArray();
            WORDS_BY_FIRST[f] = grown;
            for (int c0 = 0; c0 < 128; c0++) {
                for (int c1 = 0; c1 < 128; c1++) {
                    for (int k = 0; k < STEP; k++) {
                        if (foldsTo((char) c0, w.charAt(k)) && foldsTo((char) c1, w.charAt(k + 1))) {
                            INSIDE[c0 << 7 | c1] = true;
                            STARTS[c0 << 7 | c1] |= k == 0;
                        }
                    }
                }
            }
        }
    }

    /** Whether the ASCII char {@code c} matches the word char {@code x} as {@link #matchesAt} compares them. */
    private static boolean foldsTo(char c, char x) {
        return x == ' ' ? c == ' ' : (c | 0x20) == x;
    }

    /**
     * Case-insensitive search for any error word, without allocating a lower-cased copy: the same answer as
     * {@code s.regionMatches(true, i, word, 0, word.length())} at some {@code i} for some word. ASCII is
     * compared directly; a candidate that meets a non-ASCII char is decided by {@code regionMatches} itself,
     * which also folds such chars (the Kelvin sign matches {@code k}).
     *
     * <p>A match at {@code i} is at least {@link #SHORTEST_WORD} chars long, so it covers the pair of chars at
     * the one multiple {@code j} of {@link #STEP} in {@code [i, i + STEP - 1]}. Only those pairs are looked at
     * first; the starts {@code j - STEP + 1 .. j} are tried only when the pair may be part of a word
     * ({@link #INSIDE}, or a non-ASCII char, which may fold to a word's letter).
     */
    static boolean containsErrorWord(String s) {
        // No word is shorter than SHORTEST_WORD chars, so no match can start after n - SHORTEST_WORD.
        int last = s.length() - SHORTEST_WORD;
        for (int j = 0; j <= last + STEP - 1; j += STEP) {
            char c0 = s.charAt(j);
            char c1 = s.charAt(j + 1);   // j + 1 <= last + STEP = length - 1
            if ((c0 | c1) < 128 && !INSIDE[c0 << 7 | c1]) {
                continue;
            }
            for (int i = Math.max(0, j - STEP + 1), to = Math.min(j, last); i <= to; i++) {
                if (startsWordAt(s, i)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a word matches at {@code i}, for {@code i <= length - SHORTEST_WORD}. */
    private static boolean startsWordAt(String s, int i) {
        char c = s.charAt(i);
        char c1 = s.charAt(i + 1);   // i + 1 < length: no word is shorter than 2 chars
        if ((c | c1) < 128 ? !STARTS[c << 7 | c1] : c >= 128) {
            return false;   // a non-ASCII first char never matches; a non-ASCII second one goes to matchesAt
        }
        char l = (char) (c | 0x20);   // ASCII lower case
        char[][] words = l >= 'a' && l <= 'z' ? WORDS_BY_FIRST[l - 'a'] : null;
        if (words == null) {
            return false;
        }
        for (char[] w : words) {
            if (matchesAt(s, i, w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(String s, int at, char[] w) {
        int len = w.length;
        if (at + len > s.length()) {
            return false;
        }
        for (int k = 1; k < len; k++) {
            char c = s.charAt(at + k);
            char x = w[k];
            if (c >= 128) {
                return s.regionMatches(true, at, new String(w), 0, len);
            }
            if (x == ' ' ? c != ' ' : (c | 0x20) != x) {
                return false;
            }
        }
        return true;
    }
}
