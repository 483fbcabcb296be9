package io.headroom4j.store;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link CompressionStore} knows about one stored original, besides its text.
 *
 * @param key        the content-hash key
 * @param transform  the transform that stored it, such as {@code log.templates}
 * @param created    when it was stored (or last stored again)
 * @param expires    when it stops being retrievable
 * @param sizeBytes  its size in UTF-8 bytes
 * @param retrievals how many times it has been fetched back
 */
public record StoreEntry(String key, String transform, Instant created, Instant expires, long sizeBytes,
                         long retrievals) {

    public StoreEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
    }
}
