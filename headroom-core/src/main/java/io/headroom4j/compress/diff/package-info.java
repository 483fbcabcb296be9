/**
 * Compression of unified diffs, {@code git diff}, {@code git show} and {@code git log -p}; the entry point
 * is {@link io.headroom4j.compress.diff.DiffCompressor}.
 */
package io.headroom4j.compress.diff;
