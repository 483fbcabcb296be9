/**
 * Exact token counts for the tiktoken encodings: the entry point is {@link io.headroom4j.token.TokenCounters}
 * ({@code o200k()}, {@code cl100k()}, {@code forModel(model)}), each a thread-safe
 * {@link io.headroom4j.token.TokenCounter}. Counts equal jtokkit's {@code countTokensOrdinary}; text is split by our
 * own pre-tokenizers (instead of jtokkit's regular expression for {@code o200k_base} and its parser for
 * {@code cl100k_base}), each piece is counted by jtokkit's byte-pair encoder, and both encodings remember the counts
 * of short repeated pieces.
 */
package io.headroom4j.token;
