package io.headroom4j.store;

import java.util.Collection;
import java.util.Optional;

/**
 * Keeps the exact originals of compressed content, so a model (or a person) can fetch back what a
 * compressor omitted. This is the reversible half of CCR (compress, cache, retrieve).
 *
 * <p>Keys are content hashes ({@link #keyOf}): storing the same content twice yields the same key and
 * one entry. Implementations are thread-safe. Failures of the underlying storage surface as
 * {@link java.io.UncheckedIOException}; callers that compress treat them as a reason to fail open.
 */
public interface CompressionStore extends AutoCloseable {

    /**
     * Stores {@code original} and returns its key. Storing content that is already present refreshes its
     * time to live and returns the same key.
     *
     * @param original  the exact original text
     * @param transform the name of the transform that omitted part of it, for reports
     * @throws IllegalArgumentException when {@code original} holds a lone surrogate, which has no exact
     *                                  UTF-8 form and so could not be given back byte for byte
     * @throws java.io.UncheckedIOException when the underlying storage fails
     */
    String put(String original, String transform);

    /**
     * The exact original stored under {@code key}, or empty if it was never stored, has expired, or
     * {@code key} is not a well-formed key. Counts as a retrieval.
     */
    Optional<String> get(String key);

    /**
     * Only the parts of the original that match {@code query}: the best matching lines, or for a JSON
     * array the best matching items, ranked by BM25 and returned in their original order, under a
     * header saying how many of how many matched. A blank query returns the whole original exactly, as
     * {@link #get} does.
     */
    default Optional<String> retrieve(String key, String query) {
        return get(key).map(original -> RetrievalFilter.filter(original, query));
    }

    /**
     * Metadata of the live entry under {@code key}, without counting as a retrieval; empty when there is
     * none. Stores that keep no metadata return empty.
     */
    default Optional<StoreEntry> entry(String key) {
        return Optional.empty();
    }

    /**
     * Gives the live entries under {@code keys} a full time to live from now, as storing them again would,
     * and says whether every one of them was live. A memo calls this before sending a remembered marker
     * again, so the marker keeps retrieving while a conversation goes on. Stores that cannot tell answer
     * true.
     */
    default boolean renew(Collection<String> keys) {
        return true;
    }

    /**
     * The memo kept beside the originals, which outlives this process when the store does
     * ({@link SqliteCompressionStore}); {@link CompressionMemo#none()} for stores that keep none. It shares
     * the store's life: closing the store closes it.
     */
    default CompressionMemo memo() {
        return CompressionMemo.none();
    }

    /** Number of live entries. */
    long size();

    /** Releases resources (connections, files). Further calls may fail. */
    @Override
    void close();

    /** The key for {@code original}: the first 24 hex digits of its SHA-256 over UTF-8 bytes. */
    static String keyOf(String original) {
        return ContentKeys.sha256Prefix(original);
    }
}
