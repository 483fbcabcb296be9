package io.headroom4j.compress.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Markers;
import io.headroom4j.internal.TextLines;

/**
 * Compresses unified diffs: {@code git diff}, {@code git show}, {@code git log -p}, {@code diff -u}.
 *
 * <p><b>Lossless:</b> the {@code --- a/P} / {@code +++ b/P} pair under a {@code diff --git a/P b/P}
 * header restates the path and is left out ({@link DiffFold}); used only when the folded form was checked
 * to decode back exactly.
 *
 * <p><b>Lossy</b> (only when {@link CompressionContext#allowsLossy()} and the input has at least
 * {@code lossyMinTokens} tokens): every file header, hunk header, changed line and {@code \ No newline}
 * line is kept verbatim, as are commit headers and messages. Runs of unchanged context longer than
 * {@code contextLines} on each side of a change are cut in the middle, with a marker naming the old and
 * new line ranges it covers; its key retrieves exactly the omitted lines. The hunks of lockfiles
 * ({@code package-lock.json}, {@code yarn.lock}, {@code Cargo.lock}, {@code go.sum}...), generated or
 * minified files, and {@code GIT binary patch} data are replaced by one marker each with hunk and
 * {@code +N -M} line counts, whose key retrieves exactly the replaced lines.
 *
 * <p>Stateless and thread-safe; never throws for any input.
 */
public final class DiffCompressor implements Compressor {

    /** The transform name of the lossless form. */
    public static final String TRANSFORM = "diff.fold";
    private static final String LOSSY = "diff.trim";
    /** An omission shorter than this costs more in marker than it saves. */
    private static final int MIN_OMITTED = 4;
    private static final int MINIFIED_LINE = 400;

    private static final Set<String> LOCKFILES = Set.of(
            "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb",
            "cargo.lock", "poetry.lock", "pipfile.lock", "uv.lock", "pdm.lock", "go.sum", "gemfile.lock",
            "composer.lock", "podfile.lock", "packages.lock.json", "paket.lock", "gradle.lockfile", "flake.lock",
            "mix.lock", "pubspec.lock", "package.resolved", "cartfile.resolved", "deno.lock");

    private final int contextLines;

    /** A compressor keeping 3 unchanged lines on each side of a change, as {@code git diff} does. */
    public DiffCompressor() {
        this(3);
    }

    /**
     * A compressor keeping {@code contextLines} unchanged lines on each side of a change.
     *
     * @throws IllegalArgumentException when {@code contextLines} is negative
     */
    public DiffCompressor(int contextLines) {
        if (contextLines < 0) {
            throw new IllegalArgumentException("contextLines must be >= 0, got " + contextLines);
        }
        this.contextLines = contextLines;
    }

    @Override
    public Compressed compress(String content, CompressionContext context) {
        return Compressor.failingOpen(content, TRANSFORM, () -> compressOrThrow(content, context));
    }

    private Compressed compressOrThrow(String content, CompressionContext context) {
        if (content.isEmpty()) {
            return Compressed.unchanged(content, TRANSFORM, "empty");
        }
        List<String> lines = TextLines.split(content);
        List<DiffParser.FileSection> sections = DiffParser.parse(lines);
        if (sections.isEmpty()) {
            return Compressed.unchanged(content, TRANSFORM, "no diff file sections recognised");
        }
        String folded = DiffFold.encode(lines);
        String lossless = folded.length() < content.length() && DiffFold.decode(folded).equals(content)
                ? folded : content;
        if (context.allowsLossy() && context.reachesLossyMin(content)) {
            Compressed lossy = trim(lines, sections, context, lossless != content);
            if (lossy != null && lossy.output().length() < lossless.length()) {
                return lossy;
            }
        }
        if (lossless == content) {
            return Compressed.unchanged(content, TRANSFORM, "nothing to fold");
        }
        return Compressed.lossless(lossless, TRANSFORM, "left out repeated ---/+++ path lines in "
                + Markers.units(sections.size(), "file", "files"));
    }

    /** The lossy rendering, or null when it would omit nothing. */
    private Compressed trim(List<String> lines, List<DiffParser.FileSection> sections, CompressionContext context,
                            boolean fold) {
        StringBuilder out = new StringBuilder(Math.max(16, lines.size() * 24));
        List<String> keys = new ArrayList<>();
        int[] omitted = new int[1];
        int next = 0;
        for (DiffParser.FileSection s : sections) {
            appendLines(out, lines, next, s.start());
            next = s.end();
            renderSection(out, lines, s, context, keys, omitted, fold);
        }
        appendLines(out, lines, next, lines.size());
        if (omitted[0] == 0) {
            return null;
        }
        if (out.length() > 0) {
            out.setLength(out.length() - 1);   // every appended line ended in '\n'
        }
        return Compressed.lossy(out.toString(), LOSSY, keys, "omitted " + Markers.units(omitted[0], "line", "lines")
                + " of unchanged context and lockfile, generated or binary bodies in "
                + Markers.units(sections.size(), "file", "files"));
    }

    private void renderSection(StringBuilder out, List<String> lines, DiffParser.FileSection s,
                               CompressionContext context, List<String> keys, int[] omitted, boolean fold) {
        int bodyStart = s.bodyStart();
        String foldPath = fold ? DiffFold.samePath(lines.get(s.start())) : null;
        for (int i = s.start(); i < bodyStart; i++) {
            if (foldPath != null && i + 1 < bodyStart && lines.get(i).equals("--- a/" + foldPath)
                    && lines.get(i + 1).equals("+++ b/" + foldPath)) {
                i++;
                continue;
            }
            out.append(lines.get(i)).append('\n');
        }
        if (bodyStart >= s.end()) {
            return;
        }
        String kind = summaryKind(lines, s);
        if (kind != null) {
            int plus = 0;
            int minus = 0;
            for (DiffParser.Hunk h : s.hunks()) {
                for (int i = h.header() + 1; i < h.end(); i++) {
                    String l = lines.get(i);
                    if (l.startsWith("+")) {
                        plus++;
                    } else if (l.startsWith("-")) {
                        minus++;
                    }
                }
            }
            String key = context.offload(TextLines.join(lines, bodyStart, s.end()), LOSSY);
            keys.add(key);
            int count = s.end() - bodyStart;
            omitted[0] += count;
            String what = s.binaryPatch() >= 0 && s.hunks().isEmpty()
                    ? "binary patch data: " + Markers.units(count, "line", "lines")
                    : kind + " diff body: " + Markers.units(s.hunks().size(), "hunk", "hunks") + ", +"
                    + Markers.count(plus) + " -" + Markers.count(minus) + " lines";
            out.append(Markers.omitted(what, key)).append('\n');
            return;
        }
        for (DiffParser.Hunk h : s.hunks()) {
            out.append(lines.get(h.header())).append('\n');
            if (h.combined()) {
                appendLines(out, lines, h.header() + 1, h.end());
                continue;
            }
            renderHunk(out, lines, h, context, keys, omitted);
        }
        appendLines(out, lines, s.hunks().isEmpty() ? bodyStart : s.hunks().get(s.hunks().size() - 1).end(),
                s.end());
    }

    private void renderHunk(StringBuilder out, List<String> lines, DiffParser.Hunk h, CompressionContext context,
                            List<String> keys, int[] omitted) {
        int from = h.header() + 1;
        int to = h.end();
        int oldNo = h.oldStart();
        int newNo = h.newStart();
        boolean seenChange = false;
        int i = from;
        while (i < to) {
            if (!isContext(lines.get(i))) {
                seenChange = true;
                char c = lines.get(i).charAt(0);
                if (c == '-') {
                    oldNo++;
                } else if (c == '+') {
                    newNo++;
                }
                out.append(lines.get(i)).append('\n');
                i++;
                continue;
            }
            int runStart = i;
            while (i < to && isContext(lines.get(i))) {
                i++;
            }
            int runEnd = i;
            boolean changeAfter = runEnd < to;
            int keepHead = seenChange ? contextLines : 0;
            int keepTail = changeAfter ? contextLines : 0;
            if (!seenChange && !changeAfter) {
                keepHead = runEnd - runStart;   // a hunk with no change at all is left as it is
            }
            int omitFrom = runStart + keepHead;
            int omitTo = runEnd - keepTail;
            if (omitTo - omitFrom >= MIN_OMITTED) {
                appendLines(out, lines, runStart, omitFrom);
                int count = omitTo - omitFrom;
                int oldFirst = oldNo + (omitFrom - runStart);
                int newFirst = newNo + (omitFrom - runStart);
                String key = context.offload(TextLines.join(lines, omitFrom, omitTo), LOSSY);
                keys.add(key);
                omitted[0] += count;
                String range = oldFirst == newFirst ? "lines " + Markers.range(oldFirst, oldFirst + count - 1)
                        : "old lines " + Markers.range(oldFirst, oldFirst + count - 1) + ", new lines "
                        + Markers.range(newFirst, newFirst + count - 1);
                out.append(Markers.omitted(Markers.units(count, "unchanged line", "unchanged lines") + " (" + range
                        + ")", key)).append('\n');
                appendLines(out, lines, omitTo, runEnd);
            } else {
                appendLines(out, lines, runStart, runEnd);
            }
            oldNo += runEnd - runStart;
            newNo += runEnd - runStart;
        }
    }

    private static boolean isContext(String line) {
        return line.isEmpty() || line.charAt(0) == ' ' || line.equals("\r");
    }

    /** "lockfile", "generated file", "binary patch" for sections whose body is summarised; else null. */
    private static String summaryKind(List<String> lines, DiffParser.FileSection s) {
        if (s.binaryPatch() >= 0) {
            return "binary patch";
        }
        String path = s.path();
        String base = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (LOCKFILES.contains(base)) {
            return "lockfile " + base;
        }
        if (base.endsWith(".min.js") || base.endsWith(".min.css") || base.endsWith(".map") || base.endsWith(".pb.go")
                || base.endsWith("_pb2.py") || base.endsWith("_pb2_grpc.py") || base.endsWith(".g.dart")
                || base.contains(".generated.") || base.endsWith(".designer.cs")) {
            return "generated file " + base;
        }
        long changedChars = 0;
        int changed = 0;
        int scanned = 0;
        for (DiffParser.Hunk h : s.hunks()) {
            for (int i = h.header() + 1; i < h.end() && scanned < 2_000; i++, scanned++) {
                String l = lines.get(i);
                if (l.startsWith("+") || l.startsWith("-")) {
                    if (changed < 10 && (l.contains("@generated") || l.contains("DO NOT EDIT")
                            || l.contains("Code generated by") || l.contains("generated by "))) {
                        return "generated file " + base;
                    }
                    changed++;
                    changedChars += l.length();
                }
            }
        }
        if (changed > 0 && changedChars / changed > MINIFIED_LINE) {
            return "minified file " + base;
        }
        return null;
    }

    private static void appendLines(StringBuilder out, List<String> lines, int from, int to) {
        for (int i = from; i < to; i++) {
            out.append(lines.get(i)).append('\n');
        }
    }
}
