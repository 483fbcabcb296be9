package io.headroom4j.compress.json;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Markers;

/**
 * Compresses JSON tool output: API list responses, database rows, search results, JSON lines.
 *
 * <p><b>Lossless first.</b> Every array of two or more objects becomes a table (field names once, then one
 * line per item, nested objects as dotted columns, constant columns stated once; the format is in
 * {@code docs/compressors.md} and {@link JsonTables#decode} reverses it exactly); the rest of the document
 * is written as compact JSON. The result is used when it saves at least
 * {@link io.headroom4j.HeadroomConfig#jsonTableMinSavings()} of the tokens (transform {@value #TABLE}, or
 * {@value #MINIFY} when only whitespace went).
 *
 * <p><b>Lossy, only when allowed</b> ({@link CompressionContext#allowsLossy()}), on content of at least
 * {@link io.headroom4j.HeadroomConfig#lossyMinTokens()} tokens that the lossless form leaves at that size or
 * more: each array of more than {@value ItemSelector#MIN_ITEMS} items keeps the items {@link ItemSelector}
 * chooses (first and last, every error-like item, outliers, change points, query matches, de-duplicated
 * samples), with all their keys, written as a table when that is shorter. A marker before them states which
 * positions were omitted and carries the key of the stored original (transform {@value #LOSSY}).
 *
 * <p><b>Never breaks.</b> Malformed JSON, nesting deeper than 1,000, strings over 16 Mi chars, content over
 * 64 Mi chars, unpaired surrogates, scalars and empty arrays come back unchanged with the reason; no input
 * makes it throw.
 *
 * <p><b>Token counting.</b> Whether the 30% bar is met is decided with a fast token estimate when the answer
 * is clear by a wide margin, and with the context's token counter (on a sample, for large inputs) otherwise,
 * because counting 100K tokens costs more than compressing them.
 * Stateless and thread-safe.
 */
public final class JsonTableCompressor implements Compressor {

    /** Transform name of the lossless table output. */
    public static final String TABLE = "json.table";
    /** Transform name when lossless output differs only in whitespace. */
    public static final String MINIFY = "json.minify";
    /** Transform name of the lossy output. */
    public static final String LOSSY = "json.lossy";
    /** Transform name used when content is passed through. */
    public static final String PASSTHROUGH = "json";

    /** Content longer than this many chars passes through: parsing it would take longer than it is worth. */
    static final int MAX_CHARS = 64 * 1024 * 1024;

    /** Multipliers bounding the true token ratio from a {@link TokenEstimate} ratio (see {@link #savesEnough}). */
    static final double ESTIMATE_HIGH = 1.25;
    static final double ESTIMATE_LOW = 0.97;
    /** Inputs up to this many chars are counted whole when counting is needed; longer ones by sample. */
    private static final int EXACT_CHARS = 24 * 1024;
    private static final int SAMPLE_CHARS = 16 * 1024;
    /** Length of the input prefix that the token estimate looks at. */
    private static final int ESTIMATE_CHARS = 24 * 1024;
    /** Inputs of at least this many chars are first probed on their leading items (see {@link #probeShortItems}). */
    private static final int PROBE_MIN_CHARS = 24 * 1024;
    /** With lossy output possible, inputs of at least this many chars are probed before the lower bound. */
    private static final int PROBE_FIRST_CHARS = 256 * 1024;
    /** Chars of leading items that the probe encodes. */
    static final int PROBE_CHARS = 8 * 1024;
    /** How far above the bar (relative) the probe's estimate must be to give up. */
    static final double PROBE_MARGIN = 1.03;

    /** Whether the lossy path may skip the lossless form on a proven bound; off only to test against it. */
    private final boolean boundShortcut;

    /** A compressor; it keeps no state, so one instance can serve every thread. */
    public JsonTableCompressor() {
        this(true);
    }

    /** A compressor that with {@code boundShortcut} false always takes the full path (for equivalence tests). */
    JsonTableCompressor(boolean boundShortcut) {
        this.boundShortcut = boundShortcut;
    }

    @Override
    public Compressed compress(String content, CompressionContext context) {
        if (content == null) {
            return Compressed.unchanged("", PASSTHROUGH, "no content");
        }
        try {
            return compressChecked(content, context);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return Compressed.unchanged(content, PASSTHROUGH, "json compression failed: " + e);
        }
    }

    private Compressed compressChecked(String content, CompressionContext context) {
        if (content.isBlank()) {
            return Compressed.unchanged(content, PASSTHROUGH, "empty");
        }
        if (content.length() > MAX_CHARS) {
            return Compressed.unchanged(content, PASSTHROUGH, "larger than " + Markers.count(MAX_CHARS) + " chars");
        }
        if (Markers.hasMarker(content)) {
            return Compressed.unchanged(content, PASSTHROUGH, "already compressed");
        }
        boolean lossyPossible = context.allowsLossy()
                && atLeastTokens(content, context.config().lossyMinTokens(), context);
        // Lossless only: the probe may pass the content through before it is read. With lossy possible the
        // content is read anyway, and the probe runs only if the bound below leaves the choice open.
        int probed = !lossyPossible && content.length() >= PROBE_MIN_CHARS ? probeShortItems(content, context) : 0;
        if (probed > 0) {
            return Compressed.unchanged(content, PASSTHROUGH, "lossless form saves less than "
                    + Math.round(context.config().jsonTableMinSavings() * 100) + "% of tokens (estimated on the first "
                    + Markers.count(probed) + " items)");
        }
        List<JsonValue> doc;
        boolean escapes;
        try {
            JsonReader.Document read = JsonReader.read(content);
            doc = read.values();
            escapes = read.hasEscapes();
        } catch (IOException | RuntimeException e) {
            // The reader finds raw unpaired surrogates in strings; elsewhere they are a parse error, so look.
            if (e instanceof JsonReader.UnpairedSurrogateException || hasUnpairedSurrogate(content)) {
                return Compressed.unchanged(content, PASSTHROUGH, "unpaired surrogate: not valid Unicode text");
            }
            return Compressed.unchanged(content, PASSTHROUGH, "not JSON: " + firstLine(e.getMessage()));
        }
        if (doc.isEmpty() || !hasContainer(doc)) {
            return Compressed.unchanged(content, PASSTHROUGH, "no JSON object or array");
        }

        Plan plan = lossyPossible ? planDocument(doc, content, context.query(), !escapes) : null;
        Sampled sampled = null;
        // The probe costs the same on any input, the bound below a pass over the rows: on long inputs the probe
        // goes first, and when it finds the table too long the lossless form is skipped without the bound.
        boolean probeFirst = lossyPossible && content.length() >= PROBE_FIRST_CHARS;
        if (probeFirst) {
            probed = probeShortItems(content, context);
        }
        if (plan != null && boundShortcut && probed == 0) {
            // Skip the probe and the lossless encoding when neither can change the answer: once the lossless
            // form is provably long enough to be sent lossy (>= 12 chars per lossy-min token, as atLeastTokens
            // decides) and longer than the lossy output, that output wins against the lossless form and the
            // content alike, whether or not the lossless form saves enough. The bound counts only as far as it
            // must: to the lossy minimum, and further only for a lossy output longer than that.
            long needed = 12L * context.config().lossyMinTokens();
            if (TableEncoder.lowerBound(doc, needed) >= needed) {
                sampled = plan.sample(content, doc, context);
                long longer = sampled.text().length() + 1L;
                if (longer <= content.length()
                        && (longer <= needed || TableEncoder.lowerBound(doc, longer) >= longer)) {
                    return sampled.result();
                }
            }
        }
        if (lossyPossible && !probeFirst && content.length() >= PROBE_MIN_CHARS) {
            probed = probeShortItems(content, context);
        }

        // When the probe found the table too long, the lossless form is not needed: the lossy pass compares
        // with the content itself, as it would after savesEnough said no.
        TableEncoder.Encoded encoded = probed > 0 ? null : TableEncoder.encodeCounting(doc, content.length());
        String lossless = encoded == null ? content : encoded.text();
        boolean hasTable = encoded != null && encoded.tables() > 0;
        boolean losslessOk = encoded != null && savesEnough(content, lossless, context);

        if (plan != null && (!losslessOk || atLeastTokens(lossless, context.config().lossyMinTokens(), context))) {
            if (sampled == null) {
                sampled = plan.sample(content, doc, context);
            }
            if (sampled.text().length() < (losslessOk ? lossless : content).length()) {
                return sampled.result();
            }
        }
        if (losslessOk) {
            return Compressed.lossless(lossless, hasTable ? TABLE : MINIFY,
                    (hasTable ? "table" : "minified") + ": " + Markers.count(content.length()) + " -> "
                            + Markers.count(lossless.length()) + " chars");
        }
        return Compressed.unchanged(content, PASSTHROUGH, "lossless form saves less than "
                + Math.round(context.config().jsonTableMinSavings() * 100) + "% of tokens");
    }

    /** Which items to keep: of the JSON lines ({@code lineSample}) or of arrays within the document. */
    private record Plan(Map<JsonValue.Arr, ItemSelector.Selection> samples, ItemSelector.Selection lineSample) {

        /** Stores the original and writes the kept items with markers carrying its key. */
        Sampled sample(String content, List<JsonValue> doc, CompressionContext context) {
            String key = context.offload(content, LOSSY);
            return new Sampled(TableEncoder.encodeSampled(doc, samples, lineSample, key), key, this);
        }
    }

    /** The lossy output for a plan; used only when shorter than what would be sent otherwise. */
    private record Sampled(String text, String key, Plan plan) {

        Compressed result() {
            StringBuilder note = new StringBuilder();
            if (plan.lineSample() != null) {
                note.append(LossyText.summary(plan.lineSample(), "lines"));
            }
            for (ItemSelector.Selection s : plan.samples().values()) {
                if (note.length() > 0) {
                    note.append("; ");
                }
                note.append(LossyText.summary(s, "items"));
            }
            return Compressed.lossy(text, LOSSY, List.of(key), note.toString());
        }
    }

    /** The plan for the lossy output, or null when no array is long enough to sample or sampling does not help. */
    private static Plan planDocument(List<JsonValue> doc, String source, String query, boolean noEscapes) {
        Map<JsonValue.Arr, ItemSelector.Selection> samples = new IdentityHashMap<>();
        ItemSelector.Selection lineSample = null;
        if (doc.size() >= ItemSelector.MIN_ITEMS) {
            lineSample = plan(doc, null, null, null, query, noEscapes);
        }
        if (lineSample == null) {
            for (JsonValue v : doc) {
                planWithin(v, source, query, noEscapes, samples, 0);
            }
        }
        return lineSample == null && samples.isEmpty() ? null : new Plan(samples, lineSample);
    }

    /** Finds the arrays to sample: the outermost long ones. */
    private static void planWithin(JsonValue v, String source, String query, boolean noEscapes,
                                   Map<JsonValue.Arr, ItemSelector.Selection> samples, int depth) {
        if (depth > JsonReader.MAX_DEPTH) {
            return;
        }
        if (v instanceof JsonValue.Arr a) {
            ItemSelector.Selection sel = a.items().size() >= ItemSelector.MIN_ITEMS
                    ? plan(a.items(), a.lengths(), a.starts(), source, query, noEscapes) : null;
            if (sel != null) {
                samples.put(a, sel);
                return;
            }
            for (JsonValue item : a.items()) {
                planWithin(item, source, query, noEscapes, samples, depth + 1);
            }
        } else if (v instanceof JsonValue.Obj o) {
            for (JsonValue value : o.values()) {
                planWithin(value, source, query, noEscapes, samples, depth + 1);
            }
        }
    }

    /** {@code spans} and {@code starts} are the array's known item spans in {@code source}, or null. */
    private static ItemSelector.Selection plan(List<JsonValue> items, int[] spans, int[] starts, String source,
                                               String query, boolean noEscapes) {
        ItemSelector.Selection sel = ItemSelector.select(items,
                new ItemTexts(items, noEscapes, spans, starts, source), query);
        return sel.dropped() >= 5 ? sel : null;
    }

    /**
     * The number of leading items on which the lossless form is clearly too long, or 0 when that is not clear.
     *
     * <p>A large root array (or JSON lines) of alike items compresses about as well as its first items do, so
     * instead of parsing and encoding 100K tokens to find that the table saves 21% when 30% are needed, this
     * encodes the first {@value #PROBE_CHARS} chars' worth of items and compares the {@link TokenEstimate} of
     * their rows (the header left out: it is paid once, so the whole input amortizes it better) with that of
     * the same input chars. It gives up only when that ratio, lowered by the estimator's error
     * ({@link #ESTIMATE_LOW}), is still above the bar by a further {@link #PROBE_MARGIN}: on the JSON corpus
     * the rows ratio of such a prefix was within 5% of the whole document's estimate. A wrong guess only ever
     * costs savings (the content passes through); it never makes the compressor use a form that saves less.
     */
    private static int probeShortItems(String content, CompressionContext ctx) {
        JsonReader.Head head = JsonReader.readHead(content, PROBE_CHARS);
        if (head == null) {
            return 0;
        }
        double bar = 1 - ctx.config().jsonTableMinSavings();
        return probeRatio(content, head) * ESTIMATE_LOW > bar * PROBE_MARGIN ? head.items().size() : 0;
    }

    /** The estimated token ratio of the table rows of {@code head}'s items to the input they come from. */
    static double probeRatio(String content, JsonReader.Head head) {
        List<JsonValue> items = head.items();
        boolean array = content.charAt(firstNonWhitespace(content)) == '[';
        TableEncoder.Encoded enc = TableEncoder.encodeCounting(array ? List.of(new JsonValue.Arr(items)) : items);
        String out = enc.text();
        int rowsFrom = 0;
        String header = "[" + items.size() + (array ? "]{" : " lines]{");
        if (enc.tables() > 0 && out.startsWith(header)) {
            rowsFrom = out.indexOf('\n') + 1;
        }
        return (double) TokenEstimate.of(out, rowsFrom, out.length()) / Math.max(1, TokenEstimate.of(content, head.end()));
    }

    private static int firstNonWhitespace(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) <= ' ') {
            i++;
        }
        return i;
    }

    /**
     * True when {@code out} is at least the configured fraction smaller in tokens than {@code content}.
     *
     * <p>Counting 100K tokens exactly costs more than compressing them, so this decides in tiers: first with
     * {@link TokenEstimate} on both texts, and only when that is too close to call, with the context's token
     * counter: on the whole texts when they are small, else on a prefix of the input and the same fraction of
     * the output, which is representative because table rows are alike. The estimate's ratio ran up to 17%
     * below o200k's on compact JSON and 20% below on pretty-printed JSON (whitespace runs), and never more than
     * 3% above it ({@code TokenEstimateTest} checks every fixture), hence the asymmetric margins
     * {@link #ESTIMATE_HIGH} and {@link #ESTIMATE_LOW}.
     */
    private static boolean savesEnough(String content, String out, CompressionContext ctx) {
        double bar = 1 - ctx.config().jsonTableMinSavings();
        if (out.length() >= content.length()) {
            return false;
        }
        // Compare like with like: a prefix of the input and the same fraction of the output. Table rows are
        // alike, so a prefix is representative, and the decision costs the same for 10K or 1M tokens.
        int inLength = cutPoint(content, ESTIMATE_CHARS);
        int outLength = proportionalCut(out, inLength, content.length());
        double estimate = (double) TokenEstimate.of(out, outLength) / Math.max(1, TokenEstimate.of(content, inLength));
        if (estimate * ESTIMATE_HIGH <= bar) {
            return true;
        }
        if (estimate * ESTIMATE_LOW > bar) {
            return false;
        }
        if (content.length() <= EXACT_CHARS) {
            return ctx.tokens().count(out) <= bar * ctx.tokens().count(content);
        }
        inLength = cutPoint(content, SAMPLE_CHARS);
        outLength = proportionalCut(out, inLength, content.length());
        int before = ctx.tokens().count(content.substring(0, inLength));
        int after = ctx.tokens().count(out.substring(0, outLength));
        return after <= bar * before;
    }

    private static int proportionalCut(String out, int inLength, int contentLength) {
        return cutPoint(out, (int) Math.min(out.length(), (long) inLength * out.length() / contentLength));
    }

    /** {@code at}, moved back one char if it would split a surrogate pair. */
    private static int cutPoint(String s, int at) {
        if (at >= s.length()) {
            return s.length();
        }
        return at > 0 && Character.isHighSurrogate(s.charAt(at - 1)) ? at - 1 : at;
    }

    /** True when {@code text} has at least {@code tokens} tokens; counted only when the estimate is close. */
    private static boolean atLeastTokens(String text, int tokens, CompressionContext ctx) {
        if (text.length() < tokens) {
            return false;   // a token is at least one character
        }
        if (text.length() >= 12L * tokens) {
            return true;    // JSON runs 2-5 characters per token
        }
        long estimate = TokenEstimate.of(text);
        if (estimate >= 1.2 * tokens) {
            return true;
        }
        if (estimate < 0.8 * tokens) {
            return false;
        }
        return ctx.tokens().count(text) >= tokens;
    }

    private static boolean hasContainer(List<JsonValue> doc) {
        for (JsonValue v : doc) {
            if (v instanceof JsonValue.Arr || v instanceof JsonValue.Obj) {
                return true;
            }
        }
        return false;
    }

    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
