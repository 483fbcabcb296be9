/**
 * Prose, document and HTML compression. Entry points: {@link io.headroom4j.compress.text.TextCompressor}
 * (query-aware extractive compression that keeps whole sentences verbatim) and
 * {@link io.headroom4j.compress.text.HtmlCompressor} (HTML to text, then the same); relevance scoring can
 * be swapped for a neural {@link io.headroom4j.compress.text.SentenceScorer}.
 */
package io.headroom4j.compress.text;
