package io.headroom4j.compress.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lossy path's shortcut (send the lossy output without writing the lossless form, when a lower bound on
 * that form's length already decides) gives exactly what the full path gives, and the bound is one.
 */
final class LossyShortcutProperties {

    @Property(tries = 1000)
    void lowerBoundNeverExceedsTheLosslessEncoding(@ForAll("documents") List<JsonValue> doc,
                                                   @ForAll("caps") long cap) {
        assertBound(doc, cap);
    }

    @Property(tries = 300)
    void lowerBoundNeverExceedsTheLosslessEncodingOfLongArrays(@ForAll("longDocuments") String json,
                                                               @ForAll("caps") long cap) throws java.io.IOException {
        assertBound(JsonReader.readAll(json), cap);
    }

    /** The capped bound is the uncapped one, capped, and never more than the encoding's length. */
    private static void assertBound(List<JsonValue> doc, long cap) {
        long full = TableEncoder.lowerBound(doc, Long.MAX_VALUE);
        assertThat(full).isLessThanOrEqualTo(TableEncoder.encode(doc).length());
        assertThat(TableEncoder.lowerBound(doc, cap)).isEqualTo(Math.min(full, cap));
    }

    @Provide
    Arbitrary<Long> caps() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 20_000), Arbitraries.just(Long.MAX_VALUE));
    }

    @Example
    void shortcutGivesTheFullPathsOutputOnTheFixtures() throws java.io.IOException {
        for (String name : new String[] {"app-logs-1000.jsonl", "github-issues-100.json",
            "github-search-issues-50.json", "kubectl-pods-60.json", "npm-search-100.json", "search-results-200.json",
            "sqlite-orders-1000.json"}) {
            String json;
            try (java.io.InputStream in = getClass().getResourceAsStream("/fixtures/json/" + name)) {
                json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            // Doubled, the larger ones pass the size at which the probe runs before the bound.
            String doubled = json.startsWith("[") ? json.substring(0, json.lastIndexOf(']')) + ","
                    + json.substring(json.indexOf('[') + 1) : json + "\n" + json;
            for (String input : List.of(json, doubled)) {
                for (int lossyMin : new int[] {0, 1000, 20_000}) {
                    compareWithFullPath(input, lossyMin, false);
                    compareWithFullPath(input, lossyMin, true);
                }
            }
        }
    }

    @Property(tries = 400)
    void shortcutGivesTheFullPathsOutputAndStoresTheSame(@ForAll("longDocuments") String json,
                                                         @ForAll("lossyMins") int lossyMin,
                                                         @ForAll boolean withQuery) {
        Compressed fast = compareWithFullPath(json, lossyMin, withQuery);
        Statistics.label("path").collect(!fast.transform().equals(JsonTableCompressor.LOSSY) ? fast.transform()
                : shortcutApplies(json, fast.output(), lossyMin) ? "lossy, shortcut" : "lossy, full path");
        Statistics.label("path").coverage(c -> {
            c.check("lossy, shortcut").percentage(p -> p > 10);
            c.check("lossy, full path").count(k -> k > 0);
        });
    }

    private static Compressed compareWithFullPath(String json, int lossyMin, boolean withQuery) {
        HeadroomConfig config = HeadroomConfig.builder().minTokens(0).lossyMinTokens(lossyMin).build();
        String query = withQuery ? "error timeout login" : "";
        InMemoryCompressionStore fastStore = new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30);
        InMemoryCompressionStore fullStore = new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30);
        Compressed fast = new JsonTableCompressor().compress(json,
                new CompressionContext(config, query, null, TokenCounters.o200k(), fastStore));
        Compressed full = new JsonTableCompressor(false).compress(json,
                new CompressionContext(config, query, null, TokenCounters.o200k(), fullStore));
        assertThat(fast).isEqualTo(full);
        assertThat(fastStore.size()).isEqualTo(fullStore.size());
        return fast;
    }

    private static boolean shortcutApplies(String json, String lossy, int lossyMin) {
        try {
            long bound = TableEncoder.lowerBound(JsonReader.readAll(json), Long.MAX_VALUE);
            return bound >= 12L * lossyMin && lossy.length() < Math.min(json.length(), bound);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<List<JsonValue>> documents() {
        return RandomJson.documents();
    }

    @Provide
    Arbitrary<Integer> lossyMins() {
        return Arbitraries.of(0, 10, 100, 300, 1000);
    }

    /** Arrays of 20-400 rows (as a root array, JSON lines or inside an object), alike or not, large or small. */
    @Provide
    Arbitrary<String> longDocuments() {
        return Arbitraries.randomValue(LossyShortcutProperties::longDocument);
    }

    private static String longDocument(Random r) {
        if (r.nextInt(4) == 0) {
            return JsonTableCompressorProperties.errorArray(r);
        }
        List<JsonValue> items = new ArrayList<>();
        int target = 20 + r.nextInt(380);
        List<JsonValue> template = ((JsonValue.Arr) RandomJson.rows(r, 2)).items();
        while (items.size() < target) {
            if (r.nextInt(10) == 0) {
                template = ((JsonValue.Arr) RandomJson.rows(r, 2)).items();
            }
            JsonValue.Obj row = (JsonValue.Obj) template.get(r.nextInt(template.size()));
            if (r.nextBoolean() && !row.keys().isEmpty()) {
                // vary one value, so rows are not all copies
                List<JsonValue> values = new ArrayList<>(row.values());
                values.set(r.nextInt(values.size()), r.nextBoolean()
                        ? new JsonValue.Num(Integer.toString(r.nextInt(100_000)))
                        : new JsonValue.Str("item " + r.nextInt(1_000) + " " + RandomJson.string(r)));
                row = new JsonValue.Obj(row.keys(), values);
            }
            items.add(row);
        }
        return switch (r.nextInt(3)) {
            case 0 -> JsonWriter.toJson(new JsonValue.Arr(items));
            case 1 -> String.join("\n", items.stream().map(JsonWriter::toJson).toList());
            default -> "{\"total\":" + items.size() + ",\"items\":" + JsonWriter.toJson(new JsonValue.Arr(items))
                    + ",\"next\":null}";
        };
    }
}
