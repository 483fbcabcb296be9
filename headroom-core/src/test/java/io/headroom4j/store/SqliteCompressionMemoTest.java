package io.headroom4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Markers;

final class SqliteCompressionMemoTest {

    private static final Duration TTL = Duration.ofHours(24);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    private SqliteCompressionStore open() {
        return SqliteCompressionStore.open(file(), TTL, 1L << 30, clock);
    }

    private Path file() {
        return dir.resolve("store.db");
    }

    /** A lossy value whose one marker points at {@code original}, stored in {@code store}. */
    private static Compressed lossyValue(CompressionStore store, String original) {
        String key = store.put(original, "log.templates");
        return Compressed.lossy("line 1\n" + Markers.omitted("lines 2-400", key) + "\n\u00e9\uD83D\uDE00\r\n",
                "log.templates", List.of(key), "kept 1 of 400 lines");
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute(statement);
        }
    }

    @Test
    void remembersEveryFieldExactlyAcrossReopening() {
        Compressed value;
        try (SqliteCompressionStore store = open()) {
            value = lossyValue(store, "the original\n".repeat(400));
            assertThat(store.memo().remember("k1", value)).isSameAs(value);
            Compressed lossless = Compressed.lossless("[{\"a\":1}]", "json.table", "");
            store.memo().remember("k2", lossless);
        }
        try (SqliteCompressionStore store = open()) {
            assertThat(store.memo().recall("k1")).contains(value);
            assertThat(store.memo().recall("k2")).contains(Compressed.lossless("[{\"a\":1}]", "json.table", ""));
            assertThat(store.memo().recall("k3")).isEmpty();
            assertThat(store.memoSize()).isEqualTo(2);
        }
    }

    @Test
    void theValueRememberedFirstWinsBetweenProcesses() {
        try (SqliteCompressionStore a = open(); SqliteCompressionStore b = open()) {
            Compressed first = lossyValue(a, "original one\n".repeat(300));
            Compressed second = Compressed.lossless("something else", "json.table", "");

            a.memo().remember("k", first);
            Compressed sent = b.memo().remember("k", second);

            assertThat(sent).isEqualTo(first);
            assertThat(b.memo().recall("k")).contains(first);
        }
    }

    @Test
    void aValueLivesTheTimeToLiveAfterItsLastUseAndKeepsItsOriginalsRetrievable() {
        try (SqliteCompressionStore store = open()) {
            String original = "keep me\n".repeat(500);
            Compressed value = lossyValue(store, original);
            store.memo().remember("k", value);
            String key = value.retrievalKeys().get(0);

            for (int day = 0; day < 5; day++) {
                clock.advance(TTL.minusHours(1));
                assertThat(store.memo().recall("k")).as("day %d", day).contains(value);
            }
            // Five TTLs later the original is still there: each use renewed it with the memo row.
            assertThat(store.get(key)).contains(original);

            clock.advance(TTL.plusMinutes(1));
            assertThat(store.memo().recall("k")).isEmpty();
            store.purge();
            assertThat(store.memoSize()).isZero();
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void aHitIsAnsweredWhileAnotherProcessHoldsTheWriteLockAndRenewedBehind() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (SqliteCompressionStore store = open();
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + file())) {
            store.purgeOnlyWhenAsked();
            Compressed value = lossyValue(store, "renewed behind\n".repeat(300));
            store.memo().remember("k", value);
            String key = value.retrievalKeys().get(0);
            clock.advance(Duration.ofHours(2));   // 22 h left: more than an eighth of the time to live
            Instant hitAt = clock.instant();
            try (Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");               // holds the write lock, as another process can
                // A write on this store's connection now waits for that lock, holding the store's own lock.
                Future<String> put = pool.submit(() -> store.put("written while locked", "t"));
                Thread.sleep(300);                          // lets the put reach the lock (not a timing check)
                Future<Optional<Compressed>> hit = pool.submit(() -> store.memo().recall("k"));
                // Before, the hit renewed on the store's connection and waited here until the lock was let go.
                assertThat(hit.get(5, TimeUnit.SECONDS)).contains(value);
                assertThat(put.isDone()).isFalse();
                s.execute("COMMIT");
                assertThat(put.get(30, TimeUnit.SECONDS)).isNotNull();
            }
            // The renewal follows on the store's renewal thread, as of the hit's time.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!store.entry(key).orElseThrow().expires().equals(hitAt.plus(TTL))
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(store.entry(key).orElseThrow().expires()).isEqualTo(hitAt.plus(TTL));
            // The memo row was touched too: it outlives its first time to live, counted from the hit.
            clock.advance(TTL.minusMinutes(1));
            assertThat(store.memo().recall("k")).contains(value);
            // With a minute left, less than an eighth of the time to live, the hit renews before it answers.
            assertThat(store.entry(key).orElseThrow().expires()).isEqualTo(clock.instant().plus(TTL));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dropsAValueWhoseOriginalIsGoneInsteadOfResendingADeadMarker() throws Exception {
        try (SqliteCompressionStore store = open()) {
            Compressed value = lossyValue(store, "evicted later\n".repeat(300));
            store.memo().remember("k", value);
        }
        sql("DELETE FROM entries");
        try (SqliteCompressionStore store = open()) {
            assertThat(store.memo().recall("k")).isEmpty();
            assertThat(store.memoSize()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "UPDATE memo SET output = X'C328FF'",
        "UPDATE memo SET output = substr(output, 1, 5)",
        "UPDATE memo SET digest = 'not a digest'",
        "UPDATE memo SET lossless = 7",
        "UPDATE memo SET lossless = 1",
        "UPDATE memo SET retrieval_keys = 'nothex'",
        "UPDATE memo SET retrieval_keys = ''",
        "UPDATE memo SET note = 'kept everything'",
        "UPDATE memo SET transform = 'json.table'",
        "UPDATE memo SET output = 42",
    })
    void aDamagedRowIsAMissNeverAnException(String damage) throws Exception {
        try (SqliteCompressionStore store = open()) {
            store.memo().remember("k", lossyValue(store, "original\n".repeat(300)));
        }
        sql(damage);
        try (SqliteCompressionStore store = open()) {
            assertThat(store.memo().recall("k")).isEmpty();
            assertThat(store.memoSize()).as("the damaged row is deleted").isZero();
            // And the next value takes its place.
            Compressed fresh = Compressed.lossless("fresh", "t", "");
            assertThat(store.memo().remember("k", fresh)).isSameAs(fresh);
            assertThat(store.memo().recall("k")).contains(fresh);
        }
    }

    @Test
    void anUnreadableTableIsAMissNeverAnException() throws Exception {
        try (SqliteCompressionStore store = open()) {
            store.memo().remember("k", Compressed.lossless("x", "t", ""));
            sql("DROP TABLE memo");

            assertThat(store.memo().recall("k")).isEmpty();
            Compressed value = Compressed.lossless("y", "t", "");
            assertThat(store.memo().remember("k", value)).isSameAs(value);
        }
    }

    @Test
    void aClosedStoreRemembersNothingAndThrowsNothing() {
        SqliteCompressionStore store = open();
        store.close();
        Compressed value = Compressed.lossless("y", "t", "");

        assertThat(store.memo().remember("k", value)).isSameAs(value);
        assertThat(store.memo().recall("k")).isEmpty();
    }

    @Test
    void outputWithoutAnExactUtf8FormIsNotWritten() {
        try (SqliteCompressionStore store = open()) {
            Compressed value = Compressed.lossless("lone \uD800 surrogate", "t", "");

            assertThat(store.memo().remember("k", value)).isSameAs(value);
            assertThat(store.memoSize()).isZero();
        }
    }

    @Test
    void anOlderStoreFileGainsTheMemoTableWhenOpened() throws Exception {
        try (SqliteCompressionStore store = open()) {
            store.put("x", "t");
        }
        sql("DROP TABLE memo");
        try (SqliteCompressionStore store = open()) {
            Compressed value = Compressed.lossless("y", "t", "");
            store.memo().remember("k", value);
            assertThat(store.memo().recall("k")).contains(value);
            assertThat(store.get(CompressionStore.keyOf("x"))).contains("x");
        }
    }
}
