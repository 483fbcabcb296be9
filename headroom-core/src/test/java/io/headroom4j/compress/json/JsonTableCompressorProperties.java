package io.headroom4j.compress.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Markers;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

import static org.assertj.core.api.Assertions.assertThat;

final class JsonTableCompressorProperties {

    private final JsonTableCompressor compressor = new JsonTableCompressor();

    private static String text(List<JsonValue> doc, boolean pretty) {
        StringBuilder sb = new StringBuilder();
        for (JsonValue v : doc) {
            if (pretty) {
                writePretty(v, 0, sb);
            } else {
                JsonWriter.write(v, sb);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Two-space indented JSON, as many tools print it; literals stay exactly as they are. */
    private static void writePretty(JsonValue v, int indent, StringBuilder sb) {
        if (v instanceof JsonValue.Obj o && o.size() > 0) {
            sb.append("{\n");
            for (int i = 0; i < o.size(); i++) {
                sb.append("  ".repeat(indent + 1));
                JsonWriter.writeString(o.keys().get(i), sb);
                sb.append(": ");
                writePretty(o.values().get(i), indent + 1, sb);
                sb.append(i + 1 < o.size() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append('}');
        } else if (v instanceof JsonValue.Arr a && !a.items().isEmpty()) {
            sb.append("[\n");
            for (int i = 0; i < a.items().size(); i++) {
                sb.append("  ".repeat(indent + 1));
                writePretty(a.items().get(i), indent + 1, sb);
                sb.append(i + 1 < a.items().size() ? ",\n" : "\n");
            }
            sb.append("  ".repeat(indent)).append(']');
        } else {
            JsonWriter.write(v, sb);
        }
    }

    @Property(tries = 500)
    void losslessOutputDecodesToTheInput(@ForAll("documents") List<JsonValue> doc, @ForAll boolean pretty) {
        String json = text(doc, pretty);
        HeadroomConfig eager = HeadroomConfig.builder().jsonTableMinSavings(0.0).build();
        Compressed c = compressor.compress(json, CompressionContext.lossless(eager));
        assertThat(c.lossless()).isTrue();
        assertThat(TableDecoder.decode(c.output())).isEqualTo(doc);
    }

    @Property(tries = 200)
    void lossyNeverDropsAnErrorItemAndItsKeyBringsBackTheOriginal(@ForAll("errorArrays") String json) {
        CompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 64L << 20);
        HeadroomConfig config = HeadroomConfig.builder().minTokens(0).lossyMinTokens(0).build();
        Compressed c = compressor.compress(json, new CompressionContext(config, "", null, TokenCounters.o200k(),
                store));
        for (int at = json.indexOf("ERR-"); at >= 0; at = json.indexOf("ERR-", at + 1)) {
            String id = json.substring(at, json.indexOf('"', at));
            assertThat(c.output()).contains(id);
        }
        for (String key : Markers.keysIn(c.output())) {
            assertThat(store.get(key)).contains(json);
        }
        if (!c.lossless()) {
            assertThat(c.retrievalKeys()).isNotEmpty();
            assertThat(Markers.keysIn(c.output())).containsExactlyElementsOf(c.retrievalKeys());
        }
    }

    @Property(tries = 300)
    void neverThrowsOnArbitraryText(@ForAll String s) {
        CompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 64L << 20);
        Compressed c = compressor.compress(s, new CompressionContext(HeadroomConfig.defaults(), "q", null,
                TokenCounters.o200k(), store));
        assertThat(c.output()).isNotNull();
    }

    @Provide
    Arbitrary<List<JsonValue>> documents() {
        return RandomJson.documents();
    }

    /** Arrays of 20-300 log-like items where a random few report errors in one of several ways. */
    @Provide
    Arbitrary<String> errorArrays() {
        return Arbitraries.randomValue(JsonTableCompressorProperties::errorArray);
    }

    static String errorArray(Random r) {
        int n = 20 + r.nextInt(280);
        List<String> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean error = r.nextInt(25) == 0;
            String id = (error ? "ERR-" : "ok-") + i;
            String item = switch (error ? r.nextInt(5) : 5) {
                case 0 -> "{\"id\":\"" + id + "\",\"status\":" + (500 + r.nextInt(4)) + ",\"ms\":" + r.nextInt(90) + "}";
                case 1 -> "{\"id\":\"" + id + "\",\"level\":\"ERROR\",\"ms\":" + r.nextInt(90) + "}";
                case 2 -> "{\"id\":\"" + id + "\",\"ms\":" + r.nextInt(90) + ",\"error\":{\"code\":\"E1\"}}";
                case 3 -> "{\"id\":\"" + id + "\",\"ms\":" + r.nextInt(90) + ",\"msg\":\"java.io.IOException: reset\"}";
                case 4 -> "{\"id\":\"" + id + "\",\"state\":\"failed\",\"ms\":" + r.nextInt(90) + "}";
                default -> "{\"id\":\"" + id + "\",\"status\":200,\"ms\":" + r.nextInt(90) + ",\"error\":null}";
            };
            items.add(item);
        }
        return "[" + String.join(",", items) + "]";
    }
}
