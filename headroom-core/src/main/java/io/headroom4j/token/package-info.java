/**
 * Exact token counts for the tiktoken encodings: the entry point is {@link io.headroom4j.token.TokenCounters}
 * ({@code o200k()}, {@code cl100k()}, {@code forModel(model)}), each a thread-safe
 * {@link io.headroom4j.token.TokenCounter}. Counts equal jtokkit's {@code countTokensOrdinary}; {@code o200k_base}
 * text is split by our own pre-tokenizer instead of jtokkit's regular expression, and both encodings remember the
 * counts of short repeated pieces.
 */
package io.headroom4j.token;
