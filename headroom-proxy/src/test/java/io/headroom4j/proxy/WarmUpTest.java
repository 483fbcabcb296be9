package io.headroom4j.proxy;

import static io.headroom4j.proxy.TestProxies.post;
import static io.headroom4j.proxy.TestProxies.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.headroom4j.CompressionResult;
import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.ledger.Ledger;
import io.headroom4j.message.RequestFormat;
import io.headroom4j.store.CompressionStore;

final class WarmUpTest {

    @Test
    void aRoundRunsTheWholePathAndTheWarmUpStopsWhenAsked() {
        AtomicReference<WarmUp> self = new AtomicReference<>();
        WarmUp w = new WarmUp(HeadroomConfig.defaults(), false, () -> self.get().rounds() >= 1);
        self.set(w);
        w.run();   // on this thread: one round (tokenizers, loopback round trip, three formats, the 100K log)
        assertThat(w.rounds()).isEqualTo(1);
    }

    @Test
    void theSyntheticRequestsReallyCompressInEveryFormat() {
        // A warm-up over requests that pass through unchanged would warm nothing: each kind must compress.
        Headroom headroom = Headroom.create(HeadroomConfig.defaults(), TestProxies.store());
        List<String> mixed = WarmUp.mixed("t");
        Map<RequestFormat, String> requests = Map.of(
                RequestFormat.ANTHROPIC_MESSAGES, WarmUp.anthropic("t", mixed),
                RequestFormat.OPENAI_CHAT, WarmUp.openAiChat("t", mixed),
                RequestFormat.OPENAI_RESPONSES, WarmUp.responses("t", mixed));
        requests.forEach((format, request) -> {
            CompressionResult r = headroom.compress(request.getBytes(StandardCharsets.UTF_8), format);
            assertThat(r.failedOpen()).as(format.name()).isFalse();
            assertThat(r.tokensSaved()).as(format.name()).isPositive();
            assertThat(r.appliedTransforms()).as(format.name())
                    .contains("json.lossy", "search.select", "diff.fold", "log.templates");
        });
        CompressionResult big = headroom.compress(WarmUp.anthropic("t", List.of(WarmUp.log("t", 2_400)))
                .getBytes(StandardCharsets.UTF_8), RequestFormat.ANTHROPIC_MESSAGES);
        assertThat(big.tokensBefore()).isGreaterThan(80_000);
        assertThat(big.tokensSaved()).isGreaterThan(big.tokensBefore() / 2);
    }

    @Test
    void theProxysStoreStatsAndLedgerAreUntouchedAndAModelRequestEndsIt(@TempDir Path workspace) throws Exception {
        CompressionStore store = TestProxies.store();
        Ledger ledger = Ledger.inWorkspace(workspace);
        try (FakeUpstream up = new FakeUpstream()) {
            up.always(FakeUpstream.json(200, Map.of(), "{\"id\":\"msg_1\",\"type\":\"message\"}"));
            ProxyConfig pc = ProxyConfig.builder().port(0).openaiApiUrl(up.url()).anthropicApiUrl(up.url()).build();
            HeadroomProxy proxy = HeadroomProxy.start(HeadroomConfig.defaults(), pc, store, ledger);
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (proxy.warmUpRounds() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(proxy.warmUpRounds()).isGreaterThanOrEqualTo(1);
                // Synthetic content only, in a store of its own: nothing reached the proxy's.
                assertThat(store.size()).isZero();
                JsonNode stats = TestProxies.JSON.readTree(proxy.statsJson());
                assertThat(stats.at("/requests/total").asLong()).isZero();
                assertThat(up.received).isEmpty();
                assertThat(ledger.file()).satisfiesAnyOf(f -> assertThat(f).doesNotExist(),
                        f -> assertThat(Files.size(f)).isZero());

                String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hello\"}]}";
                assertThat(send(post(proxy, "/v1/messages", body)).statusCode()).isEqualTo(200);
                // The first model request ends the warm-up at its next step.
                proxy.warmUpThread().join(Duration.ofSeconds(60));
                assertThat(proxy.warmUpThread().isAlive()).isFalse();
                assertThat(proxy.warmUpRounds()).isLessThan(WarmUp.MAX_ROUNDS);
            } finally {
                proxy.close();
            }
        }
    }

    @Test
    void offMeansNoWarmUpThread() throws Exception {
        try (FakeUpstream up = new FakeUpstream()) {
            HeadroomProxy proxy = TestProxies.start(up, TestProxies.store(), null);
            try {
                assertThat(proxy.warmUpThread()).isNull();
                assertThat(proxy.warmUpRounds()).isZero();
            } finally {
                proxy.close();
            }
        }
    }
}
