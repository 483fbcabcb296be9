package io.headroom4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

final class InMemoryCompressionStoreTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void returnsExactOriginalUnderContentHashKey() {
        var store = new InMemoryCompressionStore(Duration.ofHours(1), 1 << 20, clock);
        String original = "line 1\r\nline 2 \u00e9\u4e2d\uD83D\uDE00\n\ttabs and trailing space \n";
        String key = store.put(original, "log.templates");
        assertThat(key).isEqualTo(CompressionStore.keyOf(original)).matches("[0-9a-f]{24}");
        assertThat(store.get(key)).contains(original);
        assertThat(store.put(original, "log.templates")).isEqualTo(key);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void entriesExpireAfterTtlAndStoringAgainRefreshesThem() {
        var store = new InMemoryCompressionStore(Duration.ofMinutes(30), 1 << 20, clock);
        String a = store.put("alpha", "t");
        clock.advance(Duration.ofMinutes(20));
        String b = store.put("beta", "t");
        clock.advance(Duration.ofMinutes(10));
        assertThat(store.get(a)).isEmpty();
        assertThat(store.get(b)).contains("beta");
        store.put("beta", "t");
        clock.advance(Duration.ofMinutes(29));
        assertThat(store.get(b)).contains("beta");
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.get(b)).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void byteCapEvictsOldestAndNeverTheEntryJustStored() {
        long cap = 10 * (2 * 1000 + InMemoryCompressionStore.ENTRY_OVERHEAD);
        var store = new InMemoryCompressionStore(Duration.ofHours(1), cap, clock);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String key = store.put(String.format("%04d", i) + "x".repeat(996), "t");
            keys.add(key);
            assertThat(store.get(key)).as("entry %d right after put", i).isPresent();
            assertThat(store.chargedBytes()).isLessThanOrEqualTo(cap);
        }
        assertThat(store.size()).isEqualTo(10);
        for (int i = 0; i < 90; i++) {
            assertThat(store.get(keys.get(i))).isEmpty();
        }
        for (int i = 90; i < 100; i++) {
            assertThat(store.get(keys.get(i))).isPresent();
        }
    }

    @Test
    void keepsOneOversizedEntryUntilTheNextStore() {
        var store = new InMemoryCompressionStore(Duration.ofHours(1), 1_000, clock);
        String big = store.put("y".repeat(5_000), "t");
        assertThat(store.get(big)).isPresent();
        String small = store.put("z", "t");
        assertThat(store.get(big)).isEmpty();
        assertThat(store.get(small)).contains("z");
    }

    @Test
    void rejectsLoneSurrogates() {
        var store = new InMemoryCompressionStore(Duration.ofHours(1), 1 << 20, clock);
        assertThatThrownBy(() -> store.put("a\uD800b", "t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate at index 1");
        assertThatThrownBy(() -> store.put("end\uD83D", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("\uDE00start", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.size()).isZero();
    }

    @Test
    void malformedKeysFindNothing() {
        var store = new InMemoryCompressionStore(Duration.ofHours(1), 1 << 20, clock);
        store.put("x", "t");
        assertThat(store.get(null)).isEmpty();
        assertThat(store.get("")).isEmpty();
        assertThat(store.get("ABCDEF0123456789ABCDEF01")).isEmpty();
        assertThat(store.retrieve("not a key", "q")).isEmpty();
    }

    @Test
    void entryReportsMetadataAndCountsRetrievals() {
        var store = new InMemoryCompressionStore(Duration.ofHours(2), 1 << 20, clock);
        String key = store.put("caf\u00e9", "json.rows");
        store.get(key);
        store.retrieve(key, "caf");
        StoreEntry e = store.entry(key).orElseThrow();
        assertThat(e.transform()).isEqualTo("json.rows");
        assertThat(e.sizeBytes()).isEqualTo(5);
        assertThat(e.retrievals()).isEqualTo(2);
        assertThat(e.created()).isEqualTo(clock.instant());
        assertThat(e.expires()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
    }

    @Test
    void concurrentPutsAndGetsAllRoundTrip() throws Exception {
        var store = new InMemoryCompressionStore(Duration.ofHours(1), 64L << 20);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 500; i++) {
                        String s = "thread " + thread + " item " + i + " \uD83D\uDE80";
                        String key = store.put(s, "t");
                        if (store.get(key).orElseThrow().equals(s)) {
                            ok++;
                        }
                        String other = "thread " + ((thread + 1) % 8) + " item " + i + " \uD83D\uDE80";
                        store.get(CompressionStore.keyOf(other));
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.size()).isEqualTo(4_000);
    }

    @Test
    void loneSurrogatesAreRefusedInEveryChunkAndPairsAcrossChunksAreKept() {
        var store = new InMemoryCompressionStore(Duration.ofHours(1), 1 << 24, clock);
        String pad = "x".repeat(4095);
        // a pair split by the 4,096-char chunk boundary of the surrogate check, and pairs far from the start
        String pairAcross = pad + "\uD83D\uDE00" + "y".repeat(9000) + "\uD83D\uDE00";
        assertThat(store.get(store.put(pairAcross, "t"))).contains(pairAcross);
        for (int at : new int[] {0, 4095, 4096, 8191, 9000, 12_000}) {
            String high = "z".repeat(at) + "\uD800" + "z".repeat(100);
            String low = "z".repeat(at) + "\uDC00";
            assertThatThrownBy(() -> store.put(high, "t")).hasMessageContaining("lone surrogate at index " + at);
            assertThatThrownBy(() -> store.put(low, "t")).hasMessageContaining("lone surrogate at index " + at);
        }
        String reversed = pad + "\uDE00\uD83D";
        assertThatThrownBy(() -> store.put(reversed, "t")).hasMessageContaining("lone surrogate at index 4095");
    }
}
