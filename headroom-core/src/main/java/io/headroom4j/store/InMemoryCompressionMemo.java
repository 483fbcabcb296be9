package io.headroom4j.store;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.headroom4j.compress.Compressed;

/**
 * The in-process memo: a Caffeine cache in front of the store's durable memo (or of nothing).
 *
 * <p>A hit is served from memory without touching the store, which keeps the per-piece cost of a
 * repeated request to a hash lookup (StoreBenchmark {@code memoRecallInMemory}). Every eighth of the
 * time to live a hit is checked once more behind: against the durable memo, which renews it and the
 * originals behind its retrieval keys, or, with no durable memo, against the store itself. So a value
 * used every turn keeps its originals retrievable, and one whose originals were evicted is dropped
 * instead of sending a marker that no longer retrieves.
 *
 * <p>A miss behind is remembered too, for {@link #MISS_RECHECK}: pieces that never compress (too small to
 * gain, protected, history from before the proxy) come back in every request, and asking the file for each
 * of them every time would cost a query per piece per request.
 */
final class InMemoryCompressionMemo implements CompressionMemo {

    /** How long a miss behind is believed before the durable memo is asked again. */
    static final Duration MISS_RECHECK = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(InMemoryCompressionMemo.class.getName());

    private final CompressionStore store;
    private final CompressionMemo behind;
    private final InstantSource clock;
    private final long recheckMillis;
    private final Cache<String, Slot> slots;

    /** A remembered value, or a remembered miss when {@code value} is null. */
    private record Slot(Compressed value, long recheckAtMillis) {
        long weight() {
            return value == null ? 64 : 2L * value.output().length() + 64;
        }
    }

    InMemoryCompressionMemo(Duration ttl, long maxBytes, CompressionStore store, InstantSource clock) {
        this.store = store;
        this.behind = store.memo();
        this.clock = clock;
        this.recheckMillis = Math.max(1, ttl.toMillis() / 8);
        this.slots = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String k, Slot v) -> (int) Math.min(Integer.MAX_VALUE, v.weight()))
                .expireAfterAccess(ttl)
                .build();
    }

    @Override
    public Optional<Compressed> recall(String key) {
        long now = clock.millis();
        Slot slot = slots.getIfPresent(key);
        if (slot != null && now < slot.recheckAtMillis()) {
            return Optional.ofNullable(slot.value());
        }
        Optional<Compressed> value;
        try {
            if (behind != NoMemo.INSTANCE) {
                value = behind.recall(key);
            } else if (slot == null || slot.value() == null) {
                value = Optional.empty();
            } else {
                value = slot.value().retrievalKeys().isEmpty() || store.renew(slot.value().retrievalKeys())
                        ? Optional.of(slot.value()) : Optional.empty();
            }
        } catch (RuntimeException e) {
            // Fail open: compress again rather than risk sending a marker whose original is gone.
            LOG.log(System.Logger.Level.WARNING, "memo lookup failed; compressing again", e);
            value = Optional.empty();
        }
        if (value.isPresent()) {
            slots.put(key, new Slot(value.get(), now + recheckMillis));
        } else if (behind != NoMemo.INSTANCE) {
            slots.put(key, new Slot(null, now + MISS_RECHECK.toMillis()));
        } else if (slot != null) {
            slots.invalidate(key);
        }
        return value;
    }

    @Override
    public Compressed remember(String key, Compressed value) {
        Compressed winner;
        try {
            winner = behind.remember(key, value);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "memo write failed; remembered in memory only", e);
            winner = value;
        }
        slots.put(key, new Slot(winner, clock.millis() + recheckMillis));
        return winner;
    }
}
