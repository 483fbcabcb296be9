package io.headroom4j.proxy;

import static io.headroom4j.proxy.TestProxies.post;
import static io.headroom4j.proxy.TestProxies.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import io.headroom4j.CompressionResult;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.message.RequestFormat;

/**
 * CPU work of milliseconds (compressing a large body, counts owed after the send) runs on the proxy's platform
 * threads, never on the virtual threads that relay streams: a virtual thread is not preempted and would hold a
 * carrier for the whole job.
 */
final class ProxyThreadsTest {

    /** A compressor that notes which thread compressed and which thread finished the owed count. */
    private static final class Recording implements RequestCompressor {
        final AtomicReference<Thread> compressedOn = new AtomicReference<>();
        final AtomicReference<Thread> countedOn = new AtomicReference<>();

        @Override
        public CompressionResult compress(byte[] body, RequestFormat format) {
            return compressDeferringCounts(body, format).result();
        }

        @Override
        public CompressionResult.Pending compressDeferringCounts(byte[] body, RequestFormat format) {
            compressedOn.set(Thread.currentThread());
            return CompressionResult.Pending.deferred(body, false, List.of(), List.of(), false, () -> {
                countedOn.set(Thread.currentThread());
                return new CompressionResult(body, false, 7, 7, "o200k_base", List.of(), List.of(), false, null);
            });
        }
    }

    @Test
    void aLargeBodyIsCompressedAndCountedOnPlatformThreads() throws IOException, InterruptedException {
        Recording compressor = new Recording();
        try (FakeUpstream up = new FakeUpstream()) {
            up.always(FakeUpstream.json(200, Map.of(), "{\"id\":\"msg_1\",\"type\":\"message\"}"));
            HeadroomProxy proxy = TestProxies.start(up, TestProxies.store(), compressor);
            try {
                String big = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"" + "word ".repeat(8_000) + "\"}]}";
                HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", big));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(TestProxies.statsWhen(proxy, "/requests/total", 1).at("/requests/total").asLong())
                        .isEqualTo(1);
            } finally {
                proxy.close();
            }
        }
        assertThat(compressor.compressedOn.get().isVirtual()).isFalse();
        assertThat(compressor.compressedOn.get().getName()).startsWith("headroom-compress-");
        assertThat(compressor.countedOn.get().isVirtual()).isFalse();
        assertThat(compressor.countedOn.get().getName()).startsWith("headroom-count-");
    }

    /**
     * A compressor whose owed counts (7 tokens before and after) wait until {@code release} opens, noting how many
     * wait at once.
     */
    private static final class Stalled implements RequestCompressor {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        @Override
        public CompressionResult compress(byte[] body, RequestFormat format) {
            return compressDeferringCounts(body, format).result();
        }

        @Override
        public CompressionResult.Pending compressDeferringCounts(byte[] body, RequestFormat format) {
            return CompressionResult.Pending.deferred(body, false, List.of(), List.of(), false, () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
                return new CompressionResult(body, false, 7, 7, "o200k_base", List.of(), List.of(), false, null);
            });
        }
    }

    @Test
    void owedCountsTakeAtMostHalfTheCoresAndAllFinish() throws Exception {
        // Counts are CPU work of milliseconds each: a count on every core at once would leave the requests that
        // arrive meanwhile waiting to be compressed (BENCHMARKS.md, session 9: 64 streams of new 100K requests).
        Stalled compressor = new Stalled();
        int requests = 6;
        try (FakeUpstream up = new FakeUpstream()) {
            up.recording = false;
            FakeUpstream.Responder answer = FakeUpstream.json(200, Map.of(), "{\"id\":\"msg_1\",\"type\":\"message\"}");
            up.always((req, ex) -> {
                try {
                    Thread.sleep(500);   // every request's count is owed before any response completes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer.respond(req, ex);
            });
            HeadroomProxy proxy = TestProxies.start(up, TestProxies.store(), compressor);
            try {
                String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hello\"}]}";
                List<Thread> clients = new ArrayList<>();
                List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
                for (int i = 0; i < requests; i++) {
                    clients.add(Thread.ofVirtual().start(() -> {
                        try {
                            statuses.add(send(post(proxy, "/v1/messages", body)).statusCode());
                        } catch (IOException e) {
                            statuses.add(-1);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
                for (Thread t : clients) {
                    t.join(TimeUnit.SECONDS.toMillis(20));
                }
                assertThat(statuses).hasSize(requests).containsOnly(200);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (compressor.running.get() < HeadroomProxy.countThreads() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(200);   // room for a count beyond the limit to start, if the proxy allowed one
                assertThat(compressor.most.get()).isEqualTo(HeadroomProxy.countThreads())
                        .isLessThanOrEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
                compressor.release.countDown();
                JsonNode done = TestProxies.statsWhen(proxy, "/requests/total", requests);
                assertThat(done.at("/tokens/total_before_compression").asLong()).isEqualTo(7L * requests);
                assertThat(done.at("/compression/counts_skipped").asLong()).isZero();
            } finally {
                compressor.release.countDown();
                proxy.close();
            }
        }
    }

    @Test
    void countsOwedBeyondTheBoundedQueueAreSkippedAndCountedInStats() throws Exception {
        Stalled compressor = new Stalled();
        try (FakeUpstream up = new FakeUpstream()) {
            up.recording = false;
            up.always(FakeUpstream.json(200, Map.of(), "{\"id\":\"msg_1\",\"type\":\"message\"}"));
            ProxyConfig pc = ProxyConfig.builder().port(0).warmUp(false)
                    .openaiApiUrl(up.url()).anthropicApiUrl(up.url()).build();
            HeadroomProxy proxy = HeadroomProxy.start(HeadroomConfig.defaults(), pc, TestProxies.store(), compressor,
                    null, 1);
            try {
                String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hello\"}]}";
                // The counting threads are all stalled and the queue holds one task: requests beyond that are
                // still answered, and their counts are skipped (bounded memory), not queued without limit.
                int sent = 0;
                JsonNode stats = TestProxies.JSON.readTree(proxy.statsJson());
                while (sent < 64 && stats.at("/compression/counts_skipped").asLong() < 3) {
                    HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", body));
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.headers().firstValue("x-headroom-tokens-pending")).hasValue("true");
                    sent++;
                    stats = TestProxies.JSON.readTree(proxy.statsJson());
                }
                assertThat(stats.at("/compression/counts_skipped").asLong()).isGreaterThanOrEqualTo(3);
                compressor.release.countDown();
                int total = sent;
                JsonNode done = TestProxies.statsWhen(proxy, "/requests/total", total);
                long skipped = done.at("/compression/counts_skipped").asLong();
                assertThat(done.at("/requests/total").asLong()).isEqualTo(total);
                // Every request not skipped has its exact counts; the skipped ones add no tokens.
                assertThat(done.at("/tokens/total_before_compression").asLong()).isEqualTo(7 * (total - skipped));
            } finally {
                compressor.release.countDown();
                proxy.close();
            }
        }
    }
}
