package io.headroom4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.ledger.Ledger;
import io.headroom4j.store.InMemoryCompressionStore;

/** The MCP tools' logic without a protocol. */
final class HeadroomToolsTest {

    @TempDir
    Path ws;

    private HeadroomTools tools(HeadroomConfig.Builder b) {
        HeadroomConfig config = b.minTokens(20).lossyMinTokens(20).workspaceDir(ws).build();
        return new HeadroomTools(Headroom.create(config, new InMemoryCompressionStore(Duration.ofHours(1), 1 << 24),
                TestServers.headLinesRouter()), Ledger.inWorkspace(ws),
                Clock.fixed(Instant.parse("2026-02-03T04:05:06Z"), ZoneOffset.UTC));
    }

    @Test
    void compressReturnsAKeyToTheWholeOriginalAndRecordsTheSaving() {
        HeadroomTools t = tools(HeadroomConfig.builder());
        String log = McpWithRealClientTest.numberedLog(60);
        Map<String, Object> r = t.compress(log, "", "Bash");
        assertThat((String) r.get("compressed")).contains("omitted; retrieve: ");
        assertThat(t.retrieve((String) r.get("key"), null)).contains(log);
        assertThat((int) r.get("tokens_saved")).isPositive();
        assertThat(Ledger.inWorkspace(ws).read(Instant.EPOCH)).singleElement().satisfies(e -> {
            assertThat(e.provider()).isEqualTo("mcp");
            assertThat(e.savedByTool()).containsKey("Bash");
            assertThat(e.time()).isEqualTo(Instant.parse("2026-02-03T04:05:06Z"));
        });
    }

    @Test
    void unchangedContentHasNoKeyAndNoLedgerLine() {
        HeadroomTools t = tools(HeadroomConfig.builder());
        Map<String, Object> r = t.compress("short", null, null);
        assertThat(r.get("compressed")).isEqualTo("short");
        assertThat(r.get("key")).isNull();
        assertThat(r.get("transform")).isEqualTo("skipped");
        assertThat(Ledger.inWorkspace(ws).read(Instant.EPOCH)).isEmpty();
    }

    @Test
    void excludedToolsAndLosslessModeAreHonoured() {
        String log = McpWithRealClientTest.numberedLog(60);
        assertThat(tools(HeadroomConfig.builder()).compress(log, "", "Read").get("compressed")).isEqualTo(log);
        assertThat(tools(HeadroomConfig.builder().lossless(true)).compress(log, "", null).get("compressed"))
                .isEqualTo(log);
    }

    @Test
    void statsCountCompressionsRetrievalsAndMisses() {
        HeadroomTools t = tools(HeadroomConfig.builder());
        Map<String, Object> r = t.compress(McpWithRealClientTest.numberedLog(60), "", null);
        t.retrieve((String) r.get("key"), "");
        t.retrieve("nope", null);
        Map<String, Object> s = t.stats();
        assertThat(s).containsEntry("compressions", 1L).containsEntry("retrievals", 1L)
                .containsEntry("retrieval_misses", 1L);
        assertThat((long) s.get("store_entries")).isGreaterThanOrEqualTo(2);
    }
}
