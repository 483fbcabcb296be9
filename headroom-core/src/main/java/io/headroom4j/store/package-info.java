/**
 * The reversible half of CCR: {@link io.headroom4j.store.CompressionStore} keeps the exact originals of
 * what compressors omit, under content-hash keys that markers carry. Open the workspace store with
 * {@link io.headroom4j.store.CompressionStores#open}; {@link io.headroom4j.store.SqliteCompressionStore}
 * persists and is shared between processes, {@link io.headroom4j.store.InMemoryCompressionStore} is the
 * library's in-process default. {@link io.headroom4j.store.CompressionMemo} remembers what each original was
 * compressed to, so earlier turns are re-sent with the same bytes; the SQLite store keeps it in the same file.
 */
package io.headroom4j.store;
