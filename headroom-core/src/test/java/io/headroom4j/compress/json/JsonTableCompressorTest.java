package io.headroom4j.compress.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.DefaultCompressors;
import io.headroom4j.compress.Markers;
import io.headroom4j.route.ContentType;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

import static org.assertj.core.api.Assertions.assertThat;

final class JsonTableCompressorTest {

    private final JsonTableCompressor compressor = new JsonTableCompressor();

    static String fixture(String name) {
        try (InputStream in = JsonTableCompressorTest.class.getResourceAsStream("/fixtures/json/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompressionContext lossless() {
        return CompressionContext.lossless(HeadroomConfig.defaults());
    }

    static CompressionContext lossy(CompressionStore store) {
        return new CompressionContext(HeadroomConfig.defaults(), "", null, TokenCounters.o200k(), store);
    }

    static CompressionStore store() {
        return new InMemoryCompressionStore(Duration.ofHours(1), 64L << 20);
    }

    private static String decodesTo(String json) {
        return JsonTables.decode(json);
    }

    private Compressed compress(String content) {
        return compressor.compress(content, lossless());
    }

    // ---- passthrough: never an exception ----

    @Test
    void passesMalformedJsonThroughUnchanged() {
        for (String bad : new String[] {"{\"a\":1", "[1,2,,3]", "{'a':1}", "[{\"a\":1}] trailing", "{\"a\":NaN}",
            "[01]", "\u0000\u0001\u0002binary\u00ff", "not json at all"}) {
            Compressed c = compress(bad);
            assertThat(c.output()).isEqualTo(bad);
            assertThat(c.lossless()).isTrue();
            assertThat(c.note()).isNotEmpty();
        }
    }

    @Test
    void passesNestingDeeperThanOneThousandThroughUnchanged() {
        String deep = "[".repeat(1_001) + "]".repeat(1_001);
        Compressed c = compress(deep);
        assertThat(c.output()).isSameAs(deep);
        assertThat(c.note()).startsWith("not JSON");
        String deepObjects = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        assertThat(compress(deepObjects).output()).isSameAs(deepObjects);
    }

    @Test
    void compressesNestingOfExactlyOneThousand() {
        String inner = "[" + "{\"k\":".repeat(990) + "1" + "}".repeat(990) + "]";
        String rows = "[" + String.join(",", java.util.Collections.nCopies(30, "{\"id\":\"x\",\"v\":" + inner + "}")) + "]";
        Compressed c = compressor.compress(rows, lossless());
        assertThat(decodesTo(c.output())).isEqualTo(decodesTo(rows));
    }

    @Test
    void passesHundredMegabyteStringsThroughUnchanged() {
        String huge = "[{\"blob\":\"" + "a".repeat(100 * 1024 * 1024) + "\"}]";
        Compressed c = compress(huge);
        assertThat(c.output()).isSameAs(huge);
        assertThat(c.note()).contains("larger than");
        String long20m = "[{\"blob\":\"" + "b".repeat(20 * 1024 * 1024) + "\"}]";
        assertThat(compress(long20m).output()).isSameAs(long20m);
    }

    @Test
    void passesLoneSurrogatesThroughUnchanged() {
        String s = "[{\"a\":\"x\uD800y\"},{\"a\":\"z\"},{\"a\":\"\uDC00\"}]";
        Compressed c = compress(s);
        assertThat(c.output()).isSameAs(s);
        assertThat(c.note()).contains("surrogate");
    }

    @Test
    void neverThrowsOnInvalidUtf8DecodedText() {
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        String garbage = new String(bytes, StandardCharsets.UTF_8);
        assertThat(compress(garbage).output()).isSameAs(garbage);
        byte[] json = "[{\"n\":\"caf\u00e9 \",\"v\":1},{\"n\":\"x\",\"v\":2}]".getBytes(StandardCharsets.UTF_8);
        json[10] = (byte) 0xC3;   // a truncated two-byte sequence inside a string: decodes to U+FFFD
        String replaced = new String(json, StandardCharsets.UTF_8);
        Compressed c = compressor.compress(replaced, lossless());
        assertThat(decodesTo(c.output())).isEqualTo(decodesTo(replaced));
    }

    @Test
    void passesEmptyArraysScalarsAndBlanksThroughUnchanged() {
        for (String s : new String[] {"[]", "{}", "[[],[]]", "42", "\"text\"", "null", "", "   \n"}) {
            Compressed c = compress(s);
            assertThat(c.output()).isSameAs(s);
        }
        assertThat(compressor.compress(null, lossless()).output()).isEmpty();
    }

    @Test
    void leavesContentWithMarkersAlone() {
        String s = "[\"[kept 3 of 9 items; items 4-9 (1-based) omitted; retrieve: 0123456789abcdef01234567]\"]";
        assertThat(compress(s).note()).isEqualTo("already compressed");
    }

    // ---- lossless ----

    @Test
    void turnsGithubIssuesIntoATableThatDecodesExactly() {
        String json = fixture("github-issues-100.json");
        Compressed c = compress(json);
        assertThat(c.transform()).isEqualTo(JsonTableCompressor.TABLE);
        assertThat(c.lossless()).isTrue();
        assertThat(c.output()).startsWith("[100]{url~\"https://api.github.com/repos/acme/widgets/issues/{number}\"");
        assertThat(decodesTo(c.output())).isEqualTo(decodesTo(json));
        int before = TokenCounters.o200k().count(json);
        int after = TokenCounters.o200k().count(c.output());
        assertThat(after).isLessThan((int) (before * 0.5));
    }

    @Test
    void everyFixtureDecodesExactlyAndMeetsTheBarWhenTransformed() {
        for (String name : new String[] {"github-issues-100.json", "github-search-issues-50.json",
            "npm-search-100.json", "kubectl-pods-60.json", "search-results-200.json", "sqlite-orders-1000.json",
            "app-logs-1000.jsonl"}) {
            String json = fixture(name);
            Compressed c = compress(json);
            assertThat(decodesTo(c.output())).as(name).isEqualTo(decodesTo(json));
            int before = TokenCounters.o200k().count(json);
            int after = TokenCounters.o200k().count(c.output());
            if (c.isChangedFrom(json)) {
                // the fast, character-based decision must agree with real token counts
                assertThat(after).as(name).isLessThanOrEqualTo((int) (before * 0.7));
            } else {
                assertThat(TokenCounters.o200k().count(JsonTables.encode(json))).as(name)
                        .isGreaterThan((int) (before * 0.7));
            }
        }
    }

    @Test
    void keepsTheEnvelopeOfApiListResponses() {
        String json = fixture("github-search-issues-50.json");
        Compressed c = compress(json);
        assertThat(c.output()).startsWith("{\"total_count\":").contains(",\"incomplete_results\":false,\"items\":[50]{");
        assertThat(decodesTo(c.output())).isEqualTo(decodesTo(json));
    }

    @Test
    void turnsJsonLinesIntoOneTable() {
        String jsonl = fixture("app-logs-1000.jsonl");
        Compressed c = compress(jsonl);
        assertThat(c.output()).startsWith("[1000 lines]{ts,level,logger=http.access,msg,method=GET,path,status,");
        assertThat(decodesTo(c.output())).isEqualTo(decodesTo(jsonl));
    }

    @Test
    void minifiesPrettyPrintedJsonWithoutArrays() {
        StringBuilder sb = new StringBuilder("{\n");
        for (int i = 0; i < 50; i++) {
            sb.append("        \"key").append(i).append("\" : \"v").append(i).append("\",\n");
        }
        sb.append("        \"last\" : true\n}");
        Compressed c = compress(sb.toString());
        assertThat(c.transform()).isEqualTo(JsonTableCompressor.MINIFY);
        assertThat(c.output()).startsWith("{\"key0\":\"v0\",");
    }

    @Test
    void leavesJsonUnchangedWhenTheTableSavesTooLittle() {
        String json = fixture("search-results-200.json");
        Compressed c = compress(json);
        assertThat(c.output()).isSameAs(json);
        assertThat(c.note()).contains("saves less than 30%");
        HeadroomConfig lenient = HeadroomConfig.builder().jsonTableMinSavings(0.1).build();
        Compressed relaxed = compressor.compress(json, CompressionContext.lossless(lenient));
        assertThat(relaxed.transform()).isEqualTo(JsonTableCompressor.TABLE);
    }

    @Test
    void outputIsDeterministic() {
        String json = fixture("npm-search-100.json");
        CompressionStore store = store();
        String a = compressor.compress(json, lossy(store).withQuery("yaml")).output();
        String b = compressor.compress(json, lossy(store()).withQuery("yaml")).output();
        assertThat(a).isEqualTo(b);
        assertThat(compress(json).output()).isEqualTo(compress(json).output());
    }

    @Test
    void isRegisteredForJson() {
        assertThat(DefaultCompressors.router(HeadroomConfig.defaults()).handles(ContentType.JSON)).isTrue();
    }

    // ---- lossy ----

    @Test
    void dropsNothingWithoutAStoreOrInLosslessMode() {
        String json = fixture("sqlite-orders-1000.json");
        assertThat(compress(json).transform()).isEqualTo(JsonTableCompressor.TABLE);
        HeadroomConfig strict = HeadroomConfig.builder().lossless(true).build();
        Compressed c = compressor.compress(json,
                new CompressionContext(strict, "", null, TokenCounters.o200k(), store()));
        assertThat(c.lossless()).isTrue();
        assertThat(decodesTo(c.output())).isEqualTo(decodesTo(json));
    }

    @Test
    void keepsEveryErrorAndStatesExactlyWhatWasDropped() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            int status = i == 17 || i == 500 || i == 993 ? 503 : 200;
            items.add("{\"id\":\"req-" + i + "\",\"path\":\"/api/items\",\"status\":" + status + ",\"ms\":"
                    + (20 + i % 7) + "}");
        }
        String json = "[" + String.join(",", items) + "]";
        CompressionStore store = store();
        Compressed c = compressor.compress(json, lossy(store));
        assertThat(c.transform()).isEqualTo(JsonTableCompressor.LOSSY);
        assertThat(c.lossless()).isFalse();
        assertThat(c.output()).contains("req-17,").contains("req-500,").contains("req-993,");
        assertThat(c.output()).startsWith("[kept ");
        assertThat(c.output()).contains("3 errors");
        String key = Markers.keysIn(c.output()).get(0);
        assertThat(c.retrievalKeys()).containsExactly(key);
        assertThat(store.get(key)).contains(json);
        // the header row count is the kept count, and the ranges name exactly the positions not shown
        ItemSelector.Selection sel = selectionFromOutput(c.output());
        assertThat(c.output()).contains("[" + sel.kept().length + "]{");
        for (int i : sel.kept()) {
            assertThat(c.output()).contains("req-" + i + ",");
        }
        assertThat(TokenCounters.o200k().count(c.output())).isLessThan(TokenCounters.o200k().count(json) / 10);
    }

    /** Rebuilds which 0-based positions were kept from the marker's 1-based omitted ranges. */
    private static ItemSelector.Selection selectionFromOutput(String output) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("kept ([0-9,]+) of ([0-9,]+) items \\([^)]*\\); items (.*) \\(1-based\\) omitted")
                .matcher(output);
        assertThat(m.find()).isTrue();
        int total = Integer.parseInt(m.group(2).replace(",", ""));
        boolean[] dropped = new boolean[total];
        for (String range : m.group(3).split(", ")) {
            String[] ends = range.replace(",", "").split("-");
            int from = Integer.parseInt(ends[0]);
            int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
            for (int i = from; i <= to; i++) {
                dropped[i - 1] = true;
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (!dropped[i]) {
                kept.add(i);
            }
        }
        assertThat(kept).hasSize(Integer.parseInt(m.group(1).replace(",", "")));
        return new ItemSelector.Selection(total, kept.stream().mapToInt(Integer::intValue).toArray(),
                new ItemSelector.Reason[kept.size()]);
    }

    @Test
    void keepsItemsMatchingTheQuery() {
        String json = fixture("sqlite-orders-1000.json");
        Compressed c = compressor.compress(json, lossy(store()).withQuery("what happened to order 10777?"));
        assertThat(c.transform()).isEqualTo(JsonTableCompressor.LOSSY);
        assertThat(c.output()).contains("10777");
        assertThat(c.note()).contains("matching the query");
    }

    @Test
    void keepsCrashingPodsAndAllTheirKeys() {
        String json = fixture("kubectl-pods-60.json");
        Compressed c = compressor.compress(json, lossy(store()));
        assertThat(c.transform()).isEqualTo(JsonTableCompressor.LOSSY);
        int crashing = json.split("CrashLoopBackOff", -1).length - 1;
        assertThat(crashing).isPositive();
        assertThat(c.output().split("CrashLoopBackOff", -1).length - 1).isEqualTo(crashing);
        // kept items keep every key: the table header still names every field of a pod
        assertThat(c.output()).contains("metadata.name").contains("status.containerStatuses")
                .contains("spec.containers[0].image");
    }

    @Test
    void sampledJsonLinesSayLines() {
        Compressed c = compressor.compress(fixture("app-logs-1000.jsonl"), lossy(store()));
        assertThat(c.output()).startsWith("[kept ").contains(" of 1,000 lines (");
        assertThat(c.output()).contains("lines]{ts,level,");
    }

    @Test
    void staysLosslessBelowTheLossyThreshold() {
        String json = fixture("sqlite-orders-1000.json");
        HeadroomConfig high = HeadroomConfig.builder().lossyMinTokens(1_000_000).build();
        Compressed c = compressor.compress(json, new CompressionContext(high, "", null, TokenCounters.o200k(), store()));
        assertThat(c.transform()).isEqualTo(JsonTableCompressor.TABLE);
    }

    @Test
    void smallArraysAreNeverSampled() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ItemSelector.MIN_ITEMS - 1; i++) {
            sb.append(i > 0 ? "," : "").append("{\"id\":").append(i * 7).append(",\"text\":\"")
                    .append("lorem ipsum dolor sit amet ".repeat(40)).append(i).append("\"}");
        }
        String json = sb.append(']').toString();
        Compressed c = compressor.compress(json, lossy(store()));
        assertThat(c.transform()).isNotEqualTo(JsonTableCompressor.LOSSY);
    }
}
