package io.headroom4j.compress.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Markers;
import io.headroom4j.internal.TextLines;

/**
 * Compresses tree listings: {@code npm ls --all}, {@code tree}, {@code find}, {@code ls -R},
 * {@code mvn dependency:tree}, {@code cargo tree}.
 *
 * <p><b>Lossless ({@code tree.paths}):</b> a {@code find} listing is written as an indented tree of path
 * segments ({@link PathIndent}), used only when checked to decode back exactly; other listings pass through
 * unchanged when lossy output is not allowed.
 *
 * <p><b>Lossy</b> (only when {@link CompressionContext#allowsLossy()} and the input has at least
 * {@code lossyMinTokens} tokens) keeps, verbatim and in their original order:
 * <ul>
 *   <li>every line that is not a tree entry (errors, summaries, log lines);</li>
 *   <li>the roots and their direct children;</li>
 *   <li>every problem line ({@code invalid}, {@code UNMET}, {@code missing}, {@code extraneous},
 *       {@code overridden}, {@code conflict}, {@code ERR!}, {@code error}) and the lines of its ancestors;</li>
 *   <li>for a package present at two or more versions, one occurrence of each version (the shallowest, and
 *       not a {@code deduped}/{@code (*)} one when possible) with its ancestors, so every version conflict
 *       stays visible with its path;</li>
 *   <li>for plain file trees (no package versions), the shallowest further entries up to a budget.</li>
 * </ul>
 * Everything else, including all {@code deduped} and {@code (*)} repeats, is omitted. Each top-level
 * subtree with omissions ends with a marker giving its line range and how many of its lines were left out;
 * the marker's key retrieves exactly the original lines of that range. Kept entries of drawn trees are
 * re-indented (one space for the first level, two more for each level below), label verbatim.
 *
 * <p>Stateless and thread-safe; never throws for any input.
 */
public final class TreeCompressor implements Compressor {

    /** The transform name in results and the store. */
    public static final String TRANSFORM = "tree.select";
    /** The transform name of the lossless form of {@code find} listings. */
    public static final String LOSSLESS = "tree.paths";

    private static final Pattern STATUS_PROBLEM = Pattern.compile(
            "(?i)\\b(invalid|missing|extraneous|overridden|conflicts?|error|peer dep)\\b");
    private static final int MAX_MARKERS = 1;
    private static final int MIN_FILL = 40;
    private static final double FILL_FRACTION = 0.12;
    private static final int REFINE_ROUNDS = 4;

    @Override
    public Compressed compress(String content, CompressionContext context) {
        return Compressor.failingOpen(content, TRANSFORM, () -> compressOrThrow(content, context));
    }

    private Compressed compressOrThrow(String content, CompressionContext context) {
        if (content.isEmpty()) {
            return Compressed.unchanged(content, TRANSFORM, "empty");
        }
        List<String> lines = TextLines.split(content);
        TreeParser.Parsed tree = TreeParser.parse(lines);
        if (tree.entries() < 3) {
            return Compressed.unchanged(content, TRANSFORM, "no tree recognised");
        }
        Compressed lossless = Compressed.unchanged(content, LOSSLESS, "only find listings have a lossless form");
        if (tree.style() == TreeParser.Style.PATHS) {
            String indented = PathIndent.encode(lines);
            if (indented.length() < content.length() && PathIndent.decode(indented).equals(content)) {
                lossless = Compressed.lossless(indented, LOSSLESS, "paths written once, as an indented tree");
            }
        }
        if (!context.allowsLossy() || !context.reachesLossyMin(content)) {
            return lossless;
        }
        int n = lines.size();
        boolean[] keep = new boolean[n];
        int[] depth = tree.depth();
        int problems = 0;
        int deduped = 0;
        Map<String, Map<String, List<Integer>>> versions = new LinkedHashMap<>();
        boolean[] isDedup = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (depth[i] < 0) {
                keep[i] = !lines.get(i).isEmpty() || i < n - 1;
                continue;
            }
            String label = lines.get(i).substring(tree.label()[i]);
            isDedup[i] = isDedup(label);
            if (isDedup[i]) {
                deduped++;
            }
            if (depth[i] <= 1) {
                keep[i] = true;
            }
            if (isProblem(label)) {
                problems++;
                keepWithAncestors(i, keep, tree.parent());
            }
            // Problem lines count as versions too: "x@1 invalid" beside "x@2" is a conflict to show.
            Pkg pkg = Pkg.of(label);
            if (pkg != null) {
                versions.computeIfAbsent(pkg.name(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(pkg.version(), k -> new ArrayList<>()).add(i);
            }
        }
        int conflicts = 0;
        List<List<Integer>> wanted = new ArrayList<>();
        for (Map<String, List<Integer>> byVersion : versions.values()) {
            if (byVersion.size() > 1) {
                conflicts++;
                wanted.addAll(byVersion.values());
            }
        }
        // Cheapest first, so later versions can hang off paths already kept for earlier ones.
        int[] cost = new int[wanted.size()];
        Integer[] order = new Integer[wanted.size()];
        for (int k = 0; k < wanted.size(); k++) {
            int best = cheapest(wanted.get(k), keep, tree.parent(), isDedup, depth);
            cost[k] = costOf(best, keep, tree.parent());
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> cost[a] != cost[b] ? Integer.compare(cost[a], cost[b])
                : Integer.compare(a, b));
        boolean[] pinned = keep.clone();
        int[] need = new int[n];
        int[] chosen = new int[wanted.size()];
        for (int k : order) {
            chosen[k] = cheapest(wanted.get(k), keep, tree.parent(), isDedup, depth);
            keepWithAncestors(chosen[k], keep, tree.parent());
            walk(chosen[k], pinned, need, tree.parent(), 1);
        }
        if (!wanted.isEmpty()) {
            refine(wanted, chosen, pinned, need, lines, tree);
            for (int i = 0; i < n; i++) {
                keep[i] = pinned[i] || need[i] > 0;
            }
        }
        if (versions.isEmpty()) {
            fill(keep, depth, tree.parent(), Math.max(MIN_FILL, (int) (tree.entries() * FILL_FRACTION)));
        }
        Compressed result = render(lines, tree, keep, context);
        if (result == null || result.output().length() >= lossless.output().length()) {
            return lossless;
        }
        String note = result.note() + "; kept " + Markers.units(problems, "problem line", "problem lines") + ", "
                + Markers.units(conflicts, "package", "packages") + " at several versions; "
                + Markers.count(deduped) + " deduped lines";
        return Compressed.lossy(result.output(), TRANSFORM, result.retrievalKeys(), note);
    }

    /**
     * The occurrence that shows its version with the fewest lines not yet kept (itself plus the ancestors
     * it would pull in); ties go to a full (not deduped) occurrence, then the shallowest, then the first.
     */
    private static int cheapest(List<Integer> occurrences, boolean[] keep, int[] parent, boolean[] isDedup,
                                int[] depth) {
        int best = -1;
        int bestCost = Integer.MAX_VALUE;
        for (int i : occurrences) {
            int cost = costOf(i, keep, parent);
            boolean better = best < 0 || cost < bestCost
                    || cost == bestCost && (isDedup[best] && !isDedup[i]
                    || isDedup[best] == isDedup[i] && depth[i] < depth[best]);
            if (better) {
                best = i;
                bestCost = cost;
            }
        }
        return best;
    }

    /**
     * Improves the greedy choice of occurrences: each version in turn gives up its path and takes the
     * occurrence whose not otherwise kept lines are the fewest characters, until no choice changes (at most
     * {@link #REFINE_ROUNDS} rounds). The greedy order cannot see that a later version's path would have
     * carried an earlier one for free; this pass can. Deterministic: ties keep the current choice.
     */
    private static void refine(List<List<Integer>> wanted, int[] chosen, boolean[] pinned, int[] need,
                               List<String> lines, TreeParser.Parsed tree) {
        int[] parent = tree.parent();
        int[] weight = new int[need.length];
        for (int i = 0; i < weight.length; i++) {
            // The label as rendered, plus about what indentation and the line break add.
            weight[i] = tree.depth()[i] < 0 ? 0 : lines.get(i).length() - tree.label()[i] + 4;
        }
        for (int round = 0; round < REFINE_ROUNDS; round++) {
            boolean changed = false;
            for (int k = 0; k < wanted.size(); k++) {
                walk(chosen[k], pinned, need, parent, -1);
                int best = chosen[k];
                long bestCost = weightOf(best, pinned, need, parent, weight);
                for (int o : wanted.get(k)) {
                    long cost = weightOf(o, pinned, need, parent, weight);
                    if (cost < bestCost) {
                        best = o;
                        bestCost = cost;
                    }
                }
                changed |= best != chosen[k];
                chosen[k] = best;
                walk(best, pinned, need, parent, 1);
            }
            if (!changed) {
                return;
            }
        }
    }

    /** Adds {@code delta} to the need count of {@code i} and of its ancestors up to the first pinned one. */
    private static void walk(int i, boolean[] pinned, int[] need, int[] parent, int delta) {
        for (int j = i; j >= 0 && !pinned[j]; j = parent[j]) {
            need[j] += delta;
        }
    }

    /** Characters that keeping {@code i} would add: its line and its ancestors not kept for another reason. */
    private static long weightOf(int i, boolean[] pinned, int[] need, int[] parent, int[] weight) {
        long cost = 0;
        for (int j = i; j >= 0 && !pinned[j]; j = parent[j]) {
            if (need[j] == 0) {
                cost += weight[j];
            }
        }
        return cost;
    }

    private static int costOf(int i, boolean[] keep, int[] parent) {
        int cost = 0;
        for (int j = i; j >= 0 && !keep[j]; j = parent[j]) {
            cost++;
        }
        return cost;
    }

    private static void keepWithAncestors(int i, boolean[] keep, int[] parent) {
        keep[i] = true;
        for (int j = parent[i]; j >= 0 && !keep[j]; j = parent[j]) {
            keep[j] = true;
        }
    }

    /** Keeps the shallowest entries (and so their parents first) until {@code budget} entries are kept. */
    private static void fill(boolean[] keep, int[] depth, int[] parent, int budget) {
        int kept = 0;
        int maxDepth = 0;
        for (int i = 0; i < keep.length; i++) {
            if (depth[i] >= 0) {
                maxDepth = Math.max(maxDepth, depth[i]);
                if (keep[i]) {
                    kept++;
                }
            }
        }
        for (int d = 2; d <= maxDepth && kept < budget; d++) {
            for (int i = 0; i < keep.length && kept < budget; i++) {
                if (depth[i] == d && !keep[i] && keep[parent[i]]) {
                    keep[i] = true;
                    kept++;
                }
            }
        }
    }

    private static boolean isDedup(String label) {
        return label.endsWith(" deduped") || label.contains(" deduped ") || label.endsWith(" (*)")
                || label.contains("omitted for duplicate");
    }

    static boolean isProblem(String label) {
        if (label.contains("UNMET") || label.contains("ERR!")) {
            return true;
        }
        int space = label.indexOf(' ');
        if (space < 0) {
            return false;
        }
        // Most labels carry no status word at all; look for the letters before running the regex.
        String status = label.substring(space).toLowerCase(Locale.ROOT);
        if (!status.contains("invalid") && !status.contains("missing") && !status.contains("extraneous")
                && !status.contains("overridden") && !status.contains("conflict") && !status.contains("error")
                && !status.contains("peer dep")) {
            return false;
        }
        return STATUS_PROBLEM.matcher(label).region(space, label.length()).find();
    }

    /**
     * Renders kept lines in order, with one marker per top-level region that lost lines; regions are
     * merged into fewer, larger ones when there would be more than {@link #MAX_MARKERS} markers.
     */
    private static Compressed render(List<String> lines, TreeParser.Parsed tree, boolean[] keep,
                                     CompressionContext context) {
        int n = lines.size();
        boolean trailingNewline = n > 1 && lines.get(n - 1).isEmpty();
        int last = trailingNewline ? n - 1 : n;
        int[] depth = tree.depth();
        // Regions: each starts at a line of depth <= 1 (or a non-entry line) and runs to the next such line.
        List<int[]> regions = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= last; i++) {
            if (i == last || depth[i] <= 1) {
                regions.add(new int[] {start, i});
                start = i;
            }
        }
        List<int[]> lossy = new ArrayList<>();
        for (int[] r : regions) {
            if (omittedIn(keep, r[0], r[1]) > 0) {
                lossy.add(r);
            }
        }
        if (lossy.isEmpty()) {
            return null;
        }
        List<int[]> markers = lossy;
        if (lossy.size() > MAX_MARKERS) {
            markers = new ArrayList<>();
            int per = (lossy.size() + MAX_MARKERS - 1) / MAX_MARKERS;
            for (int k = 0; k < lossy.size(); k += per) {
                int lastRegion = Math.min(lossy.size(), k + per) - 1;
                markers.add(new int[] {lossy.get(k)[0], lossy.get(lastRegion)[1]});
            }
        }
        boolean reindent = tree.style() == TreeParser.Style.DRAWN;
        if (reindent) {
            // Re-indented lines are not the original lines, so each must lie in a marker's range, whose key
            // brings the original back byte for byte: stretch the first and last markers over them.
            int first = -1;
            int lastEntry = -1;
            for (int i = 0; i < last; i++) {
                if (keep[i] && depth[i] > 0) {
                    first = first < 0 ? i : first;
                    lastEntry = i;
                }
            }
            if (first >= 0) {
                markers.get(0)[0] = Math.min(markers.get(0)[0], first);
                int[] end = markers.get(markers.size() - 1);
                end[1] = Math.max(end[1], lastEntry + 1);
            }
        }
        Map<Integer, int[]> markerAtEnd = new HashMap<>();
        for (int[] m : markers) {
            markerAtEnd.put(m[1], m);
        }
        StringBuilder out = new StringBuilder();
        List<String> keys = new ArrayList<>();
        int omittedTotal = 0;
        for (int i = 0; i <= last; i++) {
            int[] m = markerAtEnd.get(i);
            if (m != null) {
                int end = m[1];
                int omitted = omittedIn(keep, m[0], end);
                if (omitted > 0) {
                    String key = context.offload(TextLines.join(lines, m[0], end), TRANSFORM);
                    keys.add(key);
                    omittedTotal += omitted;
                    String what = "lines " + Markers.range(m[0] + 1L, end) + ": "
                            + Markers.units(omitted, "line", "lines");
                    out.append(Markers.omitted(what, key)).append('\n');
                }
            }
            if (i < last && keep[i]) {
                String line = lines.get(i);
                if (reindent && depth[i] > 0 && inside(markers, i)) {
                    // Kept entries are re-indented, two spaces a level: with siblings omitted, the original
                    // connectors (a "├" promising a next sibling) would misstate the shape of what is shown.
                    // The label stays verbatim; the marker whose range holds the line retrieves the original.
                    // The first level is one space, not two: o200k reads " name" as one token but "  name"
                    // as two, so this saves a token on every direct child and changes no relative step.
                    out.append(line, 0, TreeParser.prefixEnd(line));   // a log prefix such as "[INFO] " stays
                    for (int s = 2 * depth[i] - 1; s > 0; s--) {
                        out.append(' ');
                    }
                    out.append(line, tree.label()[i], line.length()).append('\n');
                } else {
                    out.append(line).append('\n');
                }
            }
        }
        if (!trailingNewline && out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        return Compressed.lossy(out.toString(), TRANSFORM, keys, "omitted " + Markers.units(omittedTotal, "line",
                "lines") + " of " + Markers.count(n));
    }

    private static boolean inside(List<int[]> ranges, int i) {
        for (int[] r : ranges) {
            if (i >= r[0] && i < r[1]) {
                return true;
            }
        }
        return false;
    }

    private static int omittedIn(boolean[] keep, int from, int to) {
        int count = 0;
        for (int i = from; i < to && i < keep.length; i++) {
            if (!keep[i]) {
                count++;
            }
        }
        return count;
    }

    /** A package name and version read from an entry label, for finding version conflicts. */
    record Pkg(String name, String version) {

        /** The package of {@code label} in npm, cargo or Maven notation, or null for a plain entry. */
        static Pkg of(String label) {
            if (label.startsWith("UNMET ")) {
                return null;
            }
            int space = label.indexOf(' ');
            String first = space < 0 ? label : label.substring(0, space);
            // Maven: group:artifact:type[:classifier]:version:scope
            int colons = 0;
            for (int i = 0; i < first.length(); i++) {
                if (first.charAt(i) == ':') {
                    colons++;
                }
            }
            if (colons >= 4) {
                String[] parts = first.split(":");
                if (parts.length >= 5) {
                    return new Pkg(parts[0] + ":" + parts[1], parts[parts.length - 2]);
                }
            }
            // npm: name@version, scoped names start with '@'.
            int at = first.lastIndexOf('@');
            if (at > 0 && at < first.length() - 1) {
                return new Pkg(first.substring(0, at), first.substring(at + 1));
            }
            // cargo: name vX.Y.Z
            if (space > 0 && space + 2 < label.length() && label.charAt(space + 1) == 'v'
                    && Character.isDigit(label.charAt(space + 2))) {
                int end = label.indexOf(' ', space + 1);
                return new Pkg(first, label.substring(space + 2, end < 0 ? label.length() : end));
            }
            return null;
        }
    }
}
