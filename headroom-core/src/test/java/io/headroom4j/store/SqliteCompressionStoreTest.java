package io.headroom4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.headroom4j.compress.Compressed;

final class SqliteCompressionStoreTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    static String sample(String prefix, int i) {
        return prefix + " entry " + i + "\n" + "payload \u00e9\u4e2d\uD83D\uDE00 ".repeat(1 + i % 7) + "\r\n";
    }

    private SqliteCompressionStore open(Duration ttl, long maxBytes) {
        return SqliteCompressionStore.open(dir.resolve("ws").resolve("store.db"), ttl, maxBytes, clock);
    }

    private long rawRowCount() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ws").resolve("store.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM entries")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void createsWorkspaceAndKeepsExactUtf8Bytes() throws Exception {
        String original = "first\r\nsecond \u00e9 \uD83D\uDE00\u0000 nul and \uFEFF bom\n\n";
        try (var store = open(Duration.ofHours(24), 1 << 20)) {
            String key = store.put(original, "log.templates");
            assertThat(key).isEqualTo(CompressionStore.keyOf(original));
            assertThat(store.get(key)).contains(original);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ws/store.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT content, size, typeof(content) FROM entries")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBytes(1)).isEqualTo(original.getBytes(StandardCharsets.UTF_8));
            assertThat(rs.getLong(2)).isEqualTo(original.getBytes(StandardCharsets.UTF_8).length);
            assertThat(rs.getString(3)).isEqualTo("blob");
        }
    }

    @Test
    void databaseFileIsReadableByItsOwnerOnly() throws Exception {
        try (var store = open(Duration.ofHours(24), 1 << 20)) {
            store.put("a secret token in tool output", "t");
        }
        Path file = dir.resolve("ws/store.db");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void survivesReopeningAndUsesWal() throws Exception {
        String key;
        try (var store = open(Duration.ofHours(24), 1 << 20)) {
            key = store.put("persisted", "t");
        }
        try (var store = open(Duration.ofHours(24), 1 << 20)) {
            assertThat(store.get(key)).contains("persisted");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ws/store.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void expiredEntriesAreHiddenThenPurgedLazilyAndPeriodically() throws Exception {
        try (var store = open(Duration.ofHours(1), 1 << 20)) {
            String a = store.put("alpha", "t");
            String b = store.put("beta", "t");
            String c = store.put("gamma", "t");
            clock.advance(Duration.ofSeconds(59 * 60 + 30));
            store.put("beta", "t");   // refreshes beta's time to live; a sweep ran, the next is due in 1 min
            clock.advance(Duration.ofSeconds(30));
            assertThat(store.entry(a)).isEmpty();
            assertThat(store.size()).isEqualTo(1);
            assertThat(rawRowCount()).isEqualTo(3);
            assertThat(store.get(a)).isEmpty();            // lazy: deleted when read
            assertThat(rawRowCount()).isEqualTo(2);
            clock.advance(SqliteCompressionStore.PURGE_INTERVAL);
            assertThat(store.get(b)).contains("beta");     // periodic sweep runs on this call
            assertThat(rawRowCount()).isEqualTo(1);
            assertThat(store.get(c)).isEmpty();
            clock.advance(Duration.ofHours(1));
            assertThat(store.purge()).isEqualTo(1);
            assertThat(rawRowCount()).isZero();
        }
    }

    @Test
    void purgeOnlyWhenAskedLeavesExpiredRowsToPurgeAndPurgeOnCallsSweepsAgain() throws Exception {
        try (var store = open(Duration.ofHours(1), 1 << 20)) {
            store.purgeOnlyWhenAsked();
            String a = store.put("alpha", "t");
            store.put("beta", "t");
            clock.advance(Duration.ofHours(2));
            assertThat(store.memo().recall("0".repeat(24))).isEmpty();
            store.put("gamma", "t");
            assertThat(store.size()).isEqualTo(1);
            assertThat(rawRowCount()).isEqualTo(3);       // no call swept
            assertThat(store.purge()).isEqualTo(2);
            assertThat(rawRowCount()).isEqualTo(1);
            store.purgeOnCalls();
            clock.advance(Duration.ofHours(2));
            assertThat(store.get(a)).isEmpty();             // this call sweeps again
            assertThat(rawRowCount()).isZero();
        }
    }

    @Test
    void aMemoLookupOfNewContentDoesNotWaitBehindAWriteThatWaitsForAnotherConnectionsLock() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (var store = open(Duration.ofHours(1), 1 << 20);
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + store.file())) {
            store.purgeOnlyWhenAsked();
            String kept = store.put("remembered original", "t");
            Compressed value = Compressed.lossy("short [retrieve: " + kept + "]", "t", List.of(kept), "");
            store.memo().remember("1".repeat(24), value);
            try (Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");               // holds the write lock, as another process can
                // A write on this store's connection now waits for that lock, holding the store's own lock.
                Future<String> put = pool.submit(() -> store.put("written while locked", "t"));
                Thread.sleep(300);                          // lets the put reach the lock (not a timing check)
                for (int i = 0; i < 20; i++) {
                    assertThat(store.memo().recall("0".repeat(24))).isEmpty();
                }
                assertThat(put.isDone()).isFalse();          // the lookups above answered while it waited
                s.execute("COMMIT");
                assertThat(put.get(30, TimeUnit.SECONDS)).isNotNull();
            }
            // A hit still goes through the store's connection: renewed, touched, the same value.
            assertThat(store.memo().recall("1".repeat(24))).contains(value);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPurgeWaitingForAnotherConnectionsWriteLockHoldsUpNoLookup() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (var store = open(Duration.ofHours(1), 1 << 20);
             Connection other = DriverManager.getConnection("jdbc:sqlite:" + store.file())) {
            store.purgeOnlyWhenAsked();
            String a = store.put("alpha", "t");
            clock.advance(Duration.ofHours(2));
            String b = store.put("beta", "t");
            try (Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");               // holds the write lock, as another process can
                Future<Integer> purge = pool.submit(store::purge);
                Thread.sleep(300);                          // lets the purge reach the lock (not a timing check)
                // Lookups on this store's connection read while the purge waits for the lock.
                for (int i = 0; i < 20; i++) {
                    assertThat(store.memo().recall("0".repeat(24))).isEmpty();
                    assertThat(store.entry(b)).isPresent();
                    assertThat(store.size()).isEqualTo(1);
                }
                assertThat(purge.isDone()).isFalse();
                s.execute("COMMIT");
                assertThat(purge.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(store.get(a)).isEmpty();
            assertThat(rawRowCount()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void byteCapEvictsOldestEntriesOnSweep() {
        try (var store = open(Duration.ofHours(1), 10_000)) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                keys.add(store.put(String.format("%04d", i) + "x".repeat(996), "t"));
                clock.advance(Duration.ofSeconds(1));
            }
            store.purge();
            assertThat(store.storedBytes()).isLessThanOrEqualTo(10_000);
            assertThat(store.size()).isEqualTo(10);
            assertThat(store.get(keys.get(19))).isEmpty();
            for (int i = 20; i < 30; i++) {
                assertThat(store.get(keys.get(i))).isPresent();
            }
        }
    }

    @Test
    void entryReportsMetadataAndRetrievalCount() {
        try (var store = open(Duration.ofHours(24), 1 << 20)) {
            String key = store.put("caf\u00e9 latte", "search.matches");
            store.get(key);
            store.retrieve(key, "latte");
            StoreEntry e = store.entry(key).orElseThrow();
            assertThat(e.transform()).isEqualTo("search.matches");
            assertThat(e.sizeBytes()).isEqualTo(11);
            assertThat(e.retrievals()).isEqualTo(2);
            assertThat(e.created()).isEqualTo(clock.instant());
            assertThat(e.expires()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        }
    }

    @Test
    void twoInstancesShareOneFile() {
        try (var a = open(Duration.ofHours(24), 1 << 20); var b = open(Duration.ofHours(24), 1 << 20)) {
            String k1 = a.put("written by a", "t");
            String k2 = b.put("written by b", "t");
            assertThat(b.get(k1)).contains("written by a");
            assertThat(a.get(k2)).contains("written by b");
            assertThat(a.put("written by b", "t")).isEqualTo(k2);
            assertThat(a.size()).isEqualTo(2);
            assertThat(b.size()).isEqualTo(2);
        }
    }

    @Test
    void concurrentPutsAndGetsFromManyThreadsAndTwoInstances() throws Exception {
        try (var a = open(Duration.ofHours(24), 64L << 20); var b = open(Duration.ofHours(24), 64L << 20)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    SqliteCompressionStore store = t % 2 == 0 ? a : b;
                    SqliteCompressionStore other = t % 2 == 0 ? b : a;
                    String prefix = "thread" + t;
                    results.add(pool.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < 100; i++) {
                            String s = sample(prefix, i);
                            String key = store.put(s, "t");
                            if (other.get(key).orElseThrow().equals(s)) {
                                ok++;
                            }
                        }
                        return ok;
                    }));
                }
                for (Future<Integer> f : results) {
                    assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(100);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(a.size()).isEqualTo(800);
        }
    }

    @Test
    void anotherProcessWritesTheSameFileConcurrently() throws Exception {
        Path file = dir.resolve("ws").resolve("store.db");
        try (var store = SqliteCompressionStore.open(file, Duration.ofHours(1))) {
            store.put("created first", "t");
            String java = ProcessHandle.current().info().command().orElse("java");
            // The child extracts SQLite's native library where this JVM does (target/ under Maven).
            String nativeDir = System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir"));
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "--enable-native-access=ALL-UNNAMED", "-Dorg.sqlite.tmpdir=" + nativeDir,
                    StoreWriterMain.class.getName(), file.toString(), "child", "200")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            for (int i = 0; i < 200; i++) {
                String s = sample("parent", i);
                assertThat(store.get(store.put(s, "parent"))).contains(s);
            }
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child finished").isTrue();
            assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
            for (int i = 0; i < 200; i++) {
                String s = sample("child", i);
                assertThat(store.get(CompressionStore.keyOf(s))).contains(s);
            }
            assertThat(store.size()).isEqualTo(401);
        }
    }

    @Test
    void corruptFileFailsWithClearUncheckedIoException() throws Exception {
        Path file = dir.resolve("ws").resolve("store.db");
        Files.createDirectories(file.getParent());
        byte[] garbage = "not an SQLite database, just some text\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        Files.write(file, garbage);
        assertThatThrownBy(() -> SqliteCompressionStore.open(file, Duration.ofHours(1)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot open the store " + file)
                .hasMessageContaining("not a database");
    }

    @Test
    void unwritableLocationFailsWithClearUncheckedIoException() throws Exception {
        Path notADir = dir.resolve("plain-file");
        Files.writeString(notADir, "x");
        Path file = notADir.resolve("ws").resolve("store.db");
        assertThatThrownBy(() -> SqliteCompressionStore.open(file, Duration.ofHours(1)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot create the store directory for " + file);
    }

    @Test
    void closedStoreFailsWithUncheckedIoException() {
        var store = open(Duration.ofHours(1), 1 << 20);
        store.close();
        assertThatThrownBy(() -> store.put("x", "t")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("is closed");
        store.close();
    }

    @Test
    void rejectsLoneSurrogatesAndMalformedKeys() {
        try (var store = open(Duration.ofHours(1), 1 << 20)) {
            assertThatThrownBy(() -> store.put("bad \uDC00 low", "t")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lone surrogate");
            assertThat(store.size()).isZero();
            assertThat(store.get("'; DROP TABLE entries; --")).isEmpty();
            assertThat(store.get("0123456789abcdef01234567")).isEmpty();
        }
    }

    @Test
    void retrieveWithQueryFiltersAndBlankQueryReturnsEverything() {
        try (var store = open(Duration.ofHours(1), 1 << 20)) {
            String log = "INFO start\nWARN disk almost full\nINFO request ok\nERROR disk full, write failed\n";
            String key = store.put(log, "log.templates");
            assertThat(store.retrieve(key, "")).contains(log);
            assertThat(store.retrieve(key, "disk")).contains(
                    "[2 of 4 lines match \"disk\"; in original order, line 1 = the first line of this stored text]\n"
                            + "2:WARN disk almost full\n4:ERROR disk full, write failed");
        }
    }
}
