package io.headroom4j.compress;

import java.util.Objects;

import io.headroom4j.HeadroomConfig;
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
 */
public record CompressionContext(HeadroomConfig config, String query, String toolName, TokenCounter tokens,
                                 CompressionStore store) {

    public CompressionContext {
        Objects.requireNonNull(config, "config");
        query = query == null ? "" : query;
        Objects.requireNonNull(tokens, "tokens");
    }

    /** A context with default settings, no query and no store: lossless transforms only. */
    public static CompressionContext lossless(HeadroomConfig config) {
        return new CompressionContext(config, "", null, TokenCounters.o200k(), null);
    }

    /** A copy of this context with another query. */
    public CompressionContext withQuery(String newQuery) {
        return new CompressionContext(config, newQuery, toolName, tokens, store);
    }

    /** A copy of this context for content produced by {@code tool}. */
    public CompressionContext withToolName(String tool) {
        return new CompressionContext(config, query, tool, tokens, store);
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
