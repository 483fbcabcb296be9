/**
 * Helpers shared by the compressors and not part of the public API: {@link io.headroom4j.internal.Bm25}
 * relevance scoring.
 */
package io.headroom4j.internal;
