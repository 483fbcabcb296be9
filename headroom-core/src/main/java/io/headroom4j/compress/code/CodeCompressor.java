package io.headroom4j.compress.code;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.treesitter.TSLanguage;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;
import org.treesitter.TSRange;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.LossyGuard;
import io.headroom4j.compress.Markers;
import io.headroom4j.store.ContentKeys;

/**
 * Reduces source code to a signature view: imports, declarations and signatures stay, each long function
 * body is replaced by one marker line naming its original line range, with a key that brings the exact
 * lines back.
 *
 * <p>Supports Python, JavaScript, TypeScript, Go, Rust, Java, C and C++ through tree-sitter
 * (on linux-x86_64 our own optimised build, {@link NativeTreeSitter}; elsewhere the io.github.bonede JNI
 * bindings, with the same output). Thread-safe: each call uses its own parser; what a parse found is
 * remembered by content hash (up to 4,096 inputs), since agents resend the same tool output every turn.
 *
 * <p>What callers can rely on:
 * <ul>
 *   <li>Every line of the output is either a line of the input, byte for byte with its own line
 *       terminator, or a marker line {@code <indent><comment> [lines 12-40: body of parse() omitted;
 *       retrieve: <key>]}. Kept lines are in their original order, so the original line number of any
 *       kept line follows from the marker ranges before it; replacing each marker line with what its key
 *       retrieves gives back the input exactly.</li>
 *   <li>Lossy only: when {@link CompressionContext#allowsLossy()} is false, under
 *       {@code lossyMinTokens}, or when {@link #queryWantsFullCode(String) the user asks to fix, review,
 *       debug or edit}, the input comes back unchanged.</li>
 *   <li>Fails open: if the native libraries cannot be loaded, the text does not parse cleanly in any
 *       supported language, or anything else goes wrong, the input comes back unchanged with the reason.</li>
 * </ul>
 * The message pipeline must not hand this compressor code from the most recent messages
 * ({@code HeadroomConfig.protectRecent()}); the compressor cannot see message positions itself.
 */
public final class CodeCompressor implements Compressor {

    /*
     * Design: the tree is used only to find line ranges; the output is assembled from whole input lines.
     * That makes the "never rewrite a line" rule structural: no code path builds a line from parts.
     * Bodies are elided from the line after the opening line of the body to the line before its last
     * line (brace languages keep "{" and "}" lines; Python keeps the first docstring line). Multi-line
     * comments keep their first and last lines; runs of four or more line comments keep their first line.
     * A range is elided only when its text is clearly longer than the marker replacing it.
     */

    /** The transform name recorded in results and in the store. */
    public static final String TRANSFORM = "code.signatures";

    private static final int MAX_CHARS = 8 * 1024 * 1024;
    private static final int MAX_NAME = 80;
    /** Output must save at least this fraction of characters, or the input is returned. */
    private static final double MIN_SAVINGS = 0.10;

    private static final Set<String> FUNCTIONS = Set.of(
            "function_definition", "function_declaration", "generator_function_declaration", "method_definition",
            "arrow_function", "function_expression", "function", "generator_function", "method_declaration",
            "constructor_declaration", "compact_constructor_declaration", "function_item", "func_literal",
            "closure_expression", "lambda_expression", "static_initializer");

    /**
     * Node types that hold only types in a language, so no function body can be inside them: the walk does
     * not descend into them. Per language, because the same name can hold code elsewhere (a Java interface
     * has default methods, a Rust trait default bodies).
     */
    private static final Map<SourceLanguage, Set<String>> TYPE_ONLY = Map.of(
            SourceLanguage.TYPESCRIPT, Set.of("type_alias_declaration", "interface_declaration", "object_type",
                    "union_type", "intersection_type", "type_annotation", "type_arguments", "type_parameters",
                    "function_type", "constructor_type", "tuple_type", "conditional_type", "generic_type"),
            SourceLanguage.GO, Set.of("type_declaration", "struct_type", "interface_type"),
            SourceLanguage.RUST, Set.of("struct_item", "enum_item", "type_item", "field_declaration_list"));

    private static final Set<String> BODIES = Set.of("block", "statement_block", "compound_statement",
            "constructor_body", "function_body", "declaration_list");

    private static final Map<SourceLanguage, Object> GRAMMARS = new EnumMap<>(SourceLanguage.class);

    /** Recent analyses by content hash; small values (line ranges), so a count bound is enough. */
    private final Cache<String, Analysis> analyses = Caffeine.newBuilder().maximumSize(4_096)
            // Maintenance (evicting past 4,096) on the calling thread: handing it to the common pool woke a thread
            // through a futex on nearly every first-seen call (3% of a call's CPU), for work of a few µs.
            .executor(Runnable::run).build();

    /**
     * Bodies whose elidable lines hold at least this many chars are skipped by the ranged parse: a body that
     * long is always elided (a marker's description is at most 90 chars), so its inside never matters.
     */
    static final int MIN_SKIPPED_BODY = 170;

    /**
     * The same for Python, whose marker for a function can also say "rest of docstring and " (22 chars
     * more); the skipped lines are always inside the elided range (which starts after the docstring's first
     * line and ends with the body).
     */
    static final int MIN_SKIPPED_PYTHON_BODY = MIN_SKIPPED_BODY + "rest of docstring and ".length();

    /** Fewest chars any range can have and still be elided: 80 plus the shortest description, "body of x()". */
    private static final int MIN_ELIDABLE = 80 + "body of x()".length();

    /** Whether the brace languages are parsed with function bodies left out (see {@link BodyScanner}). */
    private final boolean ranged;

    /** Whether trees come from {@link NativeTreeSitter} (else from the io.github.bonede bindings). */
    private final boolean nativeTrees;

    /** Creates the compressor; grammars and native libraries load on first use. */
    public CodeCompressor() {
        this(true);
    }

    /**
     * A compressor that parses every byte when {@code ranged} is false: the reference the ranged parse must
     * match byte for byte (tests compare the two).
     */
    CodeCompressor(boolean ranged) {
        this(ranged, NativeTreeSitter.available());
    }

    /**
     * A compressor that reads trees from our own tree-sitter build when {@code nativeTrees} (which must then
     * be {@link NativeTreeSitter#available()}), else from the bonede bindings; both give the same output.
     */
    CodeCompressor(boolean ranged, boolean nativeTrees) {
        if (nativeTrees && !NativeTreeSitter.available()) {
            throw new IllegalStateException("native tree-sitter unavailable: " + NativeTreeSitter.unavailable());
        }
        this.ranged = ranged;
        this.nativeTrees = nativeTrees;
    }

    /**
     * True when {@code query} (the newest user message) asks for work that needs every line of the code:
     * a request to fix, review, debug, edit, refactor and the like ("fix the loop", "can you review this"),
     * a problem report ("it crashes", "the test is failing"), a "why does it throw" question, or a line
     * number. A question that only mentions a topic ("where are errors handled") is not such a request.
     * The message pipeline may call this to skip code compression for a whole request; {@link #compress}
     * checks it too. See {@code EditIntent} for the exact rules.
     */
    public static boolean queryWantsFullCode(String query) {
        return EditIntent.asksToWorkOnCode(query);
    }

    @Override
    public Compressed compress(String content, CompressionContext context) {
        Compressed refused = LossyGuard.refuse(content, context, TRANSFORM, MAX_CHARS,
                c -> queryWantsFullCode(context.query()) ? "the request asks to work on the code; kept in full"
                        : c.indexOf('\0') >= 0 ? "binary content" : null);
        if (refused != null) {
            return refused;
        }
        return Compressor.failingOpen(content, TRANSFORM, () -> compressParsed(content, context));
    }

    private Compressed compressParsed(String content, CompressionContext context) {
        Lines lines = new Lines(content);
        // Agents resend the same tool output every turn: remember what the parse found, by content hash.
        String cacheKey = ContentKeys.sha256Prefix(content) + '|' + (context.toolName() == null ? ""
                : context.toolName());
        Analysis analysis = analyses.getIfPresent(cacheKey);
        if (analysis == null) {
            analysis = analyse(content, lines, context.toolName(), ranged, nativeTrees);
            if (analysis.cacheable()) {
                analyses.put(cacheKey, analysis);
            }
        }
        if (analysis.elisions() == null) {
            return Compressed.unchanged(content, TRANSFORM, analysis.why());
        }
        return assemble(content, lines, analysis.language(), analysis.elisions(), context);
    }

    /**
     * What one parse found: the language and ranges to elide, or why there are none; {@code ranged} when it
     * came from a parse that skipped function bodies.
     */
    record Analysis(SourceLanguage language, List<Elision> elisions, String why, boolean cacheable,
                    boolean ranged) {
        Analysis(SourceLanguage language, List<Elision> elisions, String why, boolean cacheable) {
            this(language, elisions, why, cacheable, false);
        }
    }

    /** The analysis of {@code content} as {@link #compress} would compute it, without the cache (for tests). */
    Analysis analyse(String content, String toolName) {
        return analyse(content, new Lines(content), toolName, ranged, nativeTrees);
    }

    private static Analysis analyse(String content, Lines lines, String toolName, boolean ranged,
                                    boolean nativeTrees) {
        SourceLanguage[] candidates = candidates(content, toolName);
        if (candidates.length == 0) {
            return new Analysis(null, null, "language not recognised", true);
        }
        String why = "does not parse cleanly";
        boolean cacheable = true;
        for (SourceLanguage lang : candidates) {
            if (!nativeTrees && grammar(lang) == null) {
                why = "tree-sitter unavailable: " + GRAMMARS.get(lang);
                continue;
            }
            if (ranged && BodyScanner.supports(lang)) {
                Analysis a = rangedAnalysis(lang, content, lines, nativeTrees);
                if (a != null) {
                    return a;
                }
            }
            try (SyntaxTree tree = parse(lang, content, null, nativeTrees)) {
                if (tree == null) {
                    why = "grammar " + lang.id() + " rejected by tree-sitter";
                    cacheable = false;
                    continue;
                }
                int root = tree.root();
                if (errorRows(tree, root) * 10 > lines.count()) {
                    why = "does not parse cleanly as " + lang.id();
                    continue;
                }
                List<Elision> found = new Walker(lang, lines, tree).walk(root);
                return new Analysis(lang, List.copyOf(nonOverlapping(found)), "", true);
            }
        }
        return new Analysis(null, null, why, cacheable);
    }

    /**
     * The analysis from a parse that leaves out the insides of long function bodies, or null when that
     * cannot be sure to equal the full parse's: the pre-pass was unsure, nothing worth skipping, the ranged
     * tree has an error, a skipped body is not the body of a function that was elided, or the skipped
     * bodies could hide enough errors to change whether the text counts as parsing cleanly.
     *
     * <p>Why it equals the full parse otherwise: the tree outside the skipped bodies is the same (the text
     * before each body is identical and the body's braces are tokens in both); the walker never looks inside
     * a body it elides; comments inside such a body are covered by its marker; and {@link #errorRows} can
     * grow by at most one row per top-level node holding a skipped body, which is checked against the limit.
     */
    private static Analysis rangedAnalysis(SourceLanguage lang, String content, Lines lines, boolean nativeTrees) {
        Plan plan = plan(content, lang, lines);
        if (plan == null) {
            return null;
        }
        List<int[]> bodies = plan.bodies();
        int[] bytes = plan.bytes();
        int m = bodies.size();
        try (SyntaxTree tree = parse(lang, content, plan.ranges(), nativeTrees)) {
            if (tree == null) {
                return null;
            }
            int root = tree.root();
            if (tree.hasError(root)) {
                return null;
            }
            Walker walker = new Walker(lang, lines, tree, bodies);
            List<Elision> kept = nonOverlapping(walker.walk(root));
            Set<Elision> keptSet = new HashSet<>(kept);
            int sure = 0;
            int[] sureBytes = new int[bytes.length];
            int shorts = 0;
            int[] shortBraces = new int[bytes.length];
            int[] kinds = new int[m];
            int tails = 0;
            int[] tailBytes = new int[bytes.length];
            for (int k = 0; k < m; k++) {
                if (bodies.get(k).length > 3 && bodies.get(k)[3] == UNION_TAIL) {
                    tailBytes[2 * tails] = bytes[2 * k];
                    tailBytes[2 * tails + 1] = bytes[2 * k + 1];
                    tails++;
                    continue;
                }
                if (!plan.sure()[k]) {
                    // A short body: its braces must be exactly a body node (checked below); its inside is too
                    // short for anything in it to be elided.
                    kinds[shorts] = bodies.get(k).length > 3 ? bodies.get(k)[3] : 0;
                    shortBraces[2 * shorts] = bytes[2 * k] - 1;
                    shortBraces[2 * shorts + 1] = bytes[2 * k + 1] + 1;
                    shorts++;
                    continue;
                }
                sureBytes[2 * sure] = bytes[2 * k];
                sureBytes[2 * sure + 1] = bytes[2 * k + 1];
                sure++;
                // The skipped text must lie inside the body node of a function whose marker is kept: the
                // walker never looks inside such a body. (The node can be larger than the braces, as with
                // a curried arrow function whose body is the inner function.)
                Map.Entry<Integer, int[]> e = walker.elidedBodies.floorEntry(bytes[2 * k] - 1);
                int[] hit = e == null ? null : e.getValue();
                if (hit == null || hit[0] < bytes[2 * k + 1] + 1 || !keptSet.contains(walker.out.get(hit[1]))) {
                    return null;
                }
            }
            if (shorts > 0 && !areBodyNodes(tree, Arrays.copyOf(shortBraces, 2 * shorts), kinds,
                    TYPE_ONLY.getOrDefault(lang, Set.of()))) {
                return null;
            }
            if (tails > 0 && !inTypeAliases(tree, root, Arrays.copyOf(tailBytes, 2 * tails))) {
                return null;
            }
            // (Counted over the long bodies only: a short body holding a syntax error is the documented
            // exception, like a long one whose error the full parse's recovery spreads.)
            if (sure * 10 > lines.count()
                    && topLevelHolders(tree, root, Arrays.copyOf(sureBytes, 2 * sure)) * 10 > lines.count()) {
                return null;
            }
            return new Analysis(lang, List.copyOf(kept), "", true, true);
        }
    }

    /**
     * True when the body's layout agrees with its braces: the closing brace starts its line, indented as the
     * line where the declaration starts, and every non-blank line inside is indented deeper than that line
     * (with the same leading characters). Braces
     * that balance by accident (a brace deleted in one function, one added in another) fail this, and so
     * does a body holding multi-line strings or labels at column 0; such a body is parsed, not skipped.
     */
    private static boolean laidOutAsBody(Lines lines, int close, int declStart, int first, int last) {
        int closeRow = last + 1;
        String indent = lines.indent(closeRow);
        if (lines.start(closeRow) + indent.length() != close || declStart < 0
                || !indent.equals(lines.indent(lines.rowOf(declStart)))) {
            return false;
        }
        for (int row = first; row <= last; row++) {
            int len = lines.length(row);
            if (lines.isBlank(row)) {
                continue;
            }
            int start = lines.start(row);
            if (len <= indent.length() || !lines.startsWith(row, indent)) {
                return false;
            }
            char next = lines.charAt(start + indent.length());
            if (next != ' ' && next != '\t') {
                return false;
            }
        }
        return true;
    }


    /**
     * The bodies to skip (char offsets of their braces), the UTF-8 byte offsets of the skipped text's
     * boundaries (open + 1, close per body) and the included ranges for tree-sitter.
     */
    record Plan(List<int[]> bodies, int[] bytes, int[] ranges, boolean[] sure) {
    }

    /**
     * Whether {@link #plan} also skips short and mid-length brace-language bodies and blocks of types (tests
     * and benchmarks turn it off to compare); long bodies are skipped either way.
     */
    static volatile boolean skipShortBodies = true;

    /** Fewest chars of a short body's inside worth a range of its own (each range costs the parser a little). */
    static final int MIN_SHORT_SKIP = 24;

    /** True when a row of first..last starts (after blanks) like a comment of {@code lang}. */
    private static boolean commentLike(Lines lines, int first, int last, SourceLanguage lang) {
        for (int row = first; row <= last; row++) {
            int ts = lines.stripStart(row);
            int te = lines.stripEnd(row);
            if (lines.regionStartsWith(ts, te, "/*") || lines.regionStartsWith(ts, te, lang.commentPrefix())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The most chars the walker's name of a function can have when its declaration's text before the body's
     * brace is {@code header} chars long: a name is a one-line slice of the declaration (or of what it is
     * assigned to, which the pre-pass counts into the declaration) of at most {@link #MAX_NAME} chars, or
     * "anonymous function". Only a proposal's bound: the check after the parse falls back to a full parse
     * when a body skipped on its strength is not elided after all.
     */
    private static int nameBound(int header) {
        return Math.max("anonymous function".length(), Math.min(MAX_NAME, header));
    }

    /**
     * The chars of a Go function's name when its declaration ({@code from} to the body's brace {@code to}) reads
     * {@code func Name(} or {@code func (receiver) Name(}, as the walker names it; else {@link #nameBound}.
     */
    static int goNameBound(String content, int from, int to) {
        int fallback = nameBound(to - from);
        if (from < 0 || !content.startsWith("func", from)) {
            return fallback;
        }
        int k = from + 4;
        while (k < to && content.charAt(k) == ' ') {
            k++;
        }
        if (k < to && content.charAt(k) == '(') {
            int depth = 0;
            for (; k < to; k++) {
                char c = content.charAt(k);
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    break;
                } else if (c == '\n') {
                    return fallback;
                }
            }
            k++;
            while (k < to && content.charAt(k) == ' ') {
                k++;
            }
        }
        int start = k;
        while (k < to && (Character.isLetterOrDigit(content.charAt(k)) || content.charAt(k) == '_')) {
            k++;
        }
        return k == start || k - start > MAX_NAME || k >= to || content.charAt(k) != '(' && content.charAt(k) != '['
                ? fallback : k - start;
    }

    /** What a ranged parse of {@code content} would skip, or null when nothing or the pre-pass is unsure. */
    static Plan plan(String content, SourceLanguage lang, Lines lines) {
        List<int[]> found = BodyScanner.find(content, lang);
        if (found == null) {
            return null;
        }
        boolean python = lang == SourceLanguage.PYTHON;
        boolean go = lang == SourceLanguage.GO;
        int min = python ? MIN_SKIPPED_PYTHON_BODY : MIN_SKIPPED_BODY;
        List<int[]> bodies = new ArrayList<>(found.size());
        boolean[] sure = new boolean[found.size()];
        for (int[] b : found) {
            int first = lines.rowOf(b[0]) + 1;
            int last = lines.rowOf(b[1]) - 1;
            if (python) {
                // A function whose elided range is surely long enough for its marker (checked after the parse
                // like the brace languages' long bodies); each left-out range worth a range of its own.
                int chars = last >= first ? lines.start(last) + lines.length(last) - lines.start(first) : 0;
                if (last >= first && (skipShortBodies ? b[3] >= 80 + b[4] && b[1] - b[0] - 1 >= MIN_SHORT_SKIP
                        : chars >= min)) {
                    sure[bodies.size()] = true;
                    bodies.add(new int[] {b[0], b[1], b[2]});
                }
                continue;
            }
            if (b.length > 3) {
                // A block of types (TYPE_ONLY: the walker never looks inside), skipped when the comment scan
                // would not ask the tree about any row inside it either.
                if (skipShortBodies && b[1] - b[0] - 1 >= MIN_SHORT_SKIP && !commentLike(lines, first, last, lang)
                        && (first == last + 2 || laidOutAsBody(lines, b[1], b[2], first, last))) {
                    bodies.add(b);
                }
                continue;
            }
            int chars = last >= first ? lines.start(last) + lines.length(last) - lines.start(first) : 0;
            // Long bodies are always elided (so are mid-length ones when the bound on their function's name says
            // so; checked after the parse like long ones). A brace-language body too short for anything inside
            // it to be elided (under MIN_ELIDABLE) is skipped too: no range inside it is ever elided, so its
            // inside does not matter either (checked after the parse: its braces must be a body node).
            boolean isLong = last >= first && (chars >= min || !python && skipShortBodies
                    && chars >= 80 + "body of ()".length() + (go ? goNameBound(content, b[2], b[0])
                    : nameBound(b[0] - b[2])));
            boolean isShort = !python && skipShortBodies && chars < MIN_ELIDABLE
                    && b[1] - b[0] - 1 >= MIN_SHORT_SKIP;
            // (The Python pre-pass checks the layout itself: its ranges are whole lines between statements.)
            // A body on one line ("{ return x; }") has no layout to check; the check after the parse (a
            // function's body node spanning exactly these braces, no error in the tree) is what trusts it.
            if ((isLong || isShort) && (python || isShort && first == last + 2
                    || laidOutAsBody(lines, b[1], b[2], first, last))) {
                sure[bodies.size()] = isLong;
                bodies.add(b);
            }
        }
        if (lang == SourceLanguage.TYPESCRIPT && skipShortBodies) {
            sure = unionTails(lines, lang, bodies, sure);
        }
        if ((lang == SourceLanguage.TYPESCRIPT || lang == SourceLanguage.JAVASCRIPT) && skipShortBodies) {
            sure = stringArrays(lines, bodies, sure);
        }
        if (bodies.isEmpty() || NativeTreeSitter.hasLoneSurrogate(content)) {
            // Lone surrogates are encoded as one '?' byte by the bindings: byte offsets would be guesswork.
            return null;
        }
        // (Leaving out comment insides too was tried: no faster, as tree-sitter's cost grows with the number
        // of ranges.)
        int count = 2 * bodies.size();
        int[] chars = new int[count];
        for (int k = 0; k < bodies.size(); k++) {
            chars[2 * k] = bodies.get(k)[0] + 1;
            chars[2 * k + 1] = bodies.get(k)[1];
        }
        // Byte offsets (UTF-8, as the bindings encode) and points of every range boundary, in one pass.
        int[] all = new int[count];
        int[] rows = new int[count];
        int[] columns = new int[count];
        int pos = 0;
        int byteAt = 0;
        for (int k = 0; k < count; k++) {
            byteAt += utf8Length(content, pos, chars[k]);
            pos = chars[k];
            all[k] = byteAt;
            int row = lines.rowOf(pos);
            rows[k] = row;
            columns[k] = utf8Length(content, lines.start(row), pos);
        }
        // Six ints per included range: start byte, end byte, start row, start column, end row, end column.
        int gaps = count / 2;
        int[] ranges = new int[6 * (gaps + 1)];
        int prevRow = 0;
        int prevColumn = 0;
        int prevByte = 0;
        for (int k = 0; k <= gaps; k++) {
            boolean last = k == gaps;
            ranges[6 * k] = prevByte;
            ranges[6 * k + 1] = last ? Integer.MAX_VALUE : all[2 * k];
            ranges[6 * k + 2] = prevRow;
            ranges[6 * k + 3] = prevColumn;
            ranges[6 * k + 4] = last ? Integer.MAX_VALUE : rows[2 * k];
            ranges[6 * k + 5] = last ? Integer.MAX_VALUE : columns[2 * k];
            if (!last) {
                prevRow = rows[2 * k + 1];
                prevColumn = columns[2 * k + 1];
                prevByte = all[2 * k + 1];
            }
        }
        return new Plan(bodies, all, ranges, Arrays.copyOf(sure, bodies.size()));
    }

    /** Marks a {@link #unionTails} entry of a plan's bodies (index 3; {@link BodyScanner#TYPE_BLOCK} is 1). */
    static final int UNION_TAIL = 2;

    /**
     * Adds to {@code bodies} (sorted by position, {@code sure} parallel to it) the tails of TypeScript type aliases
     * laid out as one union member per row: a row at column 0 {@code type X =} or {@code export type X =}, then
     * rows each starting with {@code |}, the last one ending with {@code ;}. The parse keeps the first member and
     * the {@code ;} (so the text parsed is a valid alias of one member) and leaves out the rows between, as
     * {@code {open, semicolon, declaration start, UNION_TAIL}} with "open" the newline before the first skipped
     * row. The walker never looks inside a {@code type_alias_declaration}; after the parse the skipped text must
     * lie inside one (at top level, maybe exported), else the text is parsed in full ({@link #inTypeAliases}).
     * Skipped only when no row inside starts like a comment (the comment scan would ask the tree about it) and
     * the tail overlaps no other skipped body. Returns the new {@code sure} (false for each tail).
     */
    private static boolean[] unionTails(Lines lines, SourceLanguage lang, List<int[]> bodies, boolean[] sure) {
        List<int[]> tails = null;
        int n = lines.count();
        for (int row = 0; row < n; row++) {
            int ts = lines.stripStart(row);
            int te = lines.stripEnd(row);
            if (ts != lines.start(row) || te - ts < 8
                    || !(lines.regionStartsWith(ts, te, "type ") || lines.regionStartsWith(ts, te, "export type "))) {
                continue;
            }
            if (lines.charAt(te - 1) != '=') {
                int[] tail = aliasTail(lines, row, ts, te);
                if (tail != null) {
                    if (tails == null) {
                        tails = new ArrayList<>();
                    }
                    tails.add(tail);
                    row = lines.rowOf(tail[1]);
                }
                continue;
            }
            if (row + 2 >= n) {
                continue;
            }
            int first = row + 1;
            int fs = lines.stripStart(first);
            int fe = lines.stripEnd(first);
            if (!lines.regionStartsWith(fs, fe, "|") || lines.charAt(fe - 1) == ';') {
                continue;
            }
            int last = first + 1;
            while (last < n) {
                int ls = lines.stripStart(last);
                int le = lines.stripEnd(last);
                if (!lines.regionStartsWith(ls, le, "|")) {
                    last = n;
                } else if (lines.charAt(le - 1) == ';') {
                    break;
                } else {
                    last++;
                }
            }
            if (last >= n) {
                continue;
            }
            int open = lines.start(first + 1) - 1;
            int semi = lines.stripEnd(last) - 1;
            if (semi - open - 1 >= MIN_SHORT_SKIP && !commentLike(lines, first + 1, last, lang)) {
                if (tails == null) {
                    tails = new ArrayList<>();
                }
                tails.add(new int[] {open, semi, ts, UNION_TAIL});
            }
            row = last;
        }
        return tails == null ? sure : mergeSkipped(bodies, sure, tails);
    }

    /**
     * Merges {@code added} (sorted by position, each {@code {start, end, ...}}) into {@code bodies} (sorted,
     * {@code sure} parallel to it) by position and returns the new {@code sure} (false for each added entry). An
     * added entry overlapping a body (it would be inside one) is dropped, except that an alias tail (an entry of
     * more than four ints) takes the place of the unsure type blocks that lie wholly inside it (its skipped text
     * holds them) and is stored with its first four ints.
     */
    private static boolean[] mergeSkipped(List<int[]> bodies, boolean[] sure, List<int[]> added) {
        List<int[]> merged = new ArrayList<>(bodies.size() + added.size());
        boolean[] mergedSure = new boolean[bodies.size() + added.size()];
        int i = 0;
        for (int[] t : added) {
            while (i < bodies.size() && bodies.get(i)[1] < t[0]) {
                mergedSure[merged.size()] = sure[i];
                merged.add(bodies.get(i++));
            }
            int inside = i;
            while (t.length > 4 && inside < bodies.size() && bodies.get(inside)[0] > t[0]
                    && bodies.get(inside)[1] < t[1] && bodies.get(inside).length > 3 && !sure[inside]) {
                inside++;
            }
            if (inside < bodies.size() && bodies.get(inside)[0] <= t[1]) {
                continue;
            }
            i = inside;
            merged.add(t.length > 4 ? Arrays.copyOf(t, 4) : t);
        }
        while (i < bodies.size()) {
            mergedSure[merged.size()] = sure[i];
            merged.add(bodies.get(i++));
        }
        bodies.clear();
        bodies.addAll(merged);
        return mergedSure;
    }

    /** Marks a {@link #stringArrays} entry of a plan's bodies (index 3). */
    static final int STRING_ARRAY = 3;

    /**
     * Adds to {@code bodies} (sorted by position, {@code sure} parallel to it) the insides of JavaScript and
     * TypeScript array literals laid out as one string per row: a row ending with {@code [}, then rows each
     * holding only a quoted string without escapes or quotes of the other kind inside and a comma, then a row
     * starting with {@code ]}, as {@code {open bracket, close bracket, open bracket, STRING_ARRAY}}. Nothing inside
     * such an array can be elided or asked about (no function, no comment, no node of three rows), so the parse
     * leaves it out; after the parse the brackets must be exactly an {@code array} node ({@link #areBodyNodes}),
     * else the text is parsed in full (a look-alike inside a comment or template string). Skipped only when the
     * inside holds at least {@link #MIN_SHORT_SKIP} chars and overlaps nothing else skipped. Returns the new
     * {@code sure} (false for each array).
     */
    private static boolean[] stringArrays(Lines lines, List<int[]> bodies, boolean[] sure) {
        List<int[]> arrays = null;
        int n = lines.count();
        for (int row = 0; row + 2 < n; row++) {
            int te = lines.stripEnd(row);
            if (te <= lines.start(row) || lines.charAt(te - 1) != '[') {
                continue;
            }
            int last = row + 1;
            while (last < n && isStringRow(lines, last)) {
                last++;
            }
            int cs = last < n ? lines.stripStart(last) : -1;
            if (last == row + 1 || last == n || cs >= lines.stripEnd(last) || lines.charAt(cs) != ']') {
                continue;
            }
            if (cs - te >= MIN_SHORT_SKIP) {
                if (arrays == null) {
                    arrays = new ArrayList<>();
                }
                arrays.add(new int[] {te - 1, cs, te - 1, STRING_ARRAY});
            }
            row = last;
        }
        return arrays == null ? sure : mergeSkipped(bodies, sure, arrays);
    }

    /** True when the row holds only a string literal ('...' or "..." without backslashes) and a comma, indented. */
    private static boolean isStringRow(Lines lines, int row) {
        int s = lines.stripStart(row);
        int e = lines.stripEnd(row);
        if (s == lines.start(row) || e - s < 3) {
            return false;
        }
        char q = lines.charAt(s);
        if (q != '"' && q != '\'') {
            return false;
        }
        int end = lines.charAt(e - 1) == ',' ? e - 1 : e;
        if (end - s < 2 || lines.charAt(end - 1) != q) {
            return false;
        }
        for (int i = s + 1; i < end - 1; i++) {
            char c = lines.charAt(i);
            if (c == q || c == '\\' || c == '`') {
                return false;
            }
        }
        return true;
    }

    /** Keywords that cannot stand alone as a type: {@code type X = keyof;} would not parse. */
    private static final Set<String> TYPE_OPERATORS = Set.of("keyof", "typeof", "readonly", "unique", "infer", "new",
            "abstract", "asserts", "is", "extends", "import");

    /**
     * The tail of a TypeScript type alias that starts at column 0 on {@code row} ({@code ts..te} its stripped
     * text, starting with {@code type } or {@code export type }) as {@code type X<...> = Name<rest>;}: the alias's
     * value starts with a plain name, so the parse can keep {@code type X<...> = Name} and the {@code ;} (a valid
     * alias of that one name, with the same first and last rows) and leave out the rest. Returns {@code {last char
     * of the name, the ;, ts, UNION_TAIL, 1}} (the fifth int marks an alias tail for the merge in
     * {@link #unionTails}), or null. Only when the rest is plain: no quote, backtick or slash (no string, template
     * or comment whose text could fool the bracket count), brackets that never close more than they open, the
     * first {@code ;} outside them ending its row, every row after the first indented or starting with a closing
     * bracket (a statement at column 0 means the alias ended without a {@code ;}), and at least
     * {@link #MIN_SHORT_SKIP} chars left out. After the parse the left-out text must lie inside a top-level
     * {@code type_alias_declaration}, as for a union tail ({@link #inTypeAliases}), else the text is parsed in full.
     */
    private static int[] aliasTail(Lines lines, int row, int ts, int te) {
        int p = ts + (lines.charAt(ts) == 'e' ? "export type ".length() : "type ".length());
        int nameStart = p;
        while (p < te && isNameChar(lines.charAt(p))) {
            p++;
        }
        if (p == nameStart) {
            return null;
        }
        if (p < te && lines.charAt(p) == '<') {
            // Type parameters, with defaults ("U = string") and arrows ("=>") inside.
            int depth = 0;
            for (; p < te; p++) {
                char c = lines.charAt(p);
                if (c == '<') {
                    depth++;
                } else if (c == '>' && lines.charAt(p - 1) != '=' && --depth == 0) {
                    p++;
                    break;
                }
            }
            if (depth != 0) {
                return null;
            }
        }
        if (p + 3 >= te || lines.charAt(p) != ' ' || lines.charAt(p + 1) != '=' || lines.charAt(p + 2) != ' ') {
            return null;
        }
        int value = p + 3;
        int q = value;
        while (q < te && isNameChar(lines.charAt(q))) {
            q++;
        }
        char first = lines.charAt(value);
        if (q == value || first >= '0' && first <= '9'
                || TYPE_OPERATORS.contains(lines.text(row).substring(value - ts, q - ts))) {
            return null;
        }
        int open = q - 1;
        int depth = 0;
        int end = lines.length(lines.count() - 1) + lines.start(lines.count() - 1);
        int r = row;
        int rowEnd = te;
        for (int i = q; i < end; i++) {
            char c = lines.charAt(i);
            if (c == '\n') {
                r++;
                int s = lines.stripStart(r);
                rowEnd = lines.stripEnd(r);
                char c0 = s < rowEnd ? lines.charAt(s) : '\n';
                if (s == rowEnd || s == lines.start(r) && c0 != '}' && c0 != ')' && c0 != ']') {
                    return null;
                }
            } else if (c == '\'' || c == '"' || c == '`' || c == '/') {
                return null;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth < 0) {
                    return null;
                }
            } else if (c == ';' && depth == 0) {
                if (i != rowEnd - 1 || i - open - 1 < MIN_SHORT_SKIP) {
                    return null;
                }
                return new int[] {open, i, ts, UNION_TAIL, 1};
            }
        }
        return null;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$';
    }

    /**
     * True when each pair of {@code bytes} (first skipped byte and the byte of the {@code ;}, sorted) lies inside
     * a {@code type_alias_declaration} that is a child of the root or of an {@code export_statement} child of the
     * root: the walker never looks inside one, and the rows of every node it does look at are the same.
     */
    private static boolean inTypeAliases(SyntaxTree tree, int root, int[] bytes) {
        int n = tree.childCount(root);
        int i = 0;
        for (int k = 0; k < bytes.length; k += 2) {
            while (i < n && tree.endByte(tree.child(root, i)) <= bytes[k + 1]) {
                i++;
            }
            if (i == n) {
                return false;
            }
            int node = tree.child(root, i);
            if ("export_statement".equals(tree.type(node))) {
                int m = tree.childCount(node);
                int found = SyntaxTree.NONE;
                for (int j = 0; j < m && found == SyntaxTree.NONE; j++) {
                    int c = tree.child(node, j);
                    if (tree.startByte(c) < bytes[k] && tree.endByte(c) > bytes[k + 1]) {
                        found = c;
                    }
                }
                node = found;
            }
            if (node == SyntaxTree.NONE || !"type_alias_declaration".equals(tree.type(node))
                    || tree.startByte(node) >= bytes[k] || tree.endByte(node) <= bytes[k + 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when each pair of {@code braces} (start and end byte, sorted, disjoint) is exactly a node of a body
     * type ({@link #BODIES}); for the k-th pair when {@code kinds[k]} is {@link BodyScanner#TYPE_BLOCK}, a node
     * that is or whose parent is of a type in {@code typeOnly} (which the walker never looks inside); when it is
     * {@link #STRING_ARRAY}, an {@code array} node: the pre-pass paired those braces as tree-sitter did. One pass
     * of the cursor, which must be at the root, over the nodes before and around the pairs; leaves the cursor
     * anywhere.
     */
    private static boolean areBodyNodes(SyntaxTree tree, int[] braces, int[] kinds, Set<String> typeOnly) {
        int n = braces.length / 2;
        // (At the root the cursor has no parent; anywhere else, give up rather than guess.)
        if (tree.gotoParent() || !tree.gotoFirstChild()) {
            return false;
        }
        int depth = 1;
        int k = 0;
        while (true) {
            int node = tree.current();
            int start = tree.startByte(node);
            int end = tree.endByte(node);
            if (end > braces[2 * k]) {
                if (start > braces[2 * k] || end < braces[2 * k + 1]) {
                    return false;
                }
                if (start == braces[2 * k] && end == braces[2 * k + 1] && (kinds[k] == BodyScanner.TYPE_BLOCK
                        ? typeOnly.contains(tree.type(node)) || typeOnly.contains(tree.type(tree.parent(node)))
                        : kinds[k] == STRING_ARRAY ? "array".equals(tree.type(node))
                        : BODIES.contains(tree.type(node)))) {
                    if (++k == n) {
                        return true;
                    }
                } else {
                    if (!tree.gotoFirstChild()) {
                        return false;
                    }
                    depth++;
                    continue;
                }
            }
            while (!tree.gotoNextSibling()) {
                if (!tree.gotoParent() || --depth == 0) {
                    return false;
                }
            }
        }
    }

    /** How many children of the root hold at least one skipped body (given by its byte boundaries). */
    private static int topLevelHolders(SyntaxTree tree, int root, int[] bytes) {
        int holders = 0;
        int k = 0;
        int n = tree.childCount(root);
        for (int i = 0; i < n && k < bytes.length; i++) {
            int child = tree.child(root, i);
            int start = tree.startByte(child);
            int end = tree.endByte(child);
            boolean holds = false;
            while (k < bytes.length && bytes[k] < end) {
                if (bytes[k] >= start) {
                    holds = true;
                } else {
                    holders++;
                }
                k += 2;
            }
            if (holds) {
                holders++;
            }
        }
        return holders + (bytes.length - k) / 2;
    }

    /** UTF-8 length of {@code s[from, to)}; surrogate pairs are 4 bytes (no lone surrogates here). */
    private static int utf8Length(String s, int from, int to) {
        int len = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                len++;
            } else if (c < 0x800) {
                len += 2;
            } else if (Character.isHighSurrogate(c)) {
                len += 4;
                i++;
            } else {
                len += 3;
            }
        }
        return len;
    }

    private static SourceLanguage[] candidates(String content, String toolName) {
        SourceLanguage byPath = SourceLanguage.forPath(toolName);
        if (byPath == null) {
            byPath = LanguageGuesser.fromHeader(content);
        }
        if (byPath != null) {
            return new SourceLanguage[] {byPath};
        }
        SourceLanguage[] ranked = LanguageGuesser.rank(content);
        // Try at most the two best guesses: parsing is the expensive part.
        return ranked.length > 2 ? Arrays.copyOf(ranked, 2) : ranked;
    }

    private static synchronized TSLanguage grammar(SourceLanguage lang) {
        Object g = GRAMMARS.get(lang);
        if (g == null) {
            try {
                ensureTempDir();
                g = lang.newGrammar();
            } catch (RuntimeException | LinkageError e) {
                // Remember the failure: retrying a native load that failed once only fails again, slowly.
                g = e.toString();
            }
            GRAMMARS.put(lang, g);
        }
        return g instanceof TSLanguage t ? t : null;
    }

    /** The JNI bindings extract their libraries to java.io.tmpdir with createTempFile, which needs the directory. */
    private static void ensureTempDir() {
        String tmp = System.getProperty("java.io.tmpdir");
        if (tmp != null && !tmp.isEmpty()) {
            try {
                Files.createDirectories(Path.of(tmp));
            } catch (IOException | RuntimeException e) {
                // Loading reports the real problem if the directory is unusable.
            }
        }
    }

    /** Rows covered by ERROR nodes among the root's children; the root itself being an error counts all rows. */
    private static int errorRows(SyntaxTree tree, int root) {
        if (!tree.hasError(root)) {
            return 0;
        }
        if (tree.isError(root)) {
            return rows(tree, root);
        }
        int total = 0;
        int n = tree.childCount(root);
        for (int i = 0; i < n; i++) {
            int child = tree.child(root, i);
            if (tree.isError(child) || tree.isMissing(child)) {
                total += rows(tree, child);
            } else if (tree.hasError(child)) {
                total += 1;
            }
        }
        return total;
    }

    private static int rows(SyntaxTree tree, int node) {
        return tree.endRow(node) - tree.startRow(node) + 1;
    }

    /**
     * Parses {@code content} in {@code lang}, within the included {@code ranges} (six ints each, see
     * {@link Plan}) when not null; null when tree-sitter refuses the language or the ranges.
     */
    private static SyntaxTree parse(SourceLanguage lang, String content, int[] ranges, boolean nativeTrees) {
        if (nativeTrees) {
            return NativeTreeSitter.parse(lang, content, ranges);
        }
        try (TSParser parser = new TSParser()) {
            if (!parser.setLanguage(grammar(lang)) || (ranges != null && !parser.setIncludedRanges(tsRanges(ranges)))) {
                return null;
            }
            return new BonedeTree(parser.parseString(null, content));
        }
    }

    private static TSRange[] tsRanges(int[] r) {
        TSRange[] out = new TSRange[r.length / 6];
        for (int k = 0; k < out.length; k++) {
            out[k] = new TSRange(new TSPoint(r[6 * k + 2], r[6 * k + 3]), new TSPoint(r[6 * k + 4], r[6 * k + 5]),
                    r[6 * k], r[6 * k + 1]);
        }
        return out;
    }

    private static Compressed assemble(String content, Lines lines, SourceLanguage lang, List<Elision> elisions,
                                       CompressionContext context) {
        long omittedChars = 0;
        int omittedLines = 0;
        for (Elision e : elisions) {
            omittedChars += lines.start(e.last()) + lines.length(e.last()) - lines.start(e.first());
            omittedLines += e.last() - e.first() + 1;
        }
        if (elisions.isEmpty() || omittedChars < content.length() * MIN_SAVINGS) {
            return Compressed.unchanged(content, TRANSFORM, "no " + lang.id() + " bodies long enough to omit");
        }
        StringBuilder out = new StringBuilder((int) Math.min(Integer.MAX_VALUE, content.length() - omittedChars + 128L
                * elisions.size()));
        List<String> keys = new ArrayList<>(elisions.size());
        int row = 0;
        int next = 0;
        while (row < lines.count()) {
            Elision e = next < elisions.size() ? elisions.get(next) : null;
            if (e != null && e.first() == row) {
                String original = content.substring(lines.start(e.first()), lines.start(e.last())
                        + lines.length(e.last()));
                String key = context.offload(original, TRANSFORM);
                keys.add(key);
                out.append(lines.indent(e.first())).append(lang.commentPrefix()).append(' ')
                        .append(Markers.omitted("lines " + Markers.range(e.first() + 1L, e.last() + 1L) + ": "
                                + e.what(), key))
                        .append(content, lines.start(e.last()) + lines.length(e.last()), lines.next(e.last()));
                row = e.last() + 1;
                next++;
            } else {
                out.append(content, lines.start(row), lines.next(row));
                row++;
            }
        }
        String note = lang.id() + ": omitted " + Markers.units(omittedLines, "line", "lines") + " in "
                + Markers.units(elisions.size(), "range", "ranges") + " (bodies, long comments)";
        return Compressed.lossy(out.toString(), TRANSFORM, keys, note);
    }

    private static List<Elision> nonOverlapping(List<Elision> found) {
        List<Elision> sorted = new ArrayList<>(found);
        sorted.sort((a, b) -> a.first() != b.first() ? Integer.compare(a.first(), b.first())
                : Integer.compare(b.last(), a.last()));
        List<Elision> out = new ArrayList<>(sorted.size());
        int lastEnd = -1;
        for (Elision e : sorted) {
            if (e.first() > lastEnd) {
                out.add(e);
                lastEnd = e.last();
            }
        }
        return out;
    }

    /** A range of 0-based rows to replace by one marker, and what it holds. */
    record Elision(int first, int last, String what) {
    }

    /**
     * Finds the ranges to elide in one parse tree. On the bonede path every call that takes a node costs
     * about 2 µs (the bindings look up classes and fields on each call); on ours most questions are array
     * reads ({@link FlatTree}). Either way the walk only visits nodes that could hold a range (see
     * {@link #walk}), and comments are found by a line scan and only confirmed against the tree. (A tree-sitter query for the function types cost more: it visits every node, in
     * native code built without optimisation.)
     */
    private static final class Walker {
        private final SourceLanguage lang;
        private final Set<String> typeOnly;
        private final Lines lines;
        private final SyntaxTree tree;
        private final List<Elision> out = new ArrayList<>();
        /** Bodies left out of the parse as char offsets of their braces, or null for a full parse. */
        private final List<int[]> skipped;
        /** For a ranged parse: start byte of each elided body to {end byte, index in out}. */
        private final TreeMap<Integer, int[]> elidedBodies = new TreeMap<>();

        Walker(SourceLanguage lang, Lines lines, SyntaxTree tree) {
            this(lang, lines, tree, null);
        }

        Walker(SourceLanguage lang, Lines lines, SyntaxTree tree, List<int[]> skipped) {
            this.lang = lang;
            this.lines = lines;
            this.tree = tree;
            this.skipped = skipped;
            this.typeOnly = TYPE_ONLY.getOrDefault(lang, Set.of());
        }

        /** True when char offset {@code pos} is strictly inside a skipped body. */
        private boolean inSkipped(int pos) {
            int lo = 0;
            int hi = skipped.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int[] b = skipped.get(mid);
                if (pos <= b[0]) {
                    hi = mid - 1;
                } else if (pos >= b[1]) {
                    lo = mid + 1;
                } else {
                    return true;
                }
            }
            return false;
        }

        /** Rows up to this one are inside an omitted range: nothing in them needs a look. */
        private int covered = -1;

        /**
         * Finds the outermost function-like nodes (and, for Python, module and class docstrings) by walking
         * the tree with one cursor, in document order. Only nodes spanning three or more rows can hold a
         * range to elide, so nothing else is descended into, nor is anything inside an omitted body: on a
         * typical file that is a few hundred nodes instead of every token, which matters on the bonede path,
         * where each node accessor is a JNI call costing about 2 µs.
         */
        List<Elision> walk(int root) {
            if (lang == SourceLanguage.PYTHON && "module".equals(tree.type(root))) {
                pythonLeadingDocstrings(root);
            }
            descend(tree);
            comments();
            return out;
        }

        /**
         * Visits the children of the cursor's node, and theirs, as described in {@link #walk}. A node's start
         * row is cheap on both paths (the bonede path reads it from the node object, {@link NodeStart}); its
         * end row costs a JNI call on the bonede path, so it is asked only
         * when the start row of the next sibling (or the end row of the parent, for a last child), an upper
         * bound of the end row, leaves room for a node of three rows past the covered ones: most nodes are
         * one-line statements followed by the next one.
         */
        private void descend(SyntaxTree cursor) {
            if (!cursor.gotoFirstChild()) {
                return;
            }
            int depth = 1;
            // End rows of the nodes being visited the children of; the root's is at most the row count.
            int[] parentEnds = new int[16];
            parentEnds[0] = lines.count();
            int node = cursor.current();
            // Iterative pre-order walk: deep nesting must not overflow the Java stack.
            while (true) {
                int start = tree.startRow(node);
                int next = cursor.gotoNextSibling() ? cursor.current() : SyntaxTree.NONE;
                int bound = next != SyntaxTree.NONE ? tree.startRow(next) : parentEnds[depth - 1];
                boolean into = false;
                int end = -1;
                if (bound - start >= 2 && bound > covered) {
                    end = tree.endRow(node);
                    if (end - start >= 2 && end > covered) {
                        String type = tree.type(node);
                        sealed = false;
                        if (FUNCTIONS.contains(type)) {
                            if (start > covered) {
                                covered = Math.max(covered, function(node, start, end));
                            }
                        } else if (lang == SourceLanguage.PYTHON && "class_definition".equals(type)) {
                            int body = tree.childByField(node, "body");
                            if (body != SyntaxTree.NONE && "block".equals(tree.type(body))) {
                                pythonLeadingDocstrings(body);
                            }
                        }
                        into = end > covered && !typeOnly.contains(type) && !sealed;
                    }
                }
                if (into) {
                    if (next != SyntaxTree.NONE) {
                        cursor.gotoPreviousSibling();
                    }
                    if (cursor.gotoFirstChild()) {
                        if (depth == parentEnds.length) {
                            parentEnds = Arrays.copyOf(parentEnds, depth * 2);
                        }
                        parentEnds[depth++] = end;
                        node = cursor.current();
                        continue;
                    }
                    if (next != SyntaxTree.NONE) {
                        cursor.gotoNextSibling();
                    }
                }
                if (next != SyntaxTree.NONE) {
                    node = next;
                    continue;
                }
                // Last child: climb until an ancestor has a next sibling.
                node = SyntaxTree.NONE;
                while (node == SyntaxTree.NONE) {
                    cursor.gotoParent();
                    if (--depth == 0) {
                        return;
                    }
                    if (cursor.gotoNextSibling()) {
                        node = cursor.current();
                    }
                }
            }
        }

        /**
         * A docstring: a string statement that is the first named child of a module or a class body; each
         * long one keeps its first and last lines.
         */
        private void pythonLeadingDocstrings(int parent) {
            if (tree.namedChildCount(parent) == 0) {
                return;
            }
            int first = tree.namedChild(parent, 0);
            if (!"expression_statement".equals(tree.type(first))) {
                return;
            }
            int n = tree.namedChildCount(first);
            for (int i = 0; i < n; i++) {
                int str = tree.namedChild(first, i);
                if (!"string".equals(tree.type(str))) {
                    continue;
                }
                int start = tree.startRow(str);
                int end = tree.endRow(str);
                if (start > covered && end - start >= 2) {
                    pythonDocstring(str);
                }
            }
        }

        /** Block comments and runs of line comments, found by text and confirmed as comment nodes. */
        private void comments() {
            int n = lines.count();
            int row = 0;
            // Each row's text is read as its stripped region of the input (no substring per row): t below is
            // lines.text(row).strip().
            String prefix = lang.commentPrefix();
            while (row < n) {
                int ts = lines.stripStart(row);
                int te = lines.stripEnd(row);
                if (lines.regionStartsWith(ts, te, "/*") && !lines.regionContains(ts, te, "*/")) {
                    int end = row + 1;
                    while (end < n && !lines.regionContains(lines.start(end), lines.start(end) + lines.length(end),
                            "*/")) {
                        end++;
                    }
                    if (end < n && end - row >= 2 && isComment(row)) {
                        int keep = te - ts <= 3 && row + 1 < end ? row + 1 : row;
                        add(keep + 1, end - 1, "rest of comment");
                    }
                    row = end + 1;
                    continue;
                }
                if (lines.regionStartsWith(ts, te, prefix) && !lines.regionContains(ts, te, "; retrieve: ")) {
                    int end = row;
                    while (end + 1 < n && lines.regionStartsWith(lines.stripStart(end + 1), lines.stripEnd(end + 1),
                            prefix)) {
                        end++;
                    }
                    if (end - row >= 3 && isComment(row)) {
                        add(row + 1, end, "rest of comment");
                    }
                    row = end + 1;
                    continue;
                }
                row++;
            }
        }

        private boolean isComment(int row) {
            int col = lines.indent(row).length();
            if (skipped != null && inSkipped(lines.start(row) + col)) {
                // Not parsed; the body's own marker covers this row (checked after the walk).
                return false;
            }
            String type = tree.typeAt(row, col);
            return type != null && type.contains("comment");
        }

        /** Set by {@link #function} when nothing inside the function it looked at can be elided. */
        private boolean sealed;

        /**
         * Elides the body of one function; returns the last row elided or covered, or -1. When the body is
         * too short to elide and also too short to hold anything elidable (the shortest marker description,
         * "body of x()", needs 91 chars), and the signature fits on two rows, sets {@link #sealed} so the walk
         * does not visit the function's statements: each visit costs JNI calls, and short functions are most
         * functions.
         */
        private int function(int node, int start, int end) {
            int body = tree.childByField(node, "body");
            if (body == SyntaxTree.NONE) {
                // Some grammars (Go's, as bundled) do not expose the "body" field: take the last block child.
                for (int i = tree.namedChildCount(node) - 1; i >= 0 && body == SyntaxTree.NONE; i--) {
                    int child = tree.namedChild(node, i);
                    if (BODIES.contains(tree.type(child))) {
                        body = child;
                    }
                }
                if (body == SyntaxTree.NONE) {
                    return -1;
                }
            }
            int bodyStart = tree.startRow(body);
            int bodyEnd = tree.endRow(body);
            if (bodyEnd - bodyStart < 1) {
                return -1;
            }
            if (lang != SourceLanguage.PYTHON && rowsChars(bodyStart + 1, bodyEnd - 1) < MIN_ELIDABLE) {
                // add() would refuse whatever the name: skip the name lookup, and maybe the inside.
                sealed = end == bodyEnd && bodyStart - start < 2 && bodyEnd < lines.count()
                        && rowsChars(bodyStart, bodyEnd) < MIN_ELIDABLE;
                return -1;
            }
            String name = "body of " + name(node) + "()";
            if (lang == SourceLanguage.PYTHON && "block".equals(tree.type(body))) {
                int first = bodyStart == start ? bodyStart + 1 : bodyStart;
                String what = name;
                int doc = docstring(body);
                if (doc != SyntaxTree.NONE && tree.startRow(doc) == first) {
                    if (tree.endRow(doc) > first) {
                        what = "rest of docstring and " + name;
                    }
                    first++;
                }
                return elided(body, first, bodyEnd, what) ? bodyEnd : -1;
            }
            return elided(body, bodyStart + 1, bodyEnd - 1, name) ? bodyEnd : -1;
        }

        /** Elides rows first..last of a function's body, remembering the body for a ranged parse's check. */
        private boolean elided(int body, int first, int last, String what) {
            if (!add(first, last, what)) {
                return false;
            }
            if (skipped != null) {
                elidedBodies.put(tree.startByte(body), new int[] {tree.endByte(body), out.size() - 1});
            }
            return true;
        }

        /** Keeps the first and last lines of a long class or module docstring. */
        private void pythonDocstring(int doc) {
            int s = tree.startRow(doc);
            int e = tree.endRow(doc);
            add(s + 1, e - 1, "rest of docstring");
        }

        private int docstring(int block) {
            if (tree.namedChildCount(block) == 0) {
                return SyntaxTree.NONE;
            }
            int first = tree.namedChild(block, 0);
            if (!"expression_statement".equals(tree.type(first)) || tree.namedChildCount(first) == 0) {
                return SyntaxTree.NONE;
            }
            int str = tree.namedChild(first, 0);
            return "string".equals(tree.type(str)) ? str : SyntaxTree.NONE;
        }

        /** Chars of rows first..last without the last terminator, as {@link #add} counts them; 0 when empty. */
        private int rowsChars(int first, int last) {
            if (first > last || first < 0 || last >= lines.count()) {
                return 0;
            }
            return lines.start(last) + lines.length(last) - lines.start(first);
        }

        private boolean add(int first, int last, String what) {
            if (first > last || first < 0 || last >= lines.count()) {
                return false;
            }
            int chars = lines.start(last) + lines.length(last) - lines.start(first);
            // The marker is about 60 chars plus the description; eliding less than that saves nothing.
            if (chars < 80 + what.length()) {
                return false;
            }
            out.add(new Elision(first, last, what));
            return true;
        }

        private String name(int fn) {
            int n = tree.childByField(fn, "name");
            if (n == SyntaxTree.NONE) {
                int d = tree.childByField(fn, "declarator");
                for (int depth = 0; d != SyntaxTree.NONE && depth < 8; depth++) {
                    String t = tree.type(d);
                    if (t.endsWith("identifier") || "destructor_name".equals(t) || "operator_name".equals(t)) {
                        n = d;
                        break;
                    }
                    int inner = tree.childByField(d, "declarator");
                    if (inner == SyntaxTree.NONE) {
                        inner = tree.childByField(d, "name");
                    }
                    d = inner;
                }
            }
            if (n == SyntaxTree.NONE) {
                int parent = tree.parent(fn);
                if (parent != SyntaxTree.NONE) {
                    String pt = tree.type(parent);
                    if ("variable_declarator".equals(pt) || "pair".equals(pt) || "public_field_definition".equals(pt)
                            || "field_definition".equals(pt)) {
                        n = tree.childByField(parent, "name");
                        if (n == SyntaxTree.NONE) {
                            n = tree.childByField(parent, "key");
                        }
                        if (n == SyntaxTree.NONE) {
                            n = tree.childByField(parent, "property");
                        }
                    } else if ("assignment_expression".equals(pt)) {
                        n = tree.childByField(parent, "left");
                    }
                }
            }
            String text = n == SyntaxTree.NONE ? null : lines.slice(tree, n);
            return text == null || text.isEmpty() ? "anonymous function" : text;
        }
    }

    /** Line boundaries of the input; rows end at '\n' as tree-sitter counts them, "\r" stays with its line. */
    static final class Lines {
        private final String text;
        private final int[] starts;
        private final int count;

        Lines(String text) {
            this.text = text;
            int length = text.length();
            // One pass with indexOf (a vectorised intrinsic), into an array sized for lines of about 24 chars and
            // grown when short; starts[row] for each row, then the text's length.
            int[] s = new int[Math.max(8, length / 24 + 2)];
            int newlines = 0;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                if (newlines + 2 >= s.length) {
                    s = Arrays.copyOf(s, s.length * 2);
                }
                s[++newlines] = i + 1;
            }
            // A final '\n' ends the last line; it does not start an empty one.
            int n = length > 0 && text.charAt(length - 1) == '\n' ? newlines : newlines + 1;
            s[n] = length;
            starts = s;
            count = n;
        }

        int count() {
            return count;
        }

        /** The row holding char offset {@code pos} (0 &lt;= pos &lt; text length). */
        int rowOf(int pos) {
            int lo = 0;
            int hi = count - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= pos) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        int start(int row) {
            return starts[row];
        }

        /** Start of the next line, i.e. the end of this line including its terminator. */
        int next(int row) {
            return starts[row + 1];
        }

        /** Length of the line without "\n" or "\r\n". */
        int length(int row) {
            int end = starts[row + 1];
            if (end > starts[row] && text.charAt(end - 1) == '\n') {
                end--;
                if (end > starts[row] && text.charAt(end - 1) == '\r') {
                    end--;
                }
            }
            return end - starts[row];
        }

        String text(int row) {
            return text.substring(starts[row], starts[row] + length(row));
        }

        /** Where {@code text(row).strip()} starts in the input (String.strip's whitespace, all in the BMP). */
        int stripStart(int row) {
            int i = starts[row];
            int e = i + length(row);
            while (i < e && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return i;
        }

        /** Where {@code text(row).strip()} ends in the input. */
        int stripEnd(int row) {
            int s = stripStart(row);
            int e = starts[row] + length(row);
            while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            return e;
        }

        /** {@code text.substring(from, to).startsWith(prefix)} without the substring. */
        boolean regionStartsWith(int from, int to, String prefix) {
            return to - from >= prefix.length() && text.startsWith(prefix, from);
        }

        /** {@code text.substring(from, to).contains(s)} without the substring. */
        boolean regionContains(int from, int to, String s) {
            // Bounded by the region: indexOf would scan the rest of the input when a line lacks s.
            char first = s.charAt(0);
            for (int i = from, last = to - s.length(); i <= last; i++) {
                if (text.charAt(i) == first && text.startsWith(s, i)) {
                    return true;
                }
            }
            return false;
        }

        boolean isBlank(int row) {
            int s = starts[row];
            int e = s + length(row);
            for (int i = s; i < e; i++) {
                char c = text.charAt(i);
                if (c != ' ' && c != '\t' && c != '\f') {
                    return false;
                }
            }
            return true;
        }

        boolean startsWith(int row, String prefix) {
            return text.startsWith(prefix, starts[row]);
        }

        char charAt(int index) {
            return text.charAt(index);
        }

        String indent(int row) {
            int s = starts[row];
            int e = s + length(row);
            int i = s;
            while (i < e && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            return text.substring(s, i);
        }

        /** The text of a single-line node, from its byte columns; null when it spans lines or looks wrong. */
        String slice(SyntaxTree tree, int node) {
            int row = tree.startRow(node);
            if (row != tree.endRow(node) || row >= count) {
                return null;
            }
            byte[] bytes = text(row).getBytes(StandardCharsets.UTF_8);
            int from = tree.startColumn(node);
            int to = tree.endColumn(node);
            if (from < 0 || to > bytes.length || from >= to || to - from > MAX_NAME) {
                return null;
            }
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
    }
}
