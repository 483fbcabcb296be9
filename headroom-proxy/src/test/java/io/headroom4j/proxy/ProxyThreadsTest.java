package io.headroom4j.proxy;

import static io.headroom4j.proxy.TestProxies.post;
import static io.headroom4j.proxy.TestProxies.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    /** A compressor whose owed counts (7 tokens before and after) wait until {@code release} opens. */
    private static final class Stalled implements RequestCompressor {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public CompressionResult compress(byte[] body, RequestFormat format) {
            return compressDeferringCounts(body, format).result();
        }

        @Override
        public CompressionResult.Pending compressDeferringCounts(byte[] body, RequestFormat format) {
            return CompressionResult.Pending.deferred(body, false, List.of(), List.of(), false, () -> {
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new CompressionResult(body, false, 7, 7, "o200k_base", List.of(), List.of(), false, null);
            });
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
