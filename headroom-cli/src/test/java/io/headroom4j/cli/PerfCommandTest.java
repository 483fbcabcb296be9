package io.headroom4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import io.headroom4j.ledger.Ledger;
import io.headroom4j.ledger.LedgerEntry;

/** {@code headroom perf} over a ledger written by the test. */
final class PerfCommandTest {

    @TempDir
    Path ws;

    private String out;
    private String err;

    private int perf(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = HeadroomCli.commandLine().setOut(new PrintWriter(o)).setErr(new PrintWriter(e));
        String[] all = new String[args.length + 3];
        all[0] = "perf";
        all[1] = "--workspace";
        all[2] = ws.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        int code = cl.execute(all);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private void ledger() {
        Ledger l = Ledger.inWorkspace(ws);
        Instant now = Instant.now();
        // Sonnet: 10,000 -> 2,000 tokens; provider: 1,000 uncached, 8,000 cache read, 1,000 cache write.
        l.append(new LedgerEntry(now.minusSeconds(600), "anthropic", "claude-sonnet-4-5-20250929", "/v1/messages",
                10_000, 2_000, Map.of("log.templates", 6_000L, "json.table", 2_000L), Map.of("Bash", 8_000L),
                1_000, 8_000, 1_000, 300, 900, 12, false, 200));
        // An unknown model: saved tokens but no price.
        l.append(new LedgerEntry(now.minusSeconds(300), "openai", "my-local-model", "/v1/chat/completions",
                5_000, 4_000, Map.of("log.templates", 1_000L), Map.of("grep", 1_000L), -1, -1, -1, -1, 500, 8,
                false, 200));
        // Old: outside a 1h window.
        l.append(new LedgerEntry(now.minusSeconds(3 * 3600), "openai", "gpt-4o", "/v1/responses",
                1_000, 500, Map.of("search.group", 500L), Map.of(), 400, 100, 0, 50, 200, 3, true, 200));
    }

    @Test
    void textReportShowsTotalsByModelTransformToolAndUnavailablePrices() {
        ledger();
        assertThat(perf("--since", "1h")).isZero();
        assertThat(out).contains("Requests:      2")
                .contains("Tokens:        15,000 -> 6,000")
                .contains("Saved:         9,000 tokens (60.0%)")
                .contains("Money saved:   $0.0270 for priced models; unavailable for my-local-model")
                .contains("claude-sonnet-4-5-20250929").contains("my-local-model")
                .contains("log.templates").contains("7,000").contains("Bash").contains("grep")
                .doesNotContain("search.group").doesNotContain("$0.00");
        assertThat(ws.resolve("prices.json")).exists();
    }

    @Test
    void moneySavedIsNetOfCachePricing() throws Exception {
        ledger();
        assertThat(perf("--since", "1h", "--format", "json")).isZero();
        JsonNode n = new ObjectMapper().readTree(out);
        JsonNode sonnet = n.get("by_model").get(0);
        assertThat(sonnet.get("model").asText()).isEqualTo("claude-sonnet-4-5-20250929");
        // 8,000 saved x $3/M x (1,000 + 1.25 x 1,000) / 2,000 = $0.027
        assertThat(sonnet.get("money_saved_usd").asDouble()).isEqualTo(0.027);
        assertThat(sonnet.get("cache_hit_pct").asDouble()).isEqualTo(80.0);
        assertThat(n.at("/by_model/1/money_saved_usd").asText()).isEqualTo("unavailable");
        assertThat(n.at("/total/money_saved_usd").asDouble()).isEqualTo(0.027);
        assertThat(n.at("/total/money_unavailable_for/0").asText()).isEqualTo("my-local-model");
        assertThat(n.at("/total/tokens_saved").asLong()).isEqualTo(9_000);
        assertThat(n.at("/by_transform/0/transform").asText()).isEqualTo("log.templates");
        assertThat(n.at("/by_transform/0/tokens_saved").asLong()).isEqualTo(7_000);
    }

    @Test
    void editedPriceTableIsUsedAndKnownModelsArePricedAtListWithoutUsage() throws Exception {
        ledger();
        Files.writeString(ws.resolve("prices.json"), "{\"models\":{\"my-local\":{\"input\":1.0}}}");
        assertThat(perf("--since", "all", "--format", "csv")).isZero();
        assertThat(out.lines()).first().asString().startsWith("section,name,requests");
        // my-local-model: 1,000 saved at $1/M list price (no provider usage) = $0.001
        assertThat(out).contains("model,my-local-model,1,5000,4000,1000,20.0,,0.001000")
                .contains("model,gpt-4o,1,1000,500,500,50.0,20.0,unavailable")
                .contains("transform,log.templates,,,,7000");
    }

    @Test
    void htmlPageIsSelfContainedWithSvgCharts() throws Exception {
        ledger();
        Path page = ws.resolve("report/perf.html");
        assertThat(perf("--since", "all", "--html", page.toString())).isZero();
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg").contains("Tokens saved by transform")
                .contains("log.templates").contains("unavailable")
                .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
        assertThat(err).contains("wrote");
    }

    @Test
    void onlyUnpricedModelsShowUnavailableNeverZero() {
        Ledger.inWorkspace(ws).append(new LedgerEntry(Instant.now(), "openai", "my-local-model", "/v1/chat/completions",
                5_000, 4_000, Map.of(), Map.of(), -1, -1, -1, -1, 500, 8, false, 200));
        assertThat(perf()).isZero();
        assertThat(out).contains("Money saved:   unavailable\n").doesNotContain("$0.0");
    }

    @Test
    void emptyLedgerSaysHowToGetData() {
        assertThat(perf()).isZero();
        assertThat(out).contains("No requests in the ledger").contains("headroom wrap");
    }

    @Test
    void badSinceIsAUsageError() {
        assertThat(perf("--since", "yesterday")).isEqualTo(2);
        assertThat(err).contains("--since must look like");
    }
}
