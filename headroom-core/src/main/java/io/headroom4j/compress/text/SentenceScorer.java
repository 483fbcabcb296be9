package io.headroom4j.compress.text;

import java.util.List;

/**
 * Scores how relevant each sentence is to a query, for the {@link TextCompressor} to pick what to keep.
 *
 * <p>The built-in scorer is BM25 (always available, deterministic, fast). A neural scorer, such as the
 * MiniLM sentence-embedding scorer in the optional {@code headroom-neural} module, plugs in through
 * {@link Provider} and {@link java.util.ServiceLoader}; it is used only when
 * {@code HeadroomConfig.neuralModel()} names it, and any failure or timeout falls back to BM25.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface SentenceScorer {

    /**
     * Relevance of each sentence to {@code query}: one finite value per sentence, higher is more relevant;
     * the scale is the scorer's own (callers normalise). May throw; callers fall back to BM25.
     */
    double[] score(String query, List<String> sentences);

    /**
     * Opens scorers by name; registered in
     * {@code META-INF/services/io.headroom4j.compress.text.SentenceScorer$Provider}.
     */
    interface Provider {

        /** True when this provider understands {@code spec}, the value of {@code HeadroomConfig.neuralModel()}. */
        boolean supports(String spec);

        /**
         * Loads the scorer for {@code spec}. May be slow (model loading) and may throw; it is called off the
         * request path, once per spec.
         */
        SentenceScorer open(String spec) throws Exception;
    }
}
