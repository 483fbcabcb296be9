/**
 * Compression of search results ({@code grep -n}, {@code grep -rn}, {@code rg}, {@code rg --heading},
 * {@code git grep -n}); the entry point is {@link io.headroom4j.compress.search.SearchResultCompressor}.
 */
package io.headroom4j.compress.search;
