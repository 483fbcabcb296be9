package io.headroom4j.bench.eval;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Finds, deterministically and without a model, the facts an agent needs from a tool output: error lines,
 * numbers with their keys, paths, URLs, hashes, ids and version conflicts.
 *
 * <p>Text is scanned line by line. JSON (a document, or JSON lines) is scanned by value instead, since
 * a lossless JSON rewrite keeps values but not the original lines: each string value is checked like a
 * line, and each number becomes a key/number fact with its field name. The same input always gives the
 * same facts in the same order. Each kind is capped ({@link #MAX_PER_KIND}, errors {@link #MAX_ERRORS})
 * by taking evenly spaced facts, so a 10,000-line log costs a bounded check.
 */
public final class FactExtractor {

    /** At most this many facts of each kind except errors are checked per input. */
    public static final int MAX_PER_KIND = 400;
    /** At most this many error facts are checked per input. */
    public static final int MAX_ERRORS = 1500;
    /** Error lines longer than this are checked by their first this-many characters. */
    static final int ERROR_PREFIX = 200;

    // Words that make a line matter when something breaks. "warn" catches WARN and warning; "error" inside a
    // path or file name (lib/error.js) does not count.
    private static final Pattern ERROR_LINE = Pattern.compile(
            "(?i)((?<![/.-])\\w*errors?\\b(?!\\.\\w)|(?<![/.-])\\w*exception\\b(?!\\.\\w)"
                    + "|\\bfail(ed|ure|ures|ing|s)?\\b|\\bfatal\\b|\\bpanic\\b|traceback"
                    + "|caused by|\\bwarn(ing)?\\b|timed out|\\brefused\\b|crashloopbackoff|oomkilled|backoff"
                    + "|exit(ed)? (code|status) [1-9]|BUILD FAILURE|\u2715|\u25cf |<<< FAIL|\\bstatus=5\\d\\d\\b)");
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w$.<>/@:-]+\\(.*\\)\\s*$|^\\s+at \\S+ \\(.*\\)$");
    // grep -n / rg output: path:line:text (or path-line-text for context lines).
    private static final Pattern GREP_LINE = Pattern.compile("^([^\\s:]+\\.[\\w]+)[:-](\\d+)[:-](.*)$");
    private static final Pattern KEY_NUMBER = Pattern.compile(
            "\\b([A-Za-z_][A-Za-z0-9_.-]{1,40})\"?\\s{0,2}[=:]\\s{0,2}\"?(-?\\d+(?:\\.\\d+)?)(?![\\d.])");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>()\\[\\]{}`,|\\\\]+");
    private static final Pattern PATH = Pattern.compile(
            "(?<![\\w/.@:-])(?:\\.{0,2}/)?(?:[\\w@.+-]+/){2,}[\\w@.+-]+(?::\\d+)?");
    private static final Pattern HASH = Pattern.compile(
            "(?<![\\w-])(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{7,64})(?![\\w-])");
    private static final Pattern ID = Pattern.compile(
            "(?<![\\w-])[A-Za-z]{2,12}[-_](?=[A-Za-z0-9]*\\d)[A-Za-z0-9]{3,24}(?![\\w-])");
    private static final Pattern CONFLICT = Pattern.compile(
            "(omitted for conflict with [^)\\s]+|\\binvalid: .*|UNMET (OPTIONAL )?DEPENDENCY .*|\\bextraneous\\b|overridden)");
    private static final Pattern COORDINATE = Pattern.compile("[\\w.@/-]+[@:][\\w.:-]*\\d[\\w.:-]*");

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(5000)
                    .maxStringLength(Integer.MAX_VALUE).build()).build());

    private FactExtractor() {
    }

    /** The facts in {@code content}; JSON inputs are read by value, everything else by line. */
    public static List<Fact> extract(String content) {
        Buckets b = new Buckets();
        if (!scanJson(content, b)) {
            int start = 0;
            int n = content.length();
            while (start <= n) {
                int end = content.indexOf('\n', start);
                if (end < 0) {
                    end = n;
                }
                String line = content.substring(start, end);
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                scanLine(line, b, true);
                start = end + 1;
            }
        }
        return b.facts();
    }

    private static boolean scanJson(String content, Buckets b) {
        String t = content.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
            return false;
        }
        try {
            scanNode(null, JSON.readTree(t), b);
            return true;
        } catch (Exception notOneDocument) {
            // JSON lines: every non-blank line must parse.
            List<JsonNode> docs = new ArrayList<>();
            for (String line : t.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    docs.add(JSON.readTree(line));
                } catch (Exception notJsonLines) {
                    return false;
                }
            }
            for (JsonNode d : docs) {
                scanNode(null, d, b);
            }
            return true;
        }
    }

    private static void scanNode(String field, JsonNode node, Buckets b) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                scanNode(e.getKey(), e.getValue(), b);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                scanNode(field, item, b);
            }
        } else if (node.isNumber()) {
            if (field != null) {
                b.add(new Fact(Fact.Kind.NUMBER, node.asText(), field));
            }
        } else if (node.isTextual()) {
            for (String line : node.textValue().split("\n")) {
                scanLine(line, b, false);
            }
        }
    }

    private static void scanLine(String line, Buckets b, boolean keyNumbers) {
        if (line.isBlank()) {
            return;
        }
        if (ERROR_LINE.matcher(line).find() || STACK_FRAME.matcher(line).matches()) {
            // A grep hit's error is its text: the path and line number are checked as PATH and NUMBER facts,
            // so a layout that groups hits under their file keeps the fact.
            Matcher g = GREP_LINE.matcher(line);
            String t = (g.matches() ? g.group(3) : line).strip();
            b.add(Fact.of(Fact.Kind.ERROR, t.length() > ERROR_PREFIX ? t.substring(0, ERROR_PREFIX) : t));
        }
        Matcher c = CONFLICT.matcher(line);
        if (c.find()) {
            Matcher coord = COORDINATE.matcher(line);
            String what = coord.find() ? coord.group() : c.group().strip();
            b.add(Fact.of(Fact.Kind.CONFLICT, what));
        }
        if (keyNumbers) {
            Matcher m = KEY_NUMBER.matcher(line);
            while (m.find()) {
                b.add(new Fact(Fact.Kind.NUMBER, m.group(2), m.group(1)));
            }
        }
        Matcher u = URL.matcher(line);
        while (u.find()) {
            b.add(Fact.of(Fact.Kind.URL, trimPunctuation(u.group())));
        }
        Matcher p = PATH.matcher(line);
        while (p.find()) {
            String path = trimPunctuation(p.group());
            if (path.contains("://") || line.contains("://" + path) || path.length() <= 4) {
                continue;
            }
            // path:line is checked as the path plus its line number, so regrouping hits under a file
            // header (a lossless layout for grep output) still counts.
            int colon = path.lastIndexOf(':');
            if (colon > 0 && colon < path.length() - 1 && isDigits(path, colon + 1)) {
                b.add(Fact.of(Fact.Kind.PATH, path.substring(0, colon)));
                b.add(new Fact(Fact.Kind.NUMBER, path.substring(colon + 1), path.substring(0, colon)));
            } else {
                b.add(Fact.of(Fact.Kind.PATH, path));
            }
        }
        Matcher h = HASH.matcher(line);
        while (h.find()) {
            String hash = h.group();
            if (hasLetterAndDigit(hash)) {
                b.add(Fact.of(Fact.Kind.HASH, hash));
            }
        }
        Matcher id = ID.matcher(line);
        while (id.find()) {
            b.add(Fact.of(Fact.Kind.ID, id.group()));
        }
    }

    private static boolean isDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasLetterAndDigit(String s) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= 'a' && ch <= 'f') {
                letter = true;
            } else if (ch >= '0' && ch <= '9') {
                digit = true;
            }
        }
        return letter && digit;
    }

    private static String trimPunctuation(String s) {
        int end = s.length();
        while (end > 0 && ".,;:)]}'\"".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Facts per kind, deduplicated, then thinned to the caps by even spacing. */
    private static final class Buckets {
        private final Map<Fact.Kind, Set<Fact>> byKind = new java.util.EnumMap<>(Fact.Kind.class);

        void add(Fact f) {
            byKind.computeIfAbsent(f.kind(), k -> new LinkedHashSet<>()).add(f);
        }

        List<Fact> facts() {
            List<Fact> out = new ArrayList<>();
            for (Map.Entry<Fact.Kind, Set<Fact>> e : byKind.entrySet()) {
                List<Fact> all = new ArrayList<>(e.getValue());
                int cap = e.getKey() == Fact.Kind.ERROR ? MAX_ERRORS : MAX_PER_KIND;
                if (all.size() <= cap) {
                    out.addAll(all);
                } else {
                    for (int i = 0; i < cap; i++) {
                        out.add(all.get((int) ((long) i * all.size() / cap)));
                    }
                }
            }
            return out;
        }
    }
}
