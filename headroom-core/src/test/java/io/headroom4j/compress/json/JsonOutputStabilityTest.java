package io.headroom4j.compress.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compressor's output bytes for a fixed set of inputs (every JSON fixture, pretty-printed, cut to its first
 * items, and seeded random documents; lossless and lossy) equal those recorded in
 * {@code fixtures/json/expected-outputs.tsv}. Prompt caching needs the same input to give the same bytes across
 * versions too, so a faster encoder or savings check must not change a single output. The file was written by
 * {@link #main} with the encoder of 2025-11 (tree built by Jackson, {@code TableEncoder}); regenerate it only
 * for a deliberate format change.
 */
final class JsonOutputStabilityTest {

    private static final String EXPECTED = "/fixtures/json/expected-outputs.tsv";
    private static final String[] FIXTURES = {"app-logs-1000.jsonl", "github-issues-100.json",
        "github-search-issues-50.json", "kubectl-pods-60.json", "npm-search-100.json", "search-results-200.json",
        "sqlite-orders-1000.json"};
    private static final int[] CUTS = {2, 3, 5, 8, 13, 21, 34, 55, 89};
    private static final String[] MODES = {"encode", "lossless", "lossy", "lossy-query"};

    @Test
    void everyRecordedInputStillCompressesToTheSameBytes() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        try (InputStream in = JsonOutputStabilityTest.class.getResourceAsStream(EXPECTED)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int tab = line.indexOf('\t');
                expected.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        Map<String, String> actual = outputs();
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            assertThat(actual.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    /** Writes the expected outputs: {@code [path of expected-outputs.tsv]}. */
    public static void main(String[] args) throws IOException {
        StringBuilder sb = new StringBuilder();
        outputs().forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        Files.writeString(Path.of(args[0]), sb.toString());
    }

    /** Case name to "transform lossless chars sha256" of the output. */
    static Map<String, String> outputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String f : FIXTURES) {
            String text = JsonTableCompressorTest.fixture(f);
            inputs.put(f, text);
            if (f.endsWith(".jsonl")) {
                continue;
            }
            try {
                JsonNode tree = mapper.readTree(text);
                inputs.put(f + "/pretty", mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
                ArrayNode items = tree.isArray() ? (ArrayNode) tree : firstArray(tree);
                for (int cut : CUTS) {
                    ArrayNode part = mapper.createArrayNode();
                    for (int i = 0; i < cut && i < items.size(); i++) {
                        part.add(items.get(i));
                    }
                    inputs.put(f + "/first" + cut, mapper.writeValueAsString(part));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Random r = new Random(20251124);
        for (int i = 0; i < 300; i++) {
            List<JsonValue> doc = RandomJson.document(r);
            List<String> parts = new ArrayList<>();
            for (JsonValue v : doc) {
                parts.add(JsonWriter.toJson(v));
            }
            inputs.put("random" + i, String.join("\n", parts));
        }
        Map<String, String> out = new LinkedHashMap<>();
        JsonTableCompressor compressor = new JsonTableCompressor();
        for (Map.Entry<String, String> e : inputs.entrySet()) {
            for (String mode : MODES) {
                if (mode.equals("encode")) {
                    String table = JsonTables.encode(e.getValue());
                    out.put(e.getKey() + " " + mode, table.length() + " " + sha256(table));
                    continue;
                }
                CompressionContext ctx = mode.equals("lossless")
                        ? CompressionContext.lossless(HeadroomConfig.defaults())
                        : new CompressionContext(HeadroomConfig.defaults(), mode.equals("lossy") ? "" : "error timeout",
                                null, TokenCounters.o200k(),
                                new InMemoryCompressionStore(java.time.Duration.ofHours(1), 64L << 20));
                Compressed c = compressor.compress(e.getValue(), ctx);
                out.put(e.getKey() + " " + mode, c.transform() + " " + c.lossless() + " " + c.output().length()
                        + " " + sha256(c.output()));
            }
        }
        return out;
    }

    private static ArrayNode firstArray(JsonNode object) {
        for (JsonNode v : object) {
            if (v.isArray()) {
                return (ArrayNode) v;
            }
        }
        throw new IllegalArgumentException("no array in the fixture");
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
