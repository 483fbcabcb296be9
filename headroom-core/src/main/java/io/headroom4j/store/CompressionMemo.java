package io.headroom4j.store;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

import io.headroom4j.compress.Compressed;

/**
 * Remembers what each original was compressed to, so that the same original is sent with the same bytes
 * in every later request even when the question (and so the compression) would now come out differently.
 * This is what keeps a provider's prompt cache hitting on earlier turns.
 *
 * <p>Keys are chosen by the caller (the content hash of the original, plus whatever else changes what may
 * be sent, such as lossless mode). A remembered value holds everything needed to send the identical bytes
 * again: output, transform, lossless flag, retrieval keys and note. A value is only handed out while the
 * originals behind its retrieval keys are still in the store, so a re-sent marker always retrieves.
 *
 * <p>Implementations are thread-safe and never throw for a storage failure: a value that cannot be read
 * is a miss (the caller compresses again), a value that cannot be written is simply not remembered.
 */
public interface CompressionMemo {

    /** The value remembered under {@code key}, or empty when there is none (or it can no longer be used). */
    Optional<Compressed> recall(String key);

    /**
     * Remembers {@code value} under {@code key} unless a usable value is already there, and returns the value
     * to send: the one remembered first. Two processes that compress the same original at once therefore
     * settle on one set of bytes.
     */
    Compressed remember(String key, Compressed value);

    /** A memo that remembers nothing: {@link #recall} is always empty and {@link #remember} returns its value. */
    static CompressionMemo none() {
        return NoMemo.INSTANCE;
    }

    /**
     * A memo in process memory, in front of {@code store}'s own {@link CompressionStore#memo() memo} (which
     * for {@link SqliteCompressionStore} lives in the same file and survives restarts). Values stay
     * {@code ttl} after their last use, up to {@code maxBytes} (two bytes per char of output); a value whose
     * retrieval keys have left the store is dropped, checked at least every eighth of {@code ttl}.
     */
    static CompressionMemo inMemory(Duration ttl, long maxBytes, CompressionStore store, InstantSource clock) {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        return new InMemoryCompressionMemo(ttl, maxBytes, store, clock);
    }
}
