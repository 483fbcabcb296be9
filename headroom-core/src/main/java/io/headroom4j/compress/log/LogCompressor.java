package io.headroom4j.compress.log;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Markers;
import io.headroom4j.internal.SideWork;

/**
 * Compresses application and server logs by folding repetitive stretches into template markers, while every
 * line that looks like an error, failure, warning, exception, stack frame or non-zero exit stays verbatim,
 * in its original order.
 *
 * <p>Lossy mode ({@link CompressionContext#allowsLossy()} and at least
 * {@link io.headroom4j.HeadroomConfig#lossyMinTokens()} tokens):
 * <ol>
 *   <li>{@link LineSignals} marks the lines that must stay (errors, warnings, frames).</li>
 *   <li>{@link DrainParser} mines a template for every other line. The first line of each template and
 *       every line of a rare template (at most {@value #RARE} lines) stay too, so one-off events such as
 *       "circuit breaker closed" or "started in 4.8 s" are never folded.</li>
 *   <li>Each stretch of at least {@value #MIN_RUN} remaining consecutive lines keeps its first and last
 *       line (the first and last example, with their timestamps) and the lines between become one marker:
 *       {@code [lines 120-4,031: 3,912 lines like "GET /api/<*> 200 <*>ms" omitted; retrieve: <key>]}, or,
 *       when the stretch mixes templates, the three largest with counts and a count of the rest.</li>
 *   <li>Lines with carriage-return updates (progress bars) show their final state; one marker before the
 *       first of them keeps the key of the original.</li>
 *   <li>Finally the lossless repeat folding below runs over the result.</li>
 * </ol>
 *
 * <p>Lossless mode (everything else): only {@link RepeatFolding}, which turns a run of identical
 * consecutive lines into the line plus {@code [previous line repeated N more times]} and decodes back
 * exactly with {@link RepeatFolding#decode}. Nothing else in a log has an exact, shorter notation that a
 * model reads as easily, so nothing else is done.
 *
 * <p>Stateless and thread-safe; never throws: on any internal failure the input comes back unchanged with
 * the reason in the note.
 */
public final class LogCompressor implements Compressor {

    /** Transform name of the lossy template folding. */
    public static final String TEMPLATES = "log.templates";
    /** Transform name of the lossless repeat folding. */
    public static final String REPEATS = "log.repeats";

    static final int RARE = 2;
    static final int MIN_RUN = 5;
    private static final int TOP_TEMPLATES = 3;
    private static final int MAX_TEMPLATE_CHARS = 120;

    @Override
    public Compressed compress(String content, CompressionContext context) {
        return foldLines(content, context, TEMPLATES, LogCompressor::lossy);
    }

    /**
     * The frame the line compressors (logs, build output) share: empty and already-marked content comes back
     * unchanged; {@code lossy} is tried when lossy output is allowed and the content reaches
     * {@code lossyMinTokens}, with a store refusal (lone surrogates) meaning "drop nothing"; otherwise, or when
     * {@code lossy} returns null, the lossless {@link RepeatFolding}. Fails open, as every compressor must.
     *
     * @param transform the lossy transform's name, also used in the unchanged results
     * @param lossy     the lossy folding; returns null when it does not pay
     */
    public static Compressed foldLines(String content, CompressionContext context, String transform,
                                       BiFunction<String, CompressionContext, Compressed> lossy) {
        if (content == null || content.isEmpty()) {
            return Compressed.unchanged(content == null ? "" : content, transform, "empty");
        }
        if (Markers.hasMarker(content)) {
            return Compressed.unchanged(content, transform, "already holds a retrieval marker");
        }
        return Compressor.failingOpen(content, transform, () -> {
            if (context.allowsLossy() && context.reachesLossyMin(content)) {
                Compressed folded;
                try {
                    folded = lossy.apply(content, context);
                } catch (IllegalArgumentException | UncheckedIOException e) {
                    folded = null; // the store could not keep an original: drop nothing, fall back to lossless
                }
                if (folded != null) {
                    return folded;
                }
            }
            return lossless(content);
        });
    }

    /** The lossless result: repeat folding, or the content unchanged. */
    static Compressed lossless(String content) {
        String folded = RepeatFolding.encode(content);
        if (folded.length() >= content.length()) {
            return Compressed.unchanged(content, REPEATS, "no repeated lines to fold");
        }
        return Compressed.lossless(folded, REPEATS, "folded runs of identical lines");
    }

    private static Compressed lossy(String content, CompressionContext context) {
        LogLines lines = LogLines.of(content);
        int n = lines.count();
        if (n < MIN_RUN) {
            return null;
        }
        // Verdicts and masked forms in one pass per line (on two threads when the caller lends a helper).
        LineScan scan = LineScan.of(lines);
        byte[] kinds = scan.kinds;
        boolean[] skip = new boolean[n];
        for (int i = 0; i < n; i++) {
            skip[i] = kinds[i] != LineSignals.PLAIN;
        }
        DrainParser drain = new DrainParser();
        int[] ids = drain.parse(scan, skip);
        List<DrainParser.Template> templates = drain.templates();
        int[] groups = new int[n];
        for (int i = 0; i < n; i++) {
            int id = ids[i];
            boolean keep = kinds[i] != LineSignals.PLAIN
                    || id != DrainParser.NONE
                    && (templates.get(id).size() <= RARE || templates.get(id).firstLine() == i);
            groups[i] = keep ? LineFolder.KEEP : 0;
        }
        Supplier<LineFolder.Folded> fold = () -> new LineFolder(lines, context, TEMPLATES).fold(groups,
                new int[] {MIN_RUN}, new boolean[] {true}, (g, from, to) -> describe(ids, templates, from, to), kinds);
        LineFolder.Folded folded;
        boolean encodable;
        if (content.length() >= LineScan.SPLIT_MIN_CHARS && SideWork.hasHelper()) {
            // The fold hashes what it drops (most of a long log) on this thread; the helper meanwhile looks the
            // whole text over for repeat notation, which the last step needs. Both are deterministic.
            LineFolder.Folded[] f = new LineFolder.Folded[1];
            boolean[] e = new boolean[1];
            SideWork.both(() -> f[0] = fold.get(), () -> e[0] = RepeatFolding.canEncode(content));
            folded = f[0];
            encodable = e[0];
        } else {
            folded = fold.get();
            encodable = folded.markers() != 0 || folded.finalStateLines() != 0 ? RepeatFolding.canEncode(content)
                    : false;
        }
        if (folded.markers() == 0 && folded.finalStateLines() == 0) {
            return null;
        }
        String output = encodable ? RepeatFolding.encode(folded.output()) : folded.output();
        if (output.length() >= content.length()) {
            return null;
        }
        return Compressed.lossy(output, TEMPLATES, folded.keys(), "folded " + Markers.units(folded.omittedLines(),
                "line", "lines") + " into " + Markers.units(folded.markers(), "marker", "markers") + " over "
                + Markers.units(templates.size(), "template", "templates"));
    }

    /**
     * Describes lines {@code from..to} by their templates: {@code 3,912 lines like "…"}, or for a mix the three
     * largest and a count of the rest: {@code 1,019 lines (571 like "A"; 203 like "B"; 245 of 6 other kinds)}.
     *
     * @param ids       template id per line, as {@link DrainParser#parse} returned them
     * @param templates the parser's templates
     */
    public static String describe(int[] ids, List<DrainParser.Template> templates, int from, int to) {
        int total = to - from + 1;
        // Count per template in first-seen order, so ties break the same way every time.
        List<int[]> counts = new ArrayList<>();
        Map<Integer, int[]> byId = new HashMap<>();
        for (int i = from; i <= to; i++) {
            int[] c = byId.get(ids[i]);
            if (c == null) {
                c = new int[] {ids[i], 0};
                byId.put(ids[i], c);
                counts.add(c);
            }
            c[1]++;
        }
        counts.sort((a, b) -> Integer.compare(b[1], a[1]));
        if (counts.size() == 1) {
            int id = counts.get(0)[0];
            return Markers.units(total, "line", "lines")
                    + (id == DrainParser.NONE ? "" : " like " + quote(templates.get(id).text()));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(Markers.units(total, "line", "lines")).append(" (");
        int shownTemplates = 0;
        int rest = total;
        for (int[] c : counts) {
            if (shownTemplates == TOP_TEMPLATES || c[0] == DrainParser.NONE) {
                continue;
            }
            if (shownTemplates > 0) {
                sb.append("; ");
            }
            sb.append(Markers.count(c[1])).append(" like ").append(quote(templates.get(c[0]).text()));
            rest -= c[1];
            shownTemplates++;
        }
        int otherKinds = counts.size() - shownTemplates;
        if (rest > 0) {
            sb.append("; ").append(Markers.count(rest)).append(" of ").append(Markers.count(otherKinds))
                    .append(otherKinds == 1 ? " other kind" : " other kinds");
        }
        return sb.append(')').toString();
    }

    private static String quote(String template) {
        String t = template.length() > MAX_TEMPLATE_CHARS
                ? template.substring(0, MAX_TEMPLATE_CHARS) + "…" : template;
        return t.isEmpty() ? "(blank)" : "\"" + t + "\"";
    }
}
