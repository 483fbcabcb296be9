package io.headroom4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outcome of {@link Headroom#compress}: the request to send, token counts, and a record per piece of
 * content considered.
 *
 * @param body          the request body to send upstream; the original bytes when nothing changed or
 *                      when compression failed
 * @param changed       true when {@code body} differs from the input
 * @param tokensBefore  tokens of the considered content before compression
 * @param tokensAfter   tokens of the same content as sent
 * @param tokenizer     the name of the token counter used (an estimate for Claude models, see
 *                      {@link io.headroom4j.token.TokenCounters})
 * @param records       one record per piece of content considered, in request order
 * @param retrievalKeys every retrieval key present in {@code body}, new or from earlier turns
 * @param failedOpen    true when an error made compression send some content, or the whole request, as it
 *                      came instead of compressed
 * @param error         the first such error, or a note on why the body was passed through; null if none
 */
public record CompressionResult(byte[] body, boolean changed, long tokensBefore, long tokensAfter, String tokenizer,
                                List<TransformRecord> records, List<String> retrievalKeys, boolean failedOpen,
                                String error) {

    private static final ObjectMapper TREES = new ObjectMapper();

    static {
        TREES.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxNestingDepth(1_000).build());
    }

    public CompressionResult {
        records = List.copyOf(records);
        retrievalKeys = List.copyOf(retrievalKeys);
    }

    /** The original request, unchanged, because compression failed with {@code error}. */
    public static CompressionResult failOpen(byte[] original, String tokenizer, String error) {
        return new CompressionResult(original, false, 0, 0, tokenizer, List.of(), List.of(), true, error);
    }

    /** Tokens saved; never negative. */
    public long tokensSaved() {
        return Math.max(0, tokensBefore - tokensAfter);
    }

    /** Fraction of tokens saved, 0 when there were none to begin with. */
    public double savedFraction() {
        return tokensBefore == 0 ? 0.0 : (double) tokensSaved() / tokensBefore;
    }

    /** The body as a Jackson tree, for callers that passed one in; null when the body is not JSON. */
    public JsonNode bodyTree() {
        try {
            return TREES.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The body as text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Names of the transforms that changed something, each once, in order. */
    public List<String> appliedTransforms() {
        List<String> names = new ArrayList<>();
        for (TransformRecord r : records) {
            if (r.applied() && !names.contains(r.transform())) {
                names.add(r.transform());
            }
        }
        return names;
    }

    /**
     * Tokens saved per tool name, for content that was changed; content whose tool the request does not name
     * counts under {@code unknown}.
     */
    public Map<String, Long> savedByTool() {
        Map<String, Long> saved = new LinkedHashMap<>();
        for (TransformRecord r : records) {
            if (r.applied() && r.tokensSaved() > 0) {
                saved.merge(r.toolName() == null || r.toolName().isBlank() ? "unknown" : r.toolName(),
                        (long) r.tokensSaved(), Long::sum);
            }
        }
        return saved;
    }

    /** Tokens saved per transform name. */
    public Map<String, Long> savedByTransform() {
        Map<String, Long> saved = new LinkedHashMap<>();
        for (TransformRecord r : records) {
            if (r.applied()) {
                saved.merge(r.transform(), (long) r.tokensSaved(), Long::sum);
            }
        }
        return saved;
    }

    /**
     * A compression whose body is ready to send while some of its token counts may still be owed: counting
     * long text that was never counted before costs more than compressing it, and nothing about the body
     * depends on it. {@link #result()} finishes the counts (once, on the calling thread) and returns the
     * exact result; everything else is known at once. Thread-safe: concurrent callers of {@link #result()}
     * wait for the one count in progress.
     */
    public static final class Pending {
        private final byte[] body;
        private final boolean changed;
        private final List<String> appliedTransforms;
        private final List<String> retrievalKeys;
        private final boolean failedOpen;
        private Supplier<CompressionResult> finish;
        private volatile CompressionResult result;

        private Pending(byte[] body, boolean changed, List<String> appliedTransforms, List<String> retrievalKeys,
                        boolean failedOpen, Supplier<CompressionResult> finish, CompressionResult result) {
            this.body = body;
            this.changed = changed;
            this.appliedTransforms = List.copyOf(appliedTransforms);
            this.retrievalKeys = List.copyOf(retrievalKeys);
            this.failedOpen = failedOpen;
            this.finish = finish;
            this.result = result;
        }

        /** A pending result that owes nothing: {@link #result()} returns {@code done}. */
        public static Pending of(CompressionResult done) {
            Objects.requireNonNull(done, "done");
            return new Pending(done.body(), done.changed(), done.appliedTransforms(), done.retrievalKeys(),
                    done.failedOpen(), null, done);
        }

        /**
         * A pending result whose counts {@code finish} computes; {@code finish} must return a result with the
         * same body, transforms, keys and fail-open flag as given here.
         */
        public static Pending deferred(byte[] body, boolean changed, List<String> appliedTransforms,
                                       List<String> retrievalKeys, boolean failedOpen,
                                       Supplier<CompressionResult> finish) {
            return new Pending(Objects.requireNonNull(body, "body"), changed, appliedTransforms, retrievalKeys,
                    failedOpen, Objects.requireNonNull(finish, "finish"), null);
        }

        /** The request body to send upstream (see {@link CompressionResult#body()}). */
        public byte[] body() {
            return body;
        }

        /** True when {@link #body()} differs from the input. */
        public boolean changed() {
            return changed;
        }

        /** Names of the transforms that changed something, each once, in order. */
        public List<String> appliedTransforms() {
            return appliedTransforms;
        }

        /** Every retrieval key present in {@link #body()}. */
        public List<String> retrievalKeys() {
            return retrievalKeys;
        }

        /** True when some content, or the whole request, went out as it came because of an error. */
        public boolean failedOpen() {
            return failedOpen;
        }

        /** True when {@link #result()} will return without counting anything. */
        public boolean isCounted() {
            return result != null;
        }

        /** The exact result, counting what is still owed first (once). */
        public CompressionResult result() {
            CompressionResult r = result;
            if (r == null) {
                synchronized (this) {
                    r = result;
                    if (r == null) {
                        r = finish.get();
                        result = r;
                        finish = null;
                    }
                }
            }
            return r;
        }
    }
}
