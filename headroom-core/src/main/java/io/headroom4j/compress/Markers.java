package io.headroom4j.compress;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.headroom4j.internal.LastLongText;

/**
 * Omission markers: the one text shape every lossy compressor uses to say what it dropped.
 *
 * <p>A marker names the omission in the source's own units and ends with the retrieval key:
 * <pre>{@code [lines 120-4,031: 3,912 lines like "GET /api/<*> 200 <*>ms" omitted; retrieve: 3f2a…]}</pre>
 * The proxy and the MCP server find keys with {@link #KEY_IN_MARKER}, so every marker must end with
 * {@code "; retrieve: " + key + "]"}.
 */
public final class Markers {

    /** Finds the key inside any marker; group 1 is the key. */
    public static final Pattern KEY_IN_MARKER = Pattern.compile("; retrieve: ([0-9a-f]{24})]");

    private static final String KEY_PREFIX = "; retrieve: ";
    /**
     * The last long text found without {@link #KEY_PREFIX} on each thread: one request's compression asks about the
     * same tool result several times (its keys, whether it is compressed already, the compressor's own check).
     */
    private static final LastLongText<Boolean> MARKERLESS = new LastLongText<>(4096);

    private Markers() {
    }

    /** True when {@code text} holds {@code "; retrieve: "}, the part every marker has; remembers a long "no". */
    private static boolean mayHoldMarker(String text) {
        if (MARKERLESS.answerFor(text) != null) {
            return false;
        }
        if (text.contains(KEY_PREFIX)) {
            return true;
        }
        MARKERLESS.remember(text, Boolean.TRUE);
        return false;
    }

    /** {@code [<what> omitted; retrieve: <key>]}, where {@code what} names the units and range. */
    public static String omitted(String what, String key) {
        return "[" + what + " omitted; retrieve: " + key + "]";
    }

    /** Every retrieval key found in {@code text}, in order of appearance, without duplicates. */
    public static List<String> keysIn(String text) {
        List<String> keys = new ArrayList<>();
        if (text == null || !mayHoldMarker(text)) {
            return keys;
        }
        Matcher m = KEY_IN_MARKER.matcher(text);
        while (m.find()) {
            String key = m.group(1);
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** True when {@code text} already carries a marker, so it must not be compressed again. */
    public static boolean hasMarker(String text) {
        return text != null && mayHoldMarker(text) && KEY_IN_MARKER.matcher(text).find();
    }

    /** {@code 3912} as {@code "3,912"}: counts in markers use grouping so people read them at a glance. */
    public static String count(long n) {
        // What String.format(Locale.ROOT, "%,d", n) gives, without its parsing: markers are written often.
        String digits = Long.toString(n);
        int sign = n < 0 ? 1 : 0;
        int len = digits.length() - sign;
        if (len <= 3) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(digits.length() + len / 3);
        sb.append(digits, 0, sign + (len - 1) % 3 + 1);
        for (int p = sign + (len - 1) % 3 + 1; p < digits.length(); p += 3) {
            sb.append(',').append(digits, p, p + 3);
        }
        return sb.toString();
    }

    /** A 1-based inclusive range: {@code "120-4,031"}, or {@code "7"} when it is a single unit. */
    public static String range(long firstInclusive, long lastInclusive) {
        return firstInclusive == lastInclusive ? count(firstInclusive)
                : count(firstInclusive) + "-" + count(lastInclusive);
    }

    /** {@code "1 line"} or {@code "3,912 lines"}. */
    public static String units(long n, String singular, String plural) {
        return count(n) + " " + (n == 1 ? singular : plural);
    }
}
