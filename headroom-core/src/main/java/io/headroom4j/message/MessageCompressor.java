package io.headroom4j.message;

import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.headroom4j.CompressionResult;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.Mode;
import io.headroom4j.TransformRecord;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Markers;
import io.headroom4j.compress.code.CodeCompressor;
import io.headroom4j.internal.SideWork;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.route.ContentType;
import io.headroom4j.store.CompressionMemo;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounters;

/**
 * Compresses the tool results of a request body in place, copying every other byte exactly.
 *
 * <p>How it works: the body is read once as a tree to find candidate strings (tool results, message
 * text), the newest user question, and where the live zone starts. Each candidate passes the protections
 * (role, excluded tool, cache breakpoint, size, already compressed, live zone in cache mode) and then the
 * {@link ContentRouter}. Only when something got smaller is the body scanned a second time, for the byte
 * spans of the strings to replace; the output is the input with those spans swapped for new string
 * literals, so key order, number literals, escapes and whitespace everywhere else are untouched.
 *
 * <p>Stability across turns: every compressed output is remembered under the hash of its original. When
 * the same original shows up again, in any later request, the remembered bytes are reused even if the
 * question has changed, so a prefix sent once is sent the same way every time and the provider's prompt
 * cache keeps hitting. The memo is kept in memory in front of the store's own memo, which for the SQLite
 * workspace store lives in the same file: after a restart, or in another process on the same workspace,
 * earlier turns still go out with the bytes they were first sent with. A remembered value is used only
 * while the originals behind its markers are still in the store, and only if it is lossless when the
 * configuration allows nothing else. In cache mode, a candidate before the live zone that was never compressed stays as
 * it is: it was sent uncompressed before, and rewriting it now would turn a cache read into a write.
 *
 * <p>Thread-safe. Never throws: any failure returns the original body with {@code failedOpen} set.
 */
public final class MessageCompressor {

    private static final System.Logger LOG = System.getLogger(MessageCompressor.class.getName());
    private static final String RETRIEVE_TOOL = "headroom_retrieve";
    /** Error results under this many chars are kept whole: they are what the model must act on. */
    private static final int ERROR_RESULT_PROTECT_CHARS = 8_000;
    /** Text never counted before, up to this many chars in all, is counted at once even when deferring. */
    static final int INLINE_COUNT_CHARS = 16 * 1024;
    /** Texts from this many chars on have their memo key and content type worked out side by side (helper lent). */
    private static final int OVERLAP_MIN_CHARS = 32 * 1024;

    private final HeadroomConfig config;
    private final CompressionStore store;
    private final ContentRouter router;
    private final CompressionMemo sent;
    private final Cache<Long, Integer> tokenCounts;

    public MessageCompressor(HeadroomConfig config, CompressionStore store, ContentRouter router) {
        this.config = config;
        this.store = store;
        this.router = router;
        this.sent = CompressionMemo.inMemory(config.storeTtl(), 256L * 1024 * 1024, store, InstantSource.system());
        this.tokenCounts = Caffeine.newBuilder().maximumSize(200_000).build();
    }

    /** Compresses {@code body}; see the class comment. {@code format} null means detect it. */
    public CompressionResult compress(byte[] body, RequestFormat format) {
        return compress(body, format, false).result();
    }

    /**
     * Compresses {@code body} like {@link #compress(byte[], RequestFormat)} but leaves token counts that
     * nothing depends on to {@link CompressionResult.Pending#result()}: long text never counted before
     * (more than {@value #INLINE_COUNT_CHARS} chars in all) is counted only there. The body, transforms and
     * keys are the same either way: decisions that need a count (the size threshold, whether an output
     * saves tokens) are taken with {@link TokenCounter#atLeast}, which stops counting at the threshold.
     */
    public CompressionResult.Pending compressDeferringCounts(byte[] body, RequestFormat format) {
        return compress(body, format, true);
    }

    private CompressionResult.Pending compress(byte[] body, RequestFormat format, boolean defer) {
        TokenCounter tokens = TokenCounters.forModel(config.model());
        if (body == null || body.length == 0) {
            return CompressionResult.Pending.of(new CompressionResult(body == null ? new byte[0] : body, false, 0, 0,
                    tokens.name(), List.of(), List.of(), false, null));
        }
        RequestTree.Parsed parsed;
        EarlyKey[] early = new EarlyKey[1];
        try {
            // With a helper lent, the first long tool output's memo key is hashed there while this thread builds
            // the tree and looks the request over (compressTree joins or drops it).
            parsed = RequestTree.parse(body, !SideWork.hasHelper() ? null : text -> {
                if (early[0] == null && text.length() >= OVERLAP_MIN_CHARS) {
                    early[0] = new EarlyKey(text, SideWork.fork(() -> CompressionStore.keyOf(text)));
                }
            });
        } catch (IOException | RuntimeException e) {
            if (early[0] != null) {
                early[0].key().cancel();
            }
            // Not ours to judge: the provider will answer with its own error for a malformed body.
            return CompressionResult.Pending.of(new CompressionResult(body, false, 0, 0, tokens.name(), List.of(),
                    List.of(), false, "request body is not JSON; passed through: " + e.getMessage()));
        }
        JsonNode tree = parsed.tree();
        if (tree == null || !tree.isObject()) {
            if (early[0] != null) {
                early[0].key().cancel();
            }
            return CompressionResult.Pending.of(new CompressionResult(body, false, 0, 0, tokens.name(), List.of(),
                    List.of(), false, "request body is not a JSON object; passed through"));
        }
        try {
            return compressTree(body, parsed, format == null ? RequestFormat.detect(tree) : format, defer, early[0]);
        } catch (RuntimeException | IOException | StackOverflowError e) {
            LOG.log(System.Logger.Level.WARNING, "compression failed; forwarding the original request", e);
            return CompressionResult.Pending.of(CompressionResult.failOpen(body, tokens.name(), e.toString()));
        }
    }

    private CompressionResult.Pending compressTree(byte[] body, RequestTree.Parsed parsed, RequestFormat format,
                                                   boolean defer, EarlyKey early) throws IOException {
        try {
            return compressTree(body, parsed, format, defer, new EarlyKey[] {early});
        } finally {
            if (early != null) {
                early.key().cancel();   // not used (a protected text, a failure): the helper is free for others
            }
        }
    }

    private CompressionResult.Pending compressTree(byte[] body, RequestTree.Parsed parsed, RequestFormat format,
                                                   boolean defer, EarlyKey[] hashing) throws IOException {
        JsonNode tree = parsed.tree();
        long deadline = System.nanoTime() + config.compressionTimeout().toNanos();
        RequestView view = RequestView.of(tree, format);
        TokenCounter tokens = TokenCounters.forModel(view.model == null ? config.model() : view.model);
        CompressionContext base = new CompressionContext(config, view.query, null, tokens, store);

        List<Draft> drafts = new ArrayList<>();
        List<Replacement> replacements = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        boolean outOfTime = false;
        String error = null;
        for (Segment s : view.segments) {
            Integer known = knownCount(tokens, s.text());
            keys.addAll(Markers.keysIn(s.text()));
            String why = protection(s, view);
            Compressed c = null;
            String type = "";
            if (why == null && !(known != null ? known >= config.minTokens() : tokens.atLeast(s.text(),
                    config.minTokens()))) {
                why = "under " + config.minTokens() + " tokens";
            }
            boolean remembered = false;
            String memoKey = null;
            ContentType early = null;
            boolean large = s.text().length() >= OVERLAP_MIN_CHARS;
            EarlyKey hashed = hashing[0];
            if (hashed != null && (hashed.text() == s.text() ? why != null : why == null && large)) {
                // Its text is not compressed, or another long text comes first: the helper is free for others.
                hashed.key().cancel();
                hashing[0] = null;
                hashed = null;
            }
            if (why == null) {
                if (hashed != null && hashed.text() == s.text()) {
                    // The helper has hashed this text since the body was read; detection runs here meanwhile.
                    // On a memo hit the detection is not used; it is deterministic, so where it ran changes nothing.
                    early = router.detector().detect(s.text());
                    memoKey = memoKey(hashed.key().join(), base.allowsLossy());
                    hashing[0] = null;
                } else if (large && SideWork.hasHelper()) {
                    // With a helper lent (the proxy's waiting thread), content detection runs beside the memo
                    // key's hash: both read the whole text, and the helper is idle otherwise. On a memo hit the
                    // detection is not used; it is deterministic, so where it ran changes nothing.
                    String[] key = new String[1];
                    ContentType[] type0 = new ContentType[1];
                    SideWork.both(() -> key[0] = memoKey(s.text(), base),
                            () -> type0[0] = router.detector().detect(s.text()));
                    memoKey = key[0];
                    early = type0[0];
                } else {
                    memoKey = memoKey(s.text(), base);
                }
                c = recall(memoKey, base);
                if (c != null) {
                    remembered = true;
                } else if (config.mode() == Mode.CACHE && s.messageIndex() < view.liveFrom) {
                    why = "cache mode: sent before the live zone";
                } else if (outOfTime || System.nanoTime() > deadline) {
                    outOfTime = true;
                    why = "time budget of " + config.compressionTimeout().toMillis() + " ms used up";
                } else {
                    ContentType detected = early != null ? early : router.detector().detect(s.text());
                    type = detected.name();
                    if (detected == ContentType.CODE && protectsCode(s, view)) {
                        why = "protected: recent or asked-about code";
                    } else {
                        try {
                            CompressionContext ctx = base.withToolName(s.toolName());
                            c = router.compress(detected, s.text(),
                                    known != null ? ctx.withCounted(s.text(), known) : ctx);
                        } catch (RuntimeException | StackOverflowError e) {
                            // Fail open for this piece only: it goes out as it came, the rest still shrinks.
                            LOG.log(System.Logger.Level.WARNING, "compressor failed on " + s.pointer(), e);
                            why = "failed open: " + e;
                            if (error == null) {
                                error = e.toString();
                            }
                        }
                    }
                }
            }
            if (c == null || !c.isChangedFrom(s.text())) {
                String note = why != null ? why : c == null ? "" : c.note();
                drafts.add(Draft.skipped(s, type, known, note));
                continue;
            }
            int after = count(tokens, c.output());
            if (!(known != null ? after < known : tokens.atLeast(s.text(), after + 1))) {
                drafts.add(Draft.skipped(s, type, known, c.transform() + " did not save tokens"));
                continue;
            }
            if (!remembered) {
                Compressed first = remember(memoKey, c);
                if (first != c) {
                    // Another process sent this original first; its bytes are the ones the provider holds.
                    int firstAfter = count(tokens, first.output());
                    if (first.isChangedFrom(s.text()) && (known != null ? firstAfter < known
                            : tokens.atLeast(s.text(), firstAfter + 1))) {
                        c = first;
                        after = firstAfter;
                    }
                }
            }
            replacements.add(new Replacement(s.pointer(), c.output(), parsed.spanOf(s.text())));
            drafts.add(new Draft(s, type, known, c, after));
            keys.addAll(Markers.keysIn(c.output()));
        }
        List<String> keyList = List.copyOf(keys);
        boolean failedOpen = error != null;
        String firstError = error;
        byte[] out = replacements.isEmpty() ? body : splice(body, replacements);
        boolean changed = !replacements.isEmpty();
        List<String> applied = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.compressed != null && !applied.contains(d.compressed.transform())) {
                applied.add(d.compressed.transform());
            }
        }
        // Text never counted before: counted here when short, else left to Pending.result().
        long uncounted = 0;
        for (String text : view.countedTexts) {
            if (text.length() >= 256 && tokenCounts.getIfPresent(countKey(tokens, text)) == null) {
                uncounted += text.length();
            }
        }
        for (Draft d : drafts) {
            uncounted += d.before == null ? d.segment.text().length() : 0;
        }
        Supplier<CompressionResult> finish = () -> {
            long before = 0;
            long after = 0;
            for (String text : view.countedTexts) {
                int n = count(tokens, text);
                before += n;
                after += n;
            }
            List<TransformRecord> records = new ArrayList<>(drafts.size());
            for (Draft d : drafts) {
                TransformRecord r = d.record(d.before != null ? d.before : count(tokens, d.segment.text()));
                records.add(r);
                before += r.tokensBefore();
                after += r.tokensAfter();
            }
            return new CompressionResult(out, changed, before, after, tokens.name(), records, keyList, failedOpen,
                    firstError);
        };
        if (!defer || uncounted < INLINE_COUNT_CHARS) {
            return CompressionResult.Pending.of(finish.get());
        }
        return CompressionResult.Pending.deferred(out, changed, applied, keyList, failedOpen, finish);
    }

    /** One segment's outcome, waiting for its original's token count when that was not known yet. */
    private record Draft(Segment segment, String type, Integer before, Compressed compressed, int after, String note) {

        Draft(Segment segment, String type, Integer before, Compressed compressed, int after) {
            this(segment, type, before, compressed, after, null);
        }

        static Draft skipped(Segment s, String type, Integer before, String note) {
            return new Draft(s, type, before, null, -1, note);
        }

        TransformRecord record(int tokensBefore) {
            Segment s = segment;
            if (compressed == null) {
                return TransformRecord.skipped(s.pointer(), type, tokensBefore, note, s.toolName());
            }
            return new TransformRecord(s.pointer(), type, compressed.transform(), tokensBefore, after,
                    compressed.lossless(), compressed.retrievalKeys(), compressed.note(), s.toolName());
        }
    }

    /** Why {@code s} must stay as it is, or null when it may be compressed. */
    private String protection(Segment s, RequestView view) {
        String role = s.role();
        if (!s.toolResult()) {
            if (role.equals("user") && config.protectUserMessages()) {
                return "protected: user message";
            }
            if ((role.equals("system") || role.equals("developer")) && config.protectSystemMessages()) {
                return "protected: system message";
            }
            if (role.equals("assistant")) {
                return "protected: assistant message";
            }
            if (!role.equals("user") && !role.equals("system") && !role.equals("developer")) {
                return "protected: " + (role.isEmpty() ? "message without role" : role + " message");
            }
        }
        // A breakpoint protects what the provider may already hold: content sent in an earlier request.
        // Content in the live zone is new even when it carries the breakpoint itself (Claude Code marks
        // its newest tool result): the cache entry is written with the compressed bytes, and the memo
        // sends the same bytes next turn, so the next request reads it.
        if (s.frozen() && config.protectCachePrefix() && s.messageIndex() < view.liveFrom) {
            return "protected: before the last cache_control breakpoint";
        }
        if (RETRIEVE_TOOL.equals(s.toolName())) {
            return "retrieved content is never compressed again";
        }
        if (config.isExcludedTool(s.toolName())) {
            return "excluded tool " + s.toolName();
        }
        if (s.isError() && s.text().length() < ERROR_RESULT_PROTECT_CHARS) {
            return "protected: error result";
        }
        if (s.text().length() * 4L < config.minTokens()) {
            // A token is at least one UTF-8 byte and a char at most four: this text cannot reach the minimum.
            // (Length alone must not say more: one CJK char or emoji can be several tokens.)
            return "under " + config.minTokens() + " tokens";
        }
        if (Markers.hasMarker(s.text())) {
            return "already compressed";
        }
        return null;
    }

    private boolean protectsCode(Segment s, RequestView view) {
        return s.messageIndex() >= view.messageCount - config.protectRecent() || CodeCompressor.queryWantsFullCode(view.query);
    }

    private int count(TokenCounter tokens, String text) {
        if (text.length() < 256) {
            return tokens.count(text);
        }
        // Earlier turns repeat every request; their counts are looked up, not recomputed.
        long key = countKey(tokens, text);
        Integer n = tokenCounts.getIfPresent(key);
        if (n == null) {
            n = tokens.count(text);
            tokenCounts.put(key, n);
        }
        return n;
    }

    /**
     * The memo key of {@code original}: its content hash, in a separate namespace when only lossless output
     * may be sent, so a lossless and a lossy configuration sharing one workspace never trade values.
     */
    private static String memoKey(String original, CompressionContext context) {
        return memoKey(CompressionStore.keyOf(original), context.allowsLossy());
    }

    /**
     * The memo key of an original whose content key is {@code contentKey}; see
     * {@link #memoKey(String, CompressionContext)}.
     */
    private static String memoKey(String contentKey, boolean allowsLossy) {
        return allowsLossy ? contentKey : contentKey + ".lossless";
    }

    /** A long text's content key being computed by the helper ({@link SideWork#fork}) since the body was read. */
    private record EarlyKey(String text, SideWork.Forked<String> key) {
    }

    /** The remembered value for {@code key} that may be sent under {@code context}, or null. */
    private Compressed recall(String key, CompressionContext context) {
        try {
            Compressed c = sent.recall(key).orElse(null);
            if (c != null && !context.allowsLossy() && (!c.lossless() || !c.retrievalKeys().isEmpty())) {
                return null;
            }
            return c;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "memo lookup failed; compressing again", e);
            return null;
        }
    }

    private Compressed remember(String key, Compressed c) {
        try {
            Compressed first = sent.remember(key, c);
            return first == null ? c : first;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "memo write failed", e);
            return c;
        }
    }

    /** The count of {@code text} when it costs nothing: short text, or counted before; else null. */
    private Integer knownCount(TokenCounter tokens, String text) {
        if (text.length() < 256) {
            return tokens.count(text);
        }
        return tokenCounts.getIfPresent(countKey(tokens, text));
    }

    private static long countKey(TokenCounter tokens, String text) {
        return ((long) text.hashCode() << 32) ^ text.length() ^ ((long) tokens.name().hashCode() << 16);
    }

    private static byte[] splice(byte[] body, List<Replacement> replacements) throws IOException {
        // The long literals' spans are known from reading the body; the scanner looks for the others only.
        Set<String> pointers = new HashSet<>();
        for (Replacement r : replacements) {
            if (r.span() == null) {
                pointers.add(r.pointer());
            }
        }
        Map<String, long[]> spans = new HashMap<>(SpanScanner.spans(body, pointers));
        for (Replacement r : replacements) {
            if (r.span() != null) {
                spans.put(r.pointer(), r.span());
            }
        }
        List<Replacement> ordered = new ArrayList<>(replacements);
        ordered.sort(Comparator.comparingLong(r -> spanOf(spans, r)[0]));
        // The output's exact size first: it is written into an array of that size, which starts as a copy of the
        // body's head (no zeroed body-sized buffer, no copy of a buffer at the end).
        byte[][] literals = new byte[ordered.size()][];
        long size = body.length;
        for (int k = 0; k < ordered.size(); k++) {
            Replacement r = ordered.get(k);
            long[] span = spanOf(spans, r);
            if (body[(int) span[0]] != '"' || body[(int) span[1] - 1] != '"') {
                throw new IllegalStateException("span of " + r.pointer() + " is not a string literal");
            }
            literals[k] = Json.stringLiteral(r.text());
            size += literals[k].length - (span[1] - span[0]);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("compressed body too large: " + size + " bytes");
        }
        int first = (int) spanOf(spans, ordered.get(0))[0];
        byte[] out = Arrays.copyOf(body, (int) size);
        int o = first;
        int pos = first;
        for (int k = 0; k < ordered.size(); k++) {
            long[] span = spanOf(spans, ordered.get(k));
            System.arraycopy(body, pos, out, o, (int) span[0] - pos);
            o += (int) span[0] - pos;
            System.arraycopy(literals[k], 0, out, o, literals[k].length);
            o += literals[k].length;
            pos = (int) span[1];
        }
        System.arraycopy(body, pos, out, o, body.length - pos);
        return out;
    }

    private static long[] spanOf(Map<String, long[]> spans, Replacement r) {
        long[] span = spans.get(r.pointer());
        if (span == null) {
            throw new IllegalStateException("no string found at " + r.pointer());
        }
        return span;
    }

    /** The new text of the string at {@code pointer}; {@code span}: its literal's bytes when known, else null. */
    private record Replacement(String pointer, String text, long[] span) {
    }
}
