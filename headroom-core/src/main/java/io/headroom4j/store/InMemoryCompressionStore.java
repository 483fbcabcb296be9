package io.headroom4j.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link CompressionStore} in memory: entries expire a fixed time after they were last stored, and once
 * their total size passes a byte cap the oldest-stored ones are evicted first. Nothing survives the
 * process; use {@link SqliteCompressionStore} for that. Thread-safe.
 *
 * <p>Why not a Caffeine cache: Caffeine's size eviction (W-TinyLFU) admits a new entry only if it looks
 * more popular than the victim, and every original is stored exactly once, so under a full cap it
 * routinely evicts the entry just written (86 of 100 in a quick check with 1 KB entries in a 10 KB
 * cache). The newest original is the one whose key was just handed to a model, so it must be the last to
 * go. Eviction here is strictly by age of the last store, which also makes it deterministic.
 */
public final class InMemoryCompressionStore implements CompressionStore {

    /** Bytes charged per entry on top of its text: key, node and record overhead. */
    static final long ENTRY_OVERHEAD = 160;

    private final Duration ttl;
    private final long maxBytes;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    // Insertion order = order of last store, because put re-inserts; the head is the oldest entry and
    // therefore also the first to expire.
    private final LinkedHashMap<String, Slot> entries = new LinkedHashMap<>();
    private long bytes;

    private static final class Slot {
        final String original;
        final String transform;
        final Instant created;
        final Instant expires;
        final long utf8Length;
        final long weight;
        long retrievals;

        Slot(String original, String transform, Instant created, Instant expires, long utf8Length, long retrievals) {
            this.original = original;
            this.transform = transform;
            this.created = created;
            this.expires = expires;
            this.utf8Length = utf8Length;
            // Java strings hold one byte per char when Latin-1, two otherwise; charge the worst case.
            this.weight = 2L * original.length() + ENTRY_OVERHEAD;
            this.retrievals = retrievals;
        }
    }

    /** A store with the given time to live and byte cap, on the system clock. */
    public InMemoryCompressionStore(Duration ttl, long maxBytes) {
        this(ttl, maxBytes, InstantSource.system());
    }

    /**
     * A store on {@code clock}, so tests can move time without sleeping.
     *
     * @param ttl      how long an entry stays retrievable after it was last stored; positive
     * @param maxBytes cap on the memory charged to entries (two bytes per char plus a small overhead)
     * @param clock    the time source
     */
    public InMemoryCompressionStore(Duration ttl, long maxBytes, InstantSource clock) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.ttl = ttl;
        this.maxBytes = maxBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String put(String original, String transform) {
        Objects.requireNonNull(original, "original");
        byte[] utf8 = encodableUtf8(original);
        String key = ContentKeys.sha256Prefix(utf8);
        String name = transform == null ? "" : transform;
        lock.lock();
        try {
            Instant now = clock.instant();
            purgeExpired(now);
            Slot old = entries.remove(key);
            long retrievals = 0;
            if (old != null) {
                bytes -= old.weight;
                retrievals = old.retrievals;
            }
            Slot slot = new Slot(original, name, now, now.plus(ttl), utf8.length, retrievals);
            entries.put(key, slot);
            bytes += slot.weight;
            // Evict oldest first, but never the entry just stored: a single entry above the cap is kept
            // until the next store, so the key just handed out works at least once.
            Iterator<Map.Entry<String, Slot>> it = entries.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<String, Slot> e = it.next();
                if (e.getValue() == slot) {
                    break;
                }
                bytes -= e.getValue().weight;
                it.remove();
            }
            return key;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<String> get(String key) {
        if (!ContentKeys.isWellFormed(key)) {
            return Optional.empty();
        }
        lock.lock();
        try {
            Slot slot = live(key);
            if (slot == null) {
                return Optional.empty();
            }
            slot.retrievals++;
            return Optional.of(slot.original);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<StoreEntry> entry(String key) {
        if (!ContentKeys.isWellFormed(key)) {
            return Optional.empty();
        }
        lock.lock();
        try {
            Slot s = live(key);
            return s == null ? Optional.empty()
                    : Optional.of(new StoreEntry(key, s.transform, s.created, s.expires, s.utf8Length, s.retrievals));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean renew(Collection<String> keys) {
        lock.lock();
        try {
            Instant now = clock.instant();
            boolean all = true;
            for (String key : keys) {
                Slot s = ContentKeys.isWellFormed(key) ? live(key) : null;
                if (s == null) {
                    all = false;
                    continue;
                }
                // Re-inserted at the tail: renewing counts as storing again, also for eviction order.
                entries.remove(key);
                entries.put(key, new Slot(s.original, s.transform, now, now.plus(ttl), s.utf8Length, s.retrievals));
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long size() {
        lock.lock();
        try {
            purgeExpired(clock.instant());
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    /** Memory charged to live entries, in bytes; never above the cap except for a single oversized entry. */
    public long chargedBytes() {
        lock.lock();
        try {
            purgeExpired(clock.instant());
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            entries.clear();
            bytes = 0;
        } finally {
            lock.unlock();
        }
    }

    private Slot live(String key) {
        Slot slot = entries.get(key);
        if (slot != null && !clock.instant().isBefore(slot.expires)) {
            entries.remove(key);
            bytes -= slot.weight;
            return null;
        }
        return slot;
    }

    private void purgeExpired(Instant now) {
        // Entries are in order of last store and share one ttl, so the expired ones form a prefix.
        Iterator<Slot> it = entries.values().iterator();
        while (it.hasNext()) {
            Slot s = it.next();
            if (now.isBefore(s.expires)) {
                break;
            }
            bytes -= s.weight;
            it.remove();
        }
    }

    /**
     * The UTF-8 bytes of {@code original}, which the key is computed over; refuses text with lone surrogates
     * as {@link #requireEncodable} does.
     */
    static byte[] encodableUtf8(String original) {
        byte[] utf8 = original.getBytes(StandardCharsets.UTF_8);
        // Text whose UTF-8 bytes read back as Latin-1 give the text itself has only chars up to U+00FF, so no
        // surrogate (a lone one would have been encoded as '?'). For ASCII text, most tool output, that is a
        // vectorised copy and compare instead of a look at every char (StoreBenchmark, JsonCompressorBenchmark).
        if (utf8.length != original.length() || !original.equals(new String(utf8, StandardCharsets.ISO_8859_1))) {
            requireEncodable(original);
        }
        return utf8;
    }

    /**
     * Refuses text with lone surrogates: it has no exact UTF-8 form, so it could not be given back byte
     * for byte, and a key over it would be ambiguous.
     */
    static void requireEncodable(String original) {
        // Most text holds no surrogate at all. Find that out a chunk at a time with a branch-free OR over a
        // char[] (much faster than charAt with a test per char on a 475 KB JSON original), and check pairs
        // char by char only from the first chunk that holds a surrogate: every char before it is a plain one.
        int n = original.length();
        char[] chunk = new char[Math.min(n, 4096)];
        for (int from = 0; from < n; from += chunk.length) {
            int to = Math.min(n, from + chunk.length);
            original.getChars(from, to, chunk, 0);
            int any = 0;
            for (int k = 0, len = to - from; k < len; k++) {
                any |= ((chunk[k] & 0xF800) ^ 0xD800) - 1;   // negative exactly for U+D800..U+DFFF
            }
            if (any < 0) {
                requirePairs(original, from);
                return;
            }
        }
    }

    private static void requirePairs(String original, int from) {
        for (int i = from; i < original.length(); i++) {
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
}
