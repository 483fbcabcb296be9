package io.headroom4j.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * A {@link CompressionStore} in memory: entries expire a fixed time after they were last written, and the
 * least recently used ones are evicted once their total size passes a byte cap. Nothing survives the
 * process; use {@link SqliteCompressionStore} for that.
 */
public final class InMemoryCompressionStore implements CompressionStore {

    private final Cache<String, String> entries;

    /** A store with the given time to live and byte cap, on the system clock. */
    public InMemoryCompressionStore(Duration ttl, long maxBytes) {
        this(ttl, maxBytes, Ticker.systemTicker());
    }

    /** A store on {@code ticker}'s clock, so tests can move time without sleeping. */
    public InMemoryCompressionStore(Duration ttl, long maxBytes, Ticker ticker) {
        Objects.requireNonNull(ttl, "ttl");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumWeight(maxBytes)
                // Java strings hold two bytes per char at worst; weigh by that to keep the cap honest.
                .weigher((String key, String value) -> (int) Math.min(Integer.MAX_VALUE, 2L * value.length() + 64))
                .ticker(ticker)
                .build();
    }

    @Override
    public String put(String original, String transform) {
        Objects.requireNonNull(original, "original");
        requireEncodable(original);
        String key = CompressionStore.keyOf(original);
        entries.put(key, original);
        return key;
    }

    @Override
    public Optional<String> get(String key) {
        if (!ContentKeys.isWellFormed(key)) {
            return Optional.empty();
        }
        return Optional.ofNullable(entries.getIfPresent(key));
    }

    @Override
    public Optional<String> retrieve(String key, String query) {
        return get(key).map(original -> RetrievalFilter.filter(original, query));
    }

    @Override
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    @Override
    public void close() {
        entries.invalidateAll();
    }

    /**
     * Refuses text with lone surrogates: it has no exact UTF-8 form, so it could not be given back byte
     * for byte, and a key over it would be ambiguous.
     */
    static void requireEncodable(String original) {
        for (int i = 0; i < original.length(); i++) {
            char c = original.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < original.length()
                        && Character.isLowSurrogate(original.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException("content has a lone surrogate at index " + i
                        + " and cannot be stored exactly as UTF-8");
            }
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
