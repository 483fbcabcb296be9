package io.headroom4j.compress;

import java.util.Objects;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.internal.TokenGate;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounters;

/**
 * What a {@link Compressor} may know about the content it compresses.
 *
 * @param config   the settings in force
 * @param query    the newest user message's text, for relevance ranking; empty when there is none
 * @param toolName the tool that produced the content, or null when unknown
 * @param tokens   the token counter for the target model
 * @param store    where omitted originals go; null when retrieval is off, which forbids lossy output
 * @param counted  a text whose token count by {@code tokens} the caller already knows (the content it is
 *                 about to compress), or null; see {@link #withCounted}
 */
public record CompressionContext(HeadroomConfig config, String query, String toolName, TokenCounter tokens,
                                 CompressionStore store, Counted counted) {

    public CompressionContext {
        Objects.requireNonNull(config, "config");
        query = query == null ? "" : query;
        Objects.requireNonNull(tokens, "tokens");
    }

    /** A context that knows no token count yet. */
    public CompressionContext(HeadroomConfig config, String query, String toolName, TokenCounter tokens,
                              CompressionStore store) {
        this(config, query, toolName, tokens, store, null);
    }

    /**
     * A text and its token count, as the pipeline measured it before compressing.
     *
     * @param text   the counted text
     * @param tokens its token count by the context's counter
     */
    public record Counted(String text, int tokens) {

        public Counted {
            Objects.requireNonNull(text, "text");
            if (tokens < 0) {
                throw new IllegalArgumentException("tokens must be >= 0, got " + tokens);
            }
        }

        /** The count when {@code content} is the counted text, else -1. */
        int of(String content) {
            return content == text || content.length() == text.length() && content.equals(text) ? tokens : -1;
        }
    }

    /** A context with default settings, no query and no store: lossless transforms only. */
    public static CompressionContext lossless(HeadroomConfig config) {
        return new CompressionContext(config, "", null, TokenCounters.o200k(), null);
    }

    /** A copy of this context with another query. */
    public CompressionContext withQuery(String newQuery) {
        return new CompressionContext(config, newQuery, toolName, tokens, store, counted);
    }

    /** A copy of this context for content produced by {@code tool}. */
    public CompressionContext withToolName(String tool) {
        return new CompressionContext(config, query, tool, tokens, store, counted);
    }

    /**
     * A copy of this context that knows {@code content} has {@code contentTokens} tokens by {@link #tokens()}:
     * the pipeline counts every piece before compressing it (for its record), so compressors need not count
     * it again. The count must be exact; it is trusted.
     */
    public CompressionContext withCounted(String content, int contentTokens) {
        return new CompressionContext(config, query, toolName, tokens, store, new Counted(content, contentTokens));
    }

    /** The token count of {@code content}: the known one when {@code content} is the counted text, else counted. */
    public int tokenCount(String content) {
        int known = counted == null ? -1 : counted.of(content);
        return known >= 0 ? known : tokens.count(content);
    }

    /**
     * True when {@code content} has at least {@code min} tokens: from the known count when there is one, else
     * by {@link TokenGate#atLeast}, which decides most text from proven lower bounds or a prefix without
     * tokenizing all of it.
     */
    public boolean hasTokens(String content, int min) {
        int known = counted == null ? -1 : counted.of(content);
        return known >= 0 ? known >= min : TokenGate.atLeast(tokens, content, min);
    }

    /** True when {@code content} is large enough for lossy steps: at least {@code config.lossyMinTokens()}. */
    public boolean reachesLossyMin(String content) {
        return hasTokens(content, config.lossyMinTokens());
    }

    /**
     * True when lossy output is allowed: not in lossless mode, retrieval on, and a store to keep what is
     * omitted. Without a store nothing may be dropped, because nothing could be brought back.
     */
    public boolean allowsLossy() {
        return !config.lossless() && config.ccr() && store != null;
    }

    /**
     * Stores {@code original} and returns the key a marker must carry.
     *
     * @throws IllegalStateException when {@link #allowsLossy()} is false: a compressor asked to drop
     *                               content it was not allowed to drop
     */
    public String offload(String original, String transform) {
        if (!allowsLossy()) {
            throw new IllegalStateException(transform + " tried to offload content while lossy output is off");
        }
        return store.put(original, transform);
    }
}
