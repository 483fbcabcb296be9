package io.headroom4j.bench.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.headroom4j.compress.Markers;

/**
 * Decides for each {@link Fact} whether a compressed output kept it, whether it can be fetched back through
 * the output's retrieval keys, or whether it is lost.
 *
 * <p>Recoverable means proven: the harness calls the store with each key (the keys named in markers in the
 * output plus the keys the compressor reported) and looks for the fact in what comes back. A marker whose
 * key the store does not know recovers nothing.
 */
public final class RetentionChecker {

    private RetentionChecker() {
    }

    /**
     * Checks {@code facts} against {@code output}.
     *
     * @param store         fetches an original by key; {@code key -> Optional.empty()} when there is no store
     * @param reportedKeys  retrieval keys reported with the output (may be empty)
     */
    public static Retention check(List<Fact> facts, String output, Function<String, Optional<String>> store,
                                  Collection<String> reportedKeys) {
        return check(facts, output, false, store, reportedKeys);
    }

    /**
     * Checks {@code facts} against {@code output}; when {@code losslessOutput} is true, facts that are not
     * verbatim are counted as encoded rather than lost, since the compressor claims they decode back.
     */
    public static Retention check(List<Fact> facts, String output, boolean losslessOutput,
                                  Function<String, Optional<String>> store, Collection<String> reportedKeys) {
        Text out = new Text(output);
        Text recovered = null;
        Text expanded = null;
        int kept = 0;
        int recoverable = 0;
        int encoded = 0;
        int lost = 0;
        Map<Fact.Kind, Integer> lostByKind = new EnumMap<>(Fact.Kind.class);
        List<Fact> samples = new ArrayList<>();
        for (Fact f : facts) {
            if (out.has(f)) {
                kept++;
                continue;
            }
            if (recovered == null) {
                recovered = new Text(fetchAll(output, store, reportedKeys));
                expanded = new Text(expand(output, store));
            }
            if (recovered.has(f) || expanded.has(f)) {
                recoverable++;
            } else if (losslessOutput) {
                encoded++;
            } else {
                lost++;
                lostByKind.merge(f.kind(), 1, Integer::sum);
                if (samples.size() < 5) {
                    samples.add(f);
                }
            }
        }
        return new Retention(kept, recoverable, encoded, lost, lostByKind, samples);
    }

    /** Every original reachable from the output's keys, following keys inside fetched originals twice deep. */
    static String fetchAll(String output, Function<String, Optional<String>> store, Collection<String> reportedKeys) {
        Set<String> keys = new LinkedHashSet<>(reportedKeys);
        keys.addAll(Markers.keysIn(output));
        StringBuilder sb = new StringBuilder();
        Set<String> seen = new LinkedHashSet<>();
        for (int depth = 0; depth < 3 && !keys.isEmpty(); depth++) {
            Set<String> next = new LinkedHashSet<>();
            for (String k : keys) {
                if (!seen.add(k)) {
                    continue;
                }
                Optional<String> original = store.apply(k);
                if (original.isPresent()) {
                    sb.append(original.get()).append('\n');
                    next.addAll(Markers.keysIn(original.get()));
                }
            }
            keys = next;
        }
        return sb.toString();
    }

    /**
     * The output with every marker replaced by the original its key fetches, so a fact split between kept
     * text and an omitted part (a line cut at a sentence, say) is found whole. Markers whose key the store
     * does not know stay as they are.
     */
    static String expand(String output, Function<String, Optional<String>> store) {
        if (!Markers.hasMarker(output)) {
            return output;
        }
        StringBuilder sb = new StringBuilder(output.length() * 2);
        java.util.regex.Matcher m = Markers.KEY_IN_MARKER.matcher(output);
        int from = 0;
        while (m.find()) {
            int open = output.lastIndexOf('[', m.start());
            if (open < from) {
                continue;
            }
            Optional<String> original = store.apply(m.group(1));
            if (original.isEmpty()) {
                continue;
            }
            sb.append(output, from, open).append(original.get());
            from = m.end();
        }
        sb.append(output, from, output.length());
        return sb.toString();
    }

    /** A text searched verbatim first, then in normalised form (JSON escapes undone, whitespace collapsed). */
    static final class Text {
        private final String raw;
        private String normalised;

        Text(String raw) {
            this.raw = raw;
        }

        boolean has(Fact f) {
            if (f.kind() == Fact.Kind.NUMBER) {
                return containsToken(raw, f.needle()) && (f.key().isEmpty() || raw.contains(f.key()));
            }
            if (raw.contains(f.needle())) {
                return true;
            }
            if (normalised == null) {
                normalised = normalise(raw);
            }
            return normalised.contains(normalise(f.needle()));
        }
    }

    /** True when {@code needle} occurs in {@code text} not glued to other digits or a decimal point. */
    static boolean containsToken(String text, String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        int from = 0;
        while (true) {
            int i = text.indexOf(needle, from);
            if (i < 0) {
                return false;
            }
            int end = i + needle.length();
            boolean left = i == 0 || !isNumberChar(text.charAt(i - 1));
            boolean right = end == text.length() || !isNumberChar(text.charAt(end))
                    || (text.charAt(end) == '.'
                        && (end + 1 == text.length() || !Character.isDigit(text.charAt(end + 1))));
            if (left && right) {
                return true;
            }
            from = i + 1;
        }
    }

    private static boolean isNumberChar(char c) {
        return (c >= '0' && c <= '9') || c == '.';
    }

    /** Undoes common JSON escapes and collapses runs of whitespace to one space. */
    static String normalise(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == 'n' || n == 't' || n == 'r') {
                    c = ' ';
                    i++;
                } else if (n == '"' || n == '\\' || n == '/') {
                    c = n;
                    i++;
                }
            }
            if (Character.isWhitespace(c)) {
                if (!space) {
                    sb.append(' ');
                    space = true;
                }
            } else {
                sb.append(c);
                space = false;
            }
        }
        return sb.toString().strip();
    }
}
