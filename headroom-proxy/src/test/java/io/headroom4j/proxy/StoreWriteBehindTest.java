package io.headroom4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Markers;
import io.headroom4j.store.SqliteCompressionStore;

/**
 * The proxy writes the originals behind its markers while the request goes upstream, and relays the answer
 * only once they are on disk; a real SQLite store that cannot be written makes it send the original request.
 */
final class StoreWriteBehindTest {

    private static final Duration TTL = Duration.ofHours(1);

    @TempDir
    Path dir;

    /** A 30K-token log in an Anthropic request, which {@code log.templates} compresses with a retrieval key. */
    private static String request(String salt) {
        return ProxyBench.request(30_000, salt).replace("\"stream\":true", "\"stream\":false");
    }

    private static String originalLog(String body) throws Exception {
        return TestProxies.JSON.readTree(body).at("/messages/2/content/0/content").asText();
    }

    private static Connection second(Path file) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** Rows under {@code key} as another connection sees them (the store itself is busy writing). */
    private static int rows(Statement s, String key) throws Exception {
        try (var rs = s.executeQuery("SELECT COUNT(*) FROM entries WHERE key = '" + key + "'")) {
            return rs.next() ? rs.getInt(1) : -1;
        }
    }

    private static int memoRows(Statement s) throws Exception {
        try (var rs = s.executeQuery("SELECT COUNT(*) FROM memo")) {
            return rs.next() ? rs.getInt(1) : -1;
        }
    }

    private static HeadroomProxy proxy(FakeUpstream up, SqliteCompressionStore store) {
        ProxyConfig pc = ProxyConfig.builder().port(0).warmUp(false)
                .openaiApiUrl(up.url()).anthropicApiUrl(up.url()).build();
        return HeadroomProxy.start(HeadroomConfig.defaults(), pc, store);
    }

    @Test
    void aPendingWriteIsRetrievableInProcessAndDurableOnceAwaited() throws Exception {
        Path file = dir.resolve("store.db");
        try (SqliteCompressionStore store = SqliteCompressionStore.open(file, TTL);
             Connection other = second(file)) {
            WriteBehindStore writes = new WriteBehindStore(store);
            try (Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE");   // another process holds the write lock
                String key = writes.put("the exact original\nline 2\n", "test");
                assertThat(writes.get(key)).contains("the exact original\nline 2\n");
                assertThat(writes.awaitDurable(List.of(key), TimeUnit.MILLISECONDS.toNanos(200))).isFalse();
                assertThat(rows(s, key)).isZero();
                s.execute("INSERT INTO memo (key, output, transform, lossless, retrieval_keys, note, digest, size,"
                        + " expires_ms) VALUES ('other', x'00', 't', 0, '', '', 'd', 1, 0)");
                s.execute("COMMIT");   // the other process wrote something while the writer waited
                assertThat(writes.awaitDurable(List.of(key), TimeUnit.SECONDS.toNanos(10))).isTrue();
                assertThat(store.get(key)).contains("the exact original\nline 2\n");
            } finally {
                writes.close();
            }
        }
    }

    @Test
    void theAnswerWaitsForTheWriteAndRetrieveSeesItMeanwhile() throws Exception {
        Path file = dir.resolve("store.db");
        try (FakeUpstream up = new FakeUpstream();
             SqliteCompressionStore store = SqliteCompressionStore.open(file, TTL);
             Connection other = second(file);
             Statement s = other.createStatement()) {
            up.always(FakeUpstream.json(200, java.util.Map.of(), "{\"type\":\"message\",\"content\":[]}"));
            HeadroomProxy proxy = proxy(up, store);
            try {
                // A first request: answered once its original is on disk (and it runs the store's first sweep,
                // which needs the write lock, before the lock is taken below).
                String warm = request("warm");
                HttpResponse<byte[]> w = TestProxies.send(TestProxies.post(proxy, "/v1/messages", warm));
                assertThat(w.statusCode()).isEqualTo(200);
                String warmKey = Markers.keysIn(up.take().text()).get(0);
                try (SqliteCompressionStore fresh = SqliteCompressionStore.open(file, TTL)) {
                    assertThat(fresh.get(warmKey)).isPresent();
                }
                // The warm request's memo row is written after its answer: wait for it, or the writer would hold the
                // store while it waits for the lock below, and the next request's memo lookup would wait behind it.
                for (int i = 0; i < 200 && memoRows(s) == 0; i++) {
                    Thread.sleep(50);
                }
                String body = request("pending");
                s.execute("BEGIN IMMEDIATE");   // the store's writer waits for this lock
                CompletableFuture<HttpResponse<byte[]>> answer = TestProxies.CLIENT.sendAsync(
                        TestProxies.post(proxy, "/v1/messages", body).build(), HttpResponse.BodyHandlers.ofByteArray());
                FakeUpstream.Received sent = up.take();   // went upstream before the write was done
                List<String> keys = Markers.keysIn(sent.text());
                assertThat(keys).isNotEmpty();
                String key = keys.get(0);
                HttpResponse<byte[]> retrieved = TestProxies.send(HttpRequest.newBuilder(
                        URI.create(proxy.uri() + "/v1/retrieve/" + key)).timeout(Duration.ofSeconds(10)));
                assertThat(retrieved.statusCode()).isEqualTo(200);
                String original = TestProxies.JSON.readTree(retrieved.body()).path("original_content").asText();
                assertThat(originalLog(body)).contains(original.substring(0, Math.min(200, original.length())));
                Thread.sleep(300);
                assertThat(answer).isNotDone();   // nothing relayed while the original is not on disk
                assertThat(rows(s, key)).isZero();
                s.execute("ROLLBACK");
                HttpResponse<byte[]> r = answer.get(20, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("x-headroom-compression-failed")).isEmpty();
                try (SqliteCompressionStore fresh = SqliteCompressionStore.open(file, TTL)) {
                    assertThat(fresh.get(key)).contains(original);   // on disk for any process
                }
            } finally {
                proxy.close();
            }
        }
    }

    @Test
    void theWriterSweepsExpiredRowsAndARequestGoesOutCompressedWhileTheSweepWaitsForAnotherProcessesLock()
            throws Exception {
        Path file = dir.resolve("store.db");
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        try (FakeUpstream up = new FakeUpstream();
             SqliteCompressionStore store = SqliteCompressionStore.open(file, TTL,
                     SqliteCompressionStore.DEFAULT_MAX_BYTES, clock);
             Connection other = second(file);
             Statement s = other.createStatement()) {
            up.always(FakeUpstream.json(200, java.util.Map.of(), "{\"type\":\"message\",\"content\":[]}"));
            String old = store.put("an original of yesterday\n", "test");
            now.addAndGet(TTL.toMillis() * 2);
            s.execute("BEGIN IMMEDIATE");   // another process holds the write lock; the first sweep waits for it
            HeadroomProxy proxy = proxy(up, store);
            try {
                CompletableFuture<HttpResponse<byte[]>> answer = TestProxies.CLIENT.sendAsync(
                        TestProxies.post(proxy, "/v1/messages", request("swept")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                // The memo lookup on the request's path did not wait for the lock: the request went up compressed.
                FakeUpstream.Received sent = up.take();
                assertThat(Markers.keysIn(sent.text())).isNotEmpty();
                assertThat(rows(s, old)).isEqualTo(1);
                s.execute("ROLLBACK");
                HttpResponse<byte[]> r = answer.get(20, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("x-headroom-compression-failed")).isEmpty();
                for (int i = 0; i < 200 && rows(s, old) != 0; i++) {
                    Thread.sleep(50);   // the writer's sweep runs once the lock is free
                }
                assertThat(rows(s, old)).isZero();
            } finally {
                proxy.close();
            }
        }
    }

    @Test
    void aWriteThatFailsAfterTheSendMakesTheProxySendTheOriginalAndARetryWritesLater() throws Exception {
        Path file = dir.resolve("store.db");
        try (FakeUpstream up = new FakeUpstream();
             SqliteCompressionStore store = SqliteCompressionStore.open(file, TTL);
             Connection other = second(file);
             Statement s = other.createStatement()) {
            AtomicInteger n = new AtomicInteger();
            up.always(FakeUpstream.jsonFrom(req -> "{\"type\":\"message\",\"id\":\"answer-" + n.incrementAndGet()
                    + "\",\"content\":[]}"));
            HeadroomProxy proxy = proxy(up, store);
            try {
                // The store's first sweep (it needs the write lock) runs with a first request.
                TestProxies.send(TestProxies.post(proxy, "/v1/messages", request("warm")));
                up.take();
                // Another connection holds the write lock and, when it commits, leaves every later write of an
                // original failing inside SQLite, as on a full disk: the write fails after the request went up.
                s.execute("BEGIN IMMEDIATE");
                s.execute("CREATE TRIGGER no_insert BEFORE INSERT ON entries BEGIN SELECT RAISE(FAIL, 'disk full');"
                        + " END");
                s.execute("CREATE TRIGGER no_update BEFORE UPDATE ON entries BEGIN SELECT RAISE(FAIL, 'disk full');"
                        + " END");
                String body = request("unwritable");
                CompletableFuture<HttpResponse<byte[]>> answer = TestProxies.CLIENT.sendAsync(
                        TestProxies.post(proxy, "/v1/messages", body).build(), HttpResponse.BodyHandlers.ofByteArray());
                FakeUpstream.Received first = up.take();
                assertThat(Markers.keysIn(first.text())).isNotEmpty();
                s.execute("COMMIT");
                HttpResponse<byte[]> r = answer.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("x-headroom-compression-failed")).contains("true");
                // The compressed request's answer was dropped and the original request sent instead.
                FakeUpstream.Received second = up.take();
                assertThat(originalLog(second.text())).isEqualTo(originalLog(body));
                assertThat(Markers.keysIn(second.text())).isEmpty();
                assertThat(TestProxies.JSON.readTree(r.body()).path("id").asText()).isEqualTo("answer-3");
                String key = Markers.keysIn(first.text()).get(0);
                assertThat(rows(s, key)).isZero();
                JsonNode stats = TestProxies.statsWhen(proxy, "/retrieval/store_write_resends", 1);
                assertThat(stats.at("/retrieval/store_write_resends").asLong()).isEqualTo(1);
                assertThat(stats.at("/retrieval/store_write_failures").asLong()).isPositive();
                // Another process can still retrieve nothing under that key; this one never handed it out.
                assertThat(r.body().length).isPositive();

                // The same content again while writes still fail: the memo recalls the markers, the write is
                // tried again before sending, fails, and the original goes (one request upstream, no marker).
                HttpResponse<byte[]> still = TestProxies.send(TestProxies.post(proxy, "/v1/messages", body));
                assertThat(still.headers().firstValue("x-headroom-compression-failed")).contains("true");
                FakeUpstream.Received third = up.take();
                assertThat(Markers.keysIn(third.text())).isEmpty();
                assertThat(TestProxies.JSON.readTree(still.body()).path("id").asText()).isEqualTo("answer-4");

                // The disk has room again: the recalled markers' original is written before they are sent.
                s.execute("DROP TRIGGER no_insert");
                s.execute("DROP TRIGGER no_update");
                HttpResponse<byte[]> again = TestProxies.send(TestProxies.post(proxy, "/v1/messages", body));
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(again.headers().firstValue("x-headroom-compression-failed")).isEmpty();
                FakeUpstream.Received fourth = up.take();
                assertThat(Markers.keysIn(fourth.text())).contains(key);
                assertThat(rows(s, key)).isOne();
            } finally {
                proxy.close();
            }
        }
    }
}
