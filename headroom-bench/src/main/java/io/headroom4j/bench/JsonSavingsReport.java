package io.headroom4j.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.toonformat.jtoon.JToon;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.json.JsonTableCompressor;
import io.headroom4j.compress.json.JsonTables;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounters;

/**
 * Prints the JSON token-savings table for {@code docs/BENCHMARKS.md}: for each corpus input, o200k tokens
 * of the compact JSON, of Headroom4j's lossless table, of JToon's TOON encoding (lossless baseline), and of
 * Headroom4j's lossy output (no query, and with a query). Also checks that both lossless encodings decode
 * back to the input. Run: {@code java -cp headroom-bench/target/benchmarks.jar io.headroom4j.bench.JsonSavingsReport}.
 */
public final class JsonSavingsReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSavingsReport() {
    }

    public static void main(String[] args) throws Exception {
        TokenCounter o200k = TokenCounters.o200k();
        Map<String, String[]> inputs = new LinkedHashMap<>();
        // name -> {content, query}
        inputs.put("GitHub issues (100)", new String[] {JsonCorpus.githubIssues(100, 1), "parser crash on windows"});
        inputs.put("GitHub issues (100), pretty", new String[] {JsonCorpus.pretty(JsonCorpus.githubIssues(100, 1)),
            "parser crash on windows"});
        inputs.put("GitHub search envelope (50)", new String[] {JsonCorpus.githubSearchIssues(50, 2), "memory leak"});
        inputs.put("npm search (100)", new String[] {JsonCorpus.npmSearch(100, 3), "yaml stream parser"});
        inputs.put("kubectl get pods (60)", new String[] {JsonCorpus.kubernetesPods(60, 4), "why is the worker crashing"});
        inputs.put("search results (200)", new String[] {JsonCorpus.searchResults(200, 5), "sqlite connection reset"});
        inputs.put("search results (10K tokens)", new String[] {JsonCorpus.searchResultsOfTokens(10_000, 11), "tls proxy"});
        inputs.put("search results (100K tokens)", new String[] {JsonCorpus.searchResultsOfTokens(100_000, 12),
            "tls proxy"});
        inputs.put("SQLite orders (1,000 rows)", new String[] {JsonCorpus.databaseRows(1_000, 6), "payment failed orders"});
        inputs.put("app logs JSONL (1,000)", new String[] {JsonCorpus.jsonLogs(1_000, 7), "upstream errors"});

        HeadroomConfig config = HeadroomConfig.defaults();
        JsonTableCompressor compressor = new JsonTableCompressor();
        System.out.println("| input | tokens | Headroom4j lossless | JToon (TOON) | Headroom4j lossy | lossy + query |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, String[]> e : inputs.entrySet()) {
            String content = e.getValue()[0];
            String query = e.getValue()[1];
            int before = o200k.count(content);
            String table = JsonTables.encode(content);
            boolean tableExact = JsonTables.decode(table).equals(JsonTables.decode(content));
            String toon;
            String toonCell;
            boolean jsonl = content.indexOf('\n') > 0 && content.indexOf('\n') < content.length() - 1
                    && !content.startsWith("[") && !content.startsWith("{\n");
            try {
                String toonInput = jsonl ? "[" + String.join(",", content.strip().split("\n")) + "]" : content;
                toon = JToon.encodeJson(toonInput);
                boolean toonExact = JSON.readTree(JToon.decodeToJson(toon)).equals(JSON.readTree(toonInput));
                toonCell = pct(before, o200k.count(toon)) + (toonExact ? "" : " (decode differs)");
            } catch (RuntimeException ex) {
                toonCell = "failed: " + ex.getClass().getSimpleName();
            }
            CompressionContext lossyContext = new CompressionContext(config, "", null, o200k,
                    new InMemoryCompressionStore(Duration.ofHours(1), 256L << 20));
            Compressed lossy = compressor.compress(content, lossyContext);
            Compressed lossyQ = compressor.compress(content, lossyContext.withQuery(query));
            System.out.printf(Locale.ROOT, "| %s | %,d | %s%s | %s | %s | %s |%n", e.getKey(), before,
                    pct(before, o200k.count(table)), tableExact ? "" : " (NOT EXACT)", toonCell,
                    pct(before, o200k.count(lossy.output())) + " " + lossy.transform(),
                    pct(before, o200k.count(lossyQ.output())));
        }
    }

    private static String pct(int before, int after) {
        double saved = 100.0 * (before - after) / before;
        return String.format(Locale.ROOT, "%,d (%s%.1f%%)", after, saved >= 0 ? "-" : "+", Math.abs(saved));
    }
}
