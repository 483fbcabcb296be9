package io.headroom4j.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.headroom4j.compress.Markers;
import io.headroom4j.internal.Bm25;

/**
 * Narrows a stored original to the parts that match a query, so a model can ask for "the lines about the
 * timeout" instead of pulling back 4,000 lines.
 *
 * <p>A top-level JSON array is searched item by item and answered with a JSON array of the matching
 * items, each copied verbatim; anything else is searched line by line and answered with the matching
 * lines as {@code grep -n} prints them ({@code 120:text}), numbered within the stored text (which may be
 * a slice of a larger output, so the header says where line 1 is). Matches are ranked with {@link Bm25}; at most
 * {@link #MAX_LINES} lines or {@link #MAX_ITEMS} items are kept, the best ones, and they are printed in
 * their original order under a one-line header saying how many of how many matched. Lines and items are
 * never rewritten, and a line number is always the number of the line it is printed with.
 */
final class RetrievalFilter {

    /** Most lines a filtered retrieval returns. */
    static final int MAX_LINES = 100;
    /** Most JSON array items a filtered retrieval returns. */
    static final int MAX_ITEMS = 30;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private RetrievalFilter() {
    }

    /** The parts of {@code original} matching {@code query}; the whole original for a blank query. */
    static String filter(String original, String query) {
        if (query == null || query.isBlank()) {
            return original;
        }
        List<String> terms = Bm25.terms(query);
        if (terms.isEmpty()) {
            return original;
        }
        JsonItems items = jsonItems(original);
        return items != null ? filterItems(original, items, query, terms) : filterLines(original, query, terms);
    }

    /**
     * The items searched in a JSON document: those of a top-level array ({@code pointer} empty), or of
     * the largest array directly under a top-level object, such as the {@code data} of an API response.
     *
     * @param pointer JSON pointer of the array ({@code /data}), or empty for the top level
     * @param spans   start and end char offsets of each item: {@code [start0, end0, start1, end1, ...]}
     */
    record JsonItems(String pointer, int[] spans) {
    }

    private static String filterLines(String original, String query, List<String> terms) {
        List<CharSequence> lines = new ArrayList<>();
        int start = 0;
        int n = original.length();
        while (start <= n) {
            int nl = original.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            int contentEnd = end > start && original.charAt(end - 1) == '\r' ? end - 1 : end;
            if (nl < 0 && start == n && !lines.isEmpty()) {
                break;   // a trailing newline does not start another line
            }
            lines.add(original.subSequence(start, contentEnd));
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        double[] scores = Bm25.score(lines, terms);
        int matching = Bm25.countPositive(scores);
        int[] best = Bm25.best(scores, MAX_LINES);
        StringBuilder out = new StringBuilder(64 + best.length * 80);
        out.append('[').append(header(matching, best.length, lines.size(), "line", "lines", query));
        if (best.length > 0) {
            out.append("; in original order, line 1 = the first line of this stored text");
        }
        out.append(']');
        for (int i : best) {
            out.append('\n').append(i + 1).append(':').append(lines.get(i));
        }
        return out.toString();
    }

    private static String filterItems(String original, JsonItems json, String query, List<String> terms) {
        int[] spans = json.spans();
        int count = spans.length / 2;
        List<CharSequence> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(original.subSequence(spans[2 * i], spans[2 * i + 1]));
        }
        double[] scores = Bm25.score(items, terms);
        int matching = Bm25.countPositive(scores);
        int[] best = Bm25.best(scores, MAX_ITEMS);
        StringBuilder out = new StringBuilder(64 + best.length * 200);
        String of = json.pointer().isEmpty() ? "" : " of " + json.pointer();
        out.append('[').append(header(matching, best.length, count, "item" + of, "items" + of, query));
        if (best.length > 0) {
            out.append("; in original order, indexes ");
            for (int k = 0; k < best.length; k++) {
                out.append(k == 0 ? "" : ", ").append(best[k]);
            }
        }
        out.append(']');
        if (best.length > 0) {
            out.append("\n[\n");
            for (int k = 0; k < best.length; k++) {
                out.append(items.get(best[k])).append(k + 1 < best.length ? ",\n" : "\n");
            }
            out.append(']');
        }
        return out.toString();
    }

    private static String header(int matching, int shown, int total, String one, String many, String query) {
        String q = query.strip().replace('\n', ' ').replace('\r', ' ');
        if (q.length() > 80) {
            q = q.substring(0, Character.isHighSurrogate(q.charAt(79)) ? 79 : 80) + "...";
        }
        String what = Markers.count(matching) + " of " + Markers.units(total, one, many) + " match \"" + q + "\"";
        if (matching == 0) {
            return what + "; retrieve without a query for the whole original";
        }
        if (shown < matching) {
            return what + "; showing the best " + Markers.count(shown) + " by BM25";
        }
        return what;
    }

    /**
     * Start and end char offsets of each item of {@code text} when it is exactly one JSON array (with
     * surrounding whitespace), as {@code [start0, end0, start1, end1, ...]}; null otherwise.
     */
    static int[] jsonArrayItemSpans(String text) {
        JsonItems items = jsonItems(text);
        return items != null && items.pointer().isEmpty() ? items.spans() : null;
    }

    /** The items to search when {@code text} is one JSON array, or one object holding arrays; else null. */
    static JsonItems jsonItems(String text) {
        int first = 0;
        while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        if (first >= text.length() || text.charAt(first) != '[' && text.charAt(first) != '{') {
            return null;
        }
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken top = p.nextToken();
            JsonItems found;
            if (top == JsonToken.START_ARRAY) {
                int[] spans = arrayItemSpans(p, text);
                found = spans == null ? null : new JsonItems("", spans);
            } else {
                found = null;
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (p.nextToken() == JsonToken.START_ARRAY) {
                        int[] spans = arrayItemSpans(p, text);
                        if (spans == null) {
                            return null;
                        }
                        if (spans.length >= 4 && (found == null || spans.length > found.spans().length)) {
                            found = new JsonItems("/" + name.replace("~", "~0").replace("/", "~1"), spans);
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                if (t != JsonToken.END_OBJECT) {
                    return null;
                }
            }
            return p.nextToken() == null ? found : null;
        } catch (IOException | RuntimeException e) {
            return null;   // not one well-formed document: search lines instead
        }
    }

    /** Item spans of the array whose START_ARRAY {@code p} is on; leaves {@code p} on its END_ARRAY. */
    private static int[] arrayItemSpans(JsonParser p, String text) throws IOException {
        int[] spans = new int[64];
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                return null;
            }
            long start = p.currentTokenLocation().getCharOffset();
            if (t.isStructStart()) {
                p.skipChildren();
            } else {
                p.finishToken();   // strings are scanned lazily; the end offset needs the whole token
            }
            long end = p.currentLocation().getCharOffset();
            if (start < 0 || end < start || end > text.length()) {
                return null;
            }
            if (n + 2 > spans.length) {
                spans = Arrays.copyOf(spans, spans.length * 2);
            }
            spans[n++] = (int) start;
            spans[n++] = (int) end;
        }
        return Arrays.copyOf(spans, n);
    }
}
