/**
 * The log compressor and the line tools it shares with the build-output compressor. The entry point is
 * {@link io.headroom4j.compress.log.LogCompressor}; {@link io.headroom4j.compress.log.LineSignals} decides which
 * lines must never be dropped, {@link io.headroom4j.compress.log.DrainParser} mines templates,
 * {@link io.headroom4j.compress.log.LineFolder} writes markers and {@link io.headroom4j.compress.log.RepeatFolding}
 * is the lossless transform.
 */
package io.headroom4j.compress.log;
