package io.headroom4j.compress.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Markers;
import io.headroom4j.internal.Ansi;
import io.headroom4j.internal.Bm25;
import io.headroom4j.internal.TextLines;

/**
 * Compresses search results: {@code grep -n}, {@code grep -rn} (with or without {@code -A/-B/-C}),
 * {@code rg}, {@code rg --heading}, {@code git grep -n}.
 *
 * <p><b>Lossless:</b> flat {@code path:N:text} lines are grouped by file, the path written once above its
 * lines ({@link SearchGrouping}); the grouped form decodes back to the input exactly, and is used only when
 * that was checked and it is shorter.
 *
 * <p><b>Lossy</b> (only when {@link CompressionContext#allowsLossy()} and the input has at least
 * {@code lossyMinTokens} tokens): files are ranked by BM25 relevance of their path and lines to the query,
 * then by input order. The first {@code maxFiles} files keep their first and last match plus the best
 * scoring ones, up to {@code maxMatchesPerFile}, with context lines within two lines of a kept match;
 * exact duplicate lines are dropped. Each file with omissions ends with a marker counting them, whose key
 * retrieves exactly the omitted lines in their original form; the files left out entirely are named (up to
 * 20) and counted in one final marker whose key retrieves all their lines. Every kept line keeps its own
 * line number and text. Lines that are not results (tool errors such as {@code grep: x: Permission
 * denied}, {@code Binary file x matches}) are always kept, first.
 *
 * <p>Colour codes ({@code rg --color=always}) are removed only on the lossy path, with a marker whose key
 * retrieves the coloured original; the lossless path leaves coloured output unchanged.
 *
 * <p>Stateless and thread-safe; never throws for any input.
 */
public final class SearchResultCompressor implements Compressor {

    /** The transform name in results and the store. */
    public static final String TRANSFORM = "search.group";
    private static final String LOSSY = "search.select";

    private static final int CONTEXT_RADIUS = 2;
    private static final int MAX_LISTED_FILES = 20;
    private static final int SMALL_OMISSION_CHARS = 160;
    /** Words that make a line worth keeping, matched whole and ASCII case-insensitively. */
    private static final List<String> IMPORTANT = List.of("error", "exception", "fail", "failed", "failure", "fatal",
            "panic", "warn", "warning", "todo", "fixme", "deprecated", "security");
    private static final int LONGEST_IMPORTANT = 10;

    private final int maxFiles;
    private final int maxMatchesPerFile;

    /** A compressor keeping up to 15 files and 5 matches per file on the lossy path. */
    public SearchResultCompressor() {
        this(15, 5);
    }

    /**
     * A compressor with the given lossy budget.
     *
     * @throws IllegalArgumentException when a limit is below 1
     */
    public SearchResultCompressor(int maxFiles, int maxMatchesPerFile) {
        if (maxFiles < 1) {
            throw new IllegalArgumentException("maxFiles must be at least 1, got " + maxFiles);
        }
        if (maxMatchesPerFile < 1) {
            throw new IllegalArgumentException("maxMatchesPerFile must be at least 1, got " + maxMatchesPerFile);
        }
        this.maxFiles = maxFiles;
        this.maxMatchesPerFile = maxMatchesPerFile;
    }

    @Override
    public Compressed compress(String content, CompressionContext context) {
        return Compressor.failingOpen(content, TRANSFORM, () -> compressOrThrow(content, context));
    }

    private Compressed compressOrThrow(String content, CompressionContext context) {
        if (content.isEmpty()) {
            return Compressed.unchanged(content, TRANSFORM, "empty");
        }
        boolean lossyAllowed = context.allowsLossy()
                && context.reachesLossyMin(content);
        if (Ansi.hasEscapes(content)) {
            if (!lossyAllowed) {
                return Compressed.unchanged(content, TRANSFORM, "colour codes; lossless grouping would keep them");
            }
            String plain = Ansi.strip(content);
            Compressed inner = compressOrThrow(plain, context);
            String key = context.offload(content, LOSSY);
            List<String> keys = new ArrayList<>(inner.retrievalKeys());
            keys.add(0, key);
            String output = Markers.omitted("ANSI colour codes", key) + "\n" + inner.output();
            return Compressed.lossy(output, LOSSY, keys, "colour codes removed; " + inner.note());
        }
        List<String> lines = TextLines.split(content);
        SearchParser.Parsed parsed = SearchParser.parse(lines);
        if (parsed.results() < 2) {
            return Compressed.unchanged(content, TRANSFORM, "no search results recognised");
        }
        String grouped = parsed.heading() ? content : SearchGrouping.encode(lines, parsed.hits());
        String lossless;
        if (lossyAllowed) {
            Compressed lossy = select(lines, parsed, context);
            // Shorter than the grouped form is shorter than whatever lossless form there is: the decode
            // check below is only needed when the grouped form may win.
            if (lossy != null && lossy.output().length() < Math.min(grouped.length(), content.length())) {
                return lossy;
            }
            boolean exact = verified(grouped, content);
            if (lossy != null && !exact && lossy.output().length() < content.length()) {
                return lossy;
            }
            lossless = exact ? grouped : content;
        } else {
            lossless = verified(grouped, content) ? grouped : content;
        }
        if (lossless == content) {
            return Compressed.unchanged(content, TRANSFORM, parsed.heading() ? "already grouped by file"
                    : "grouping by file would not be shorter or would not decode exactly");
        }
        return Compressed.lossless(lossless, TRANSFORM, "grouped " + Markers.count(parsed.results())
                + " result lines by file");
    }

    /** True when {@code grouped} is a shorter form of {@code content} that decodes back to it exactly. */
    private static boolean verified(String grouped, String content) {
        return grouped != content && grouped.length() < content.length()
                && SearchGrouping.decode(grouped).equals(content);
    }

    /** The lossy selection, or null when it would omit nothing. */
    private Compressed select(List<String> lines, SearchParser.Parsed parsed, CompressionContext context) {
        Hit[] hits = parsed.hits();
        Map<String, FileGroup> files = new LinkedHashMap<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < hits.length; i++) {
            Hit h = hits[i];
            if (h == null) {
                String line = lines.get(i);
                boolean isHeader = parsed.heading() && i + 1 < hits.length && hits[i + 1] != null
                        && !line.isEmpty() && hits[i + 1].path().equals(line);
                if (!line.isEmpty() && !line.equals("--") && !isHeader) {
                    if (SearchParser.numberEnd(line, 0) > 0) {
                        return null;   // a stray "7:text" would read as a line of whatever file precedes it
                    }
                    others.add(line);
                }
                continue;
            }
            files.computeIfAbsent(h.path(), FileGroup::new).hits.add(h);
        }
        if (files.containsKey("") && !others.isEmpty()) {
            return null;   // path-less lines beside other text: the file each belongs to is unclear
        }
        List<FileGroup> groups = new ArrayList<>(files.values());
        rank(groups, context.query());
        List<String> queryTerms = Bm25.terms(context.query());
        StringBuilder out = new StringBuilder();
        List<String> keys = new ArrayList<>();
        for (String other : others) {
            out.append(other).append('\n');
        }
        int omittedTotal = 0;
        int shownFiles = Math.min(maxFiles, groups.size());
        for (int g = 0; g < shownFiles; g++) {
            FileGroup file = groups.get(g);
            if (out.length() > 0) {
                out.append('\n');
            }
            if (!file.path.isEmpty()) {
                out.append(file.path).append('\n');
            }
            List<Hit> omitted = new ArrayList<>();
            int duplicates = 0;
            boolean[] keep = chooseLines(file.hits, queryTerms);
            keepAllWhenOmissionIsSmall(file.hits, keep);
            boolean hasContext = false;
            for (Hit h : file.hits) {
                hasContext |= !h.isMatch();
            }
            Set<String> seen = new HashSet<>();
            int lastShown = -1;
            for (int i = 0; i < file.hits.size(); i++) {
                Hit h = file.hits.get(i);
                String shown = h.grouped();
                if (!seen.add(shown)) {
                    duplicates++;
                    omitted.add(h);
                } else if (keep[i]) {
                    if (hasContext && lastShown >= 0 && h.number() != lastShown + 1) {
                        out.append("--\n");   // grep's own group separator, where kept lines are not adjacent
                    }
                    out.append(shown).append('\n');
                    lastShown = h.number();
                } else {
                    omitted.add(h);
                }
            }
            if (!omitted.isEmpty()) {
                omittedTotal += omitted.size();
                String key = context.offload(joinOriginal(lines, omitted), LOSSY);
                keys.add(key);
                String what = Markers.units(omitted.size(), "line", "lines") + " (file lines "
                        + Markers.range(minNumber(omitted), maxNumber(omitted)) + ")"
                        + (duplicates > 0 ? " incl. " + Markers.units(duplicates, "exact duplicate",
                        "exact duplicates") : "");
                out.append(Markers.omitted(what, key)).append('\n');
            }
        }
        if (groups.size() > shownFiles) {
            List<Hit> rest = new ArrayList<>();
            StringBuilder names = new StringBuilder();
            for (int g = shownFiles; g < groups.size(); g++) {
                FileGroup file = groups.get(g);
                rest.addAll(file.hits);
                int listed = g - shownFiles;
                if (listed < MAX_LISTED_FILES) {
                    names.append(listed == 0 ? ": " : ", ")
                            .append(file.path.isEmpty() ? "(no path)" : file.path)
                            .append(" (").append(Markers.count(file.hits.size())).append(')');
                }
            }
            int moreFiles = groups.size() - shownFiles;
            if (moreFiles > MAX_LISTED_FILES) {
                names.append(" and ").append(Markers.units(moreFiles - MAX_LISTED_FILES, "more file", "more files"));
            }
            omittedTotal += rest.size();
            rest.sort((a, b) -> Integer.compare(a.input(), b.input()));
            String key = context.offload(joinOriginal(lines, rest), LOSSY);
            keys.add(key);
            out.append('\n').append(Markers.omitted(Markers.units(rest.size(), "result line", "result lines")
                    + " in " + Markers.units(moreFiles, "more file", "more files") + names, key)).append('\n');
        }
        if (omittedTotal == 0) {
            return null;
        }
        if (out.length() > 0 && out.charAt(out.length() - 1) == '\n' && !endsWithNewline(lines)) {
            out.setLength(out.length() - 1);
        }
        String note = "kept " + Markers.count(parsed.results() - omittedTotal) + " of "
                + Markers.count(parsed.results()) + " result lines in " + Markers.count(shownFiles) + " of "
                + Markers.count(groups.size()) + " files";
        return Compressed.lossy(out.toString(), LOSSY, keys, note);
    }

    /** Orders files by BM25 relevance to the query, most relevant first; input order breaks ties. */
    private static void rank(List<FileGroup> groups, String query) {
        if (query.isBlank() || groups.size() < 2) {
            return;
        }
        List<CharSequence> docs = new ArrayList<>(groups.size());
        for (FileGroup g : groups) {
            StringBuilder doc = new StringBuilder(g.path);
            for (Hit h : g.hits) {
                if (doc.length() > 20_000) {
                    break;
                }
                doc.append(' ').append(h.rest());
            }
            docs.add(doc);
        }
        double[] scores = Bm25.score(docs, query);
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).score = scores[i];
            groups.get(i).order = i;
        }
        groups.sort((a, b) -> a.score != b.score ? Double.compare(b.score, a.score) : Integer.compare(a.order, b.order));
    }

    /** Which lines of one file to keep: first, last and best-scoring matches, and context near them. */
    private boolean[] chooseLines(List<Hit> hits, List<String> queryTerms) {
        int n = hits.size();
        boolean[] keep = new boolean[n];
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (hits.get(i).isMatch()) {
                matches.add(i);
            }
        }
        if (matches.isEmpty()) {
            // Context-only or path-less output: treat every line as a match.
            for (int i = 0; i < n; i++) {
                matches.add(i);
            }
        }
        int budget = Math.min(maxMatchesPerFile, matches.size());
        if (budget == matches.size()) {
            // Every match fits: nothing to rank.
            for (int i : matches) {
                keep[i] = true;
            }
            keepContext(hits, keep);
            return keep;
        }
        keep[matches.get(0)] = true;
        int kept = 1;
        if (budget > 1) {
            keep[matches.get(matches.size() - 1)] = true;
            kept = matches.size() > 1 ? 2 : 1;
        }
        if (kept < budget) {
            List<Integer> byScore = new ArrayList<>(matches);
            double[] scores = new double[n];
            for (int i : matches) {
                scores[i] = lineScore(hits.get(i).rest(), queryTerms);
            }
            byScore.sort((a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a])
                    : Integer.compare(a, b));
            for (int i : byScore) {
                if (kept >= budget) {
                    break;
                }
                if (!keep[i]) {
                    keep[i] = true;
                    kept++;
                }
            }
        }
        keepContext(hits, keep);
        return keep;
    }

    /** Context lines travel with the kept matches they surround. */
    private static void keepContext(List<Hit> hits, boolean[] keep) {
        int n = hits.size();
        for (int i = 0; i < n; i++) {
            Hit h = hits.get(i);
            if (keep[i] || h.isMatch()) {
                continue;
            }
            for (int j = Math.max(0, i - CONTEXT_RADIUS); j <= Math.min(n - 1, i + CONTEXT_RADIUS); j++) {
                Hit m = hits.get(j);
                if (keep[j] && m.isMatch() && Math.abs(m.number() - h.number()) <= CONTEXT_RADIUS) {
                    keep[i] = true;
                    break;
                }
            }
        }
    }

    /** A marker costs about as much as two short lines; omitting less than that is a loss. */
    private static void keepAllWhenOmissionIsSmall(List<Hit> hits, boolean[] keep) {
        int omittedChars = 0;
        int omitted = 0;
        for (int i = 0; i < hits.size(); i++) {
            if (!keep[i]) {
                omitted++;
                omittedChars += hits.get(i).grouped().length();
            }
        }
        if (omitted <= 2 && omittedChars <= SMALL_OMISSION_CHARS) {
            Arrays.fill(keep, true);
        }
    }

    private static double lineScore(String text, List<String> queryTerms) {
        double score = 0;
        if (!queryTerms.isEmpty()) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (String t : queryTerms) {
                if (t.length() > 2 && lower.contains(t)) {
                    score += 1;
                }
            }
        }
        if (hasImportantWord(text)) {
            score += 0.5;
        }
        return score;
    }

    /**
     * True when {@code text} holds one of {@link #IMPORTANT} as a whole word: a maximal run of ASCII letters,
     * digits and underscores, as the regex {@code \b(error|…)\b} without {@code UNICODE_CASE} sees words.
     * A hand-written scan, because this runs on every result line and a regex cost most of the lossy time.
     */
    static boolean hasImportantWord(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isWordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isWordChar(text.charAt(i))) {
                i++;
            }
            int len = i - start;
            if (len >= 4 && len <= LONGEST_IMPORTANT && isImportant(text, start, len)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isImportant(String text, int start, int len) {
        // The run is ASCII letters, digits and '_', so regionMatches' case folding is ASCII case folding here.
        for (String w : IMPORTANT) {
            if (w.length() == len && text.regionMatches(true, start, w, 0, len)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    private static String joinOriginal(List<String> lines, List<Hit> hits) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hits.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(lines.get(hits.get(i).input()));
        }
        return sb.toString();
    }

    private static int minNumber(List<Hit> hits) {
        int min = Integer.MAX_VALUE;
        for (Hit h : hits) {
            min = Math.min(min, h.number());
        }
        return min;
    }

    private static int maxNumber(List<Hit> hits) {
        int max = Integer.MIN_VALUE;
        for (Hit h : hits) {
            max = Math.max(max, h.number());
        }
        return max;
    }

    private static boolean endsWithNewline(List<String> lines) {
        return lines.size() > 1 && lines.get(lines.size() - 1).isEmpty();
    }

    /** The results of one file, in input order. */
    private static final class FileGroup {
        final String path;
        final List<Hit> hits = new ArrayList<>();
        double score;
        int order;

        FileGroup(String path) {
            this.path = path;
        }
    }
}
