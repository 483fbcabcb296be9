package io.headroom4j.proxy;

import static io.headroom4j.proxy.TestProxies.post;
import static io.headroom4j.proxy.TestProxies.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.headroom4j.CompressionResult;
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
}
