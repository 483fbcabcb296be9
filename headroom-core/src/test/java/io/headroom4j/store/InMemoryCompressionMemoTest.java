package io.headroom4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Markers;

final class InMemoryCompressionMemoTest {

    private static final Duration TTL = Duration.ofHours(24);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    private static Compressed lossyValue(CompressionStore store, String original) {
        String key = store.put(original, "t");
        return Compressed.lossy(Markers.omitted("lines 1-9", key), "t", List.of(key), "");
    }

    @Test
    void aValueInUseKeepsItsOriginalRetrievableInAnInMemoryStore() {
        InMemoryCompressionStore store = new InMemoryCompressionStore(TTL, 1L << 20, clock);
        CompressionMemo memo = CompressionMemo.inMemory(TTL, 1L << 20, store, clock);
        Compressed value = lossyValue(store, "original\n".repeat(9));
        memo.remember("k", value);

        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofHours(4));
            assertThat(memo.recall("k")).contains(value);
        }
        assertThat(store.get(value.retrievalKeys().get(0))).isPresent();
    }

    @Test
    void dropsAValueWhoseOriginalLeftTheStore() {
        InMemoryCompressionStore store = new InMemoryCompressionStore(TTL, 1L << 20, clock);
        CompressionMemo memo = CompressionMemo.inMemory(TTL, 1L << 20, store, clock);
        Compressed value = lossyValue(store, "original\n".repeat(9));
        memo.remember("k", value);
        // Pushed out by the byte cap: another original big enough to evict it.
        store.put("x".repeat(600_000), "t");

        clock.advance(TTL.dividedBy(8));
        assertThat(memo.recall("k")).isEmpty();
    }

    @Test
    void missesInMemoryAreAnsweredByTheDurableMemo() {
        try (SqliteCompressionStore store = SqliteCompressionStore.open(dir.resolve("store.db"), TTL, 1L << 30,
                clock)) {
            Compressed value = lossyValue(store, "original\n".repeat(9));
            CompressionMemo.inMemory(TTL, 1L << 20, store, clock).remember("k", value);

            CompressionMemo restarted = CompressionMemo.inMemory(TTL, 1L << 20, store, clock);
            assertThat(restarted.recall("k")).contains(value);
            assertThat(restarted.recall("other")).isEmpty();
        }
    }

    @Test
    void aMissBehindIsBelievedForAMinuteThenAskedAgain() {
        Path file = dir.resolve("store.db");
        try (SqliteCompressionStore a = SqliteCompressionStore.open(file, TTL, 1L << 30, clock);
             SqliteCompressionStore b = SqliteCompressionStore.open(file, TTL, 1L << 30, clock)) {
            CompressionMemo memoA = CompressionMemo.inMemory(TTL, 1L << 20, a, clock);
            assertThat(memoA.recall("k")).isEmpty();
            Compressed value = Compressed.lossless("from b", "t", "");
            b.memo().remember("k", value);

            assertThat(memoA.recall("k")).isEmpty();
            clock.advance(InMemoryCompressionMemo.MISS_RECHECK);
            assertThat(memoA.recall("k")).contains(value);
            // Remembering over a believed miss settles on what the other process sent first.
            assertThat(CompressionMemo.inMemory(TTL, 1L << 20, a, clock).remember("k",
                    Compressed.lossless("from a", "t", ""))).isEqualTo(value);
        }
    }

    @Test
    void renewingInTheInMemoryStoreReportsKeysThatAreGone() {
        InMemoryCompressionStore store = new InMemoryCompressionStore(TTL, 1L << 20, clock);
        String key = store.put("a", "t");
        clock.advance(TTL.minusMinutes(1));

        assertThat(store.renew(List.of(key))).isTrue();
        clock.advance(TTL.minusMinutes(1));
        assertThat(store.get(key)).contains("a");
        assertThat(store.renew(List.of(key, CompressionStore.keyOf("never stored")))).isFalse();
        assertThat(store.renew(List.of("not a key"))).isFalse();
    }
}
