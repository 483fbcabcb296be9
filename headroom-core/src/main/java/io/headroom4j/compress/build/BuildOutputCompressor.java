package io.headroom4j.compress.build;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Markers;
import io.headroom4j.compress.log.DrainParser;
import io.headroom4j.compress.log.LineFolder;
import io.headroom4j.compress.log.LineSignals;
import io.headroom4j.compress.log.LogCompressor;
import io.headroom4j.compress.log.LogLines;
import io.headroom4j.compress.log.RepeatFolding;

/**
 * Compresses build and test output (Maven/Surefire, Gradle, npm with jest or node:test, pytest, cargo,
 * go test, JUnit XML reports): failures, assertion messages, compiler errors with their {@code file:line}
 * and diagnostics, the stack frames that point into the user's code, and the summaries stay verbatim;
 * passing tests, download and progress noise, framework stack frames and report environment properties
 * fold into counted markers with a retrieval key:
 * <pre>{@code
 * [lines 7-250: 244 lines of passing tests omitted; retrieve: 3f2a…]
 *     [lines 41-47: 7 framework frame lines (org.junit, java.base) omitted; retrieve: 9c1e…]
 * }</pre>
 * Lines the classifier does not recognise get the log compressor's template folding (first line of each
 * template and rare lines stay; runs of five or more keep their first and last line). Carriage-return
 * progress shows its final state, as in {@link LogCompressor}.
 *
 * <p>Lossless mode, or content under {@link io.headroom4j.HeadroomConfig#lossyMinTokens()} tokens: only
 * {@link RepeatFolding} (identical consecutive lines become {@code [previous line repeated N more times]}),
 * which decodes back exactly.
 *
 * <p>Stateless and thread-safe; never throws: any internal failure returns the input unchanged.
 */
public final class BuildOutputCompressor implements Compressor {

    /** Transform name of the lossy folding. */
    public static final String TRANSFORM = "build.fold";

    private static final int[] MIN_RUN = {5, 3, 3, 2, 3, 3};
    private static final boolean[] KEEP_ENDS = {true, false, false, false, false, false};

    @Override
    public Compressed compress(String content, CompressionContext context) {
        return LogCompressor.foldLines(content, context, TRANSFORM, BuildOutputCompressor::lossy);
    }

    private static Compressed lossy(String content, CompressionContext context) {
        LogLines lines = LogLines.of(content);
        int n = lines.count();
        if (n < 3) {
            return null;
        }
        byte[] kinds = LineSignals.classify(lines);
        int[] groups = BuildLineClassifier.classify(lines, kinds);
        joinBlankLines(lines, groups);
        boolean[] skip = new boolean[n];
        for (int i = 0; i < n; i++) {
            skip[i] = groups[i] != BuildLineClassifier.NEUTRAL;
        }
        DrainParser drain = new DrainParser();
        int[] ids = drain.parse(lines, skip);
        List<DrainParser.Template> templates = drain.templates();
        for (int i = 0; i < n; i++) {
            if (groups[i] == BuildLineClassifier.NEUTRAL && ids[i] != DrainParser.NONE) {
                DrainParser.Template t = templates.get(ids[i]);
                if (t.size() <= 2 || t.firstLine() == i) {
                    groups[i] = LineFolder.KEEP;
                }
            }
        }
        LineFolder.Folded folded = new LineFolder(lines, context, TRANSFORM).fold(groups, MIN_RUN, KEEP_ENDS,
                (g, from, to) -> describe(g, from, to, lines, ids, templates), kinds);
        if (folded.markers() == 0 && folded.finalStateLines() == 0) {
            return null;
        }
        String output = RepeatFolding.canEncode(content) ? RepeatFolding.encode(folded.output()) : folded.output();
        if (output.length() >= content.length()) {
            return null;
        }
        return Compressed.lossy(output, TRANSFORM, folded.keys(), "folded " + Markers.units(folded.omittedLines(),
                "line", "lines") + " into " + Markers.units(folded.markers(), "marker", "markers"));
    }

    /** A blank line between two lines of one foldable group joins that group, so it does not split the run. */
    private static void joinBlankLines(LogLines lines, int[] groups) {
        int n = groups.length;
        for (int i = 1; i < n - 1; i++) {
            if (groups[i] != LineFolder.KEEP || !isBlank(lines, i)) {
                continue;
            }
            int before = groups[i - 1];
            int j = i + 1;
            while (j < n && isBlank(lines, j) && groups[j] == LineFolder.KEEP) {
                j++;
            }
            if (j < n && before != LineFolder.KEEP && before != BuildLineClassifier.NEUTRAL && groups[j] == before) {
                for (int k = i; k < j; k++) {
                    groups[k] = before;
                }
                i = j;
            }
        }
    }

    /** Blank, or blank once its ANSI codes are removed (a console's bare {@code ESC[0K} line). */
    private static boolean isBlank(LogLines lines, int i) {
        if (lines.isBlank(i)) {
            return true;
        }
        String raw = lines.line(i);
        return raw.indexOf('\u001b') >= 0 && BuildLineClassifier.stripAnsi(raw).isBlank();
    }

    private static String describe(int group, int from, int to, LogLines lines, int[] ids,
                                   List<DrainParser.Template> templates) {
        int count = to - from + 1;
        switch (group) {
            case BuildLineClassifier.PASS:
                return Markers.units(count, "line", "lines") + " of passing tests";
            case BuildLineClassifier.NOISE:
                return Markers.units(count, "line", "lines") + " of download and progress output";
            case BuildLineClassifier.TASK:
                return Markers.units(count, "line", "lines") + " of Gradle task headers" + (hasRedraw(lines, from, to)
                        ? " and console progress" : "");
            case BuildLineClassifier.XML_PROPERTY:
                return Markers.units(count, "line", "lines") + " of report <properties>";
            case BuildLineClassifier.FRAMEWORK_FRAME:
                return Markers.units(count, "framework frame line", "framework frame lines") + frameOrigins(lines,
                        from, to);
            default:
                return LogCompressor.describe(ids, templates, from, to);
        }
    }

    private static boolean hasRedraw(LogLines lines, int from, int to) {
        for (int i = from; i <= to; i++) {
            String raw = lines.line(i);
            if (raw.indexOf('\u001b') >= 0 && BuildLineClassifier.isConsoleRedraw(
                    BuildLineClassifier.stripAnsi(raw).strip(), raw)) {
                return true;
            }
        }
        return false;
    }

    /** {@code " (org.junit, java.base)"}: the first two name segments of up to three distinct frame origins. */
    private static String frameOrigins(LogLines lines, int from, int to) {
        Set<String> origins = new LinkedHashSet<>();
        for (int i = from; i <= to && origins.size() < 4; i++) {
            String t = lines.line(i).strip();
            if (t.startsWith("at ")) {
                t = t.substring(3);
            } else if (t.indexOf(": ") > 0 && Character.isDigit(t.charAt(0))) {
                t = t.substring(t.indexOf(": ") + 2);
            } else {
                continue;
            }
            int slash = t.indexOf('/');
            int first = t.indexOf('.');
            String origin;
            if (slash > 0 && (first < 0 || slash < first)) {
                origin = t.substring(0, slash);          // java.base/…, node:internal/…
            } else if (t.contains("::")) {
                origin = t.substring(0, t.indexOf("::")); // core::…, std::…
            } else if (first > 0) {
                int second = t.indexOf('.', first + 1);
                origin = second > 0 ? t.substring(0, second) : t.substring(0, first);
            } else {
                continue;
            }
            if (origin.length() <= 40) {
                origins.add(origin);
            }
        }
        if (origins.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        int k = 0;
        for (String o : origins) {
            if (k == 3) {
                sb.append(", …");
                break;
            }
            if (k > 0) {
                sb.append(", ");
            }
            sb.append(o);
            k++;
        }
        return sb.append(')').toString();
    }
}
