package io.headroom4j.compress.json;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

final class TableFormatProperties {

    @Property(tries = 2000)
    void tablesEverywhereDecodeToTheOriginal(@ForAll("documents") List<JsonValue> doc) {
        String encoded = TableEncoder.encodeEverywhere(doc);
        assertThat(TableDecoder.decode(encoded)).as(encoded).isEqualTo(doc);
    }

    @Property(tries = 2000)
    void tablesWhereShorterDecodeToTheOriginal(@ForAll("documents") List<JsonValue> doc) {
        String encoded = TableEncoder.encode(doc);
        assertThat(TableDecoder.decode(encoded)).as(encoded).isEqualTo(doc);
    }

    @Property(tries = 1000)
    void rowArraysRoundTrip(@ForAll("rowArrays") JsonValue array) {
        String encoded = TableEncoder.encodeEverywhere(List.of(array));
        assertThat(encoded).startsWith("[");
        assertThat(TableDecoder.decode(encoded)).as(encoded).containsExactly(array);
    }

    @Property(tries = 1000)
    void compactJsonReadsBackThroughJackson(@ForAll("documents") List<JsonValue> doc) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (JsonValue v : doc) {
            JsonWriter.write(v, sb);
            sb.append('\n');
        }
        assertThat(JsonReader.readAll(sb.toString())).isEqualTo(doc);
    }

    @Provide
    Arbitrary<List<JsonValue>> documents() {
        return RandomJson.documents();
    }

    @Provide
    Arbitrary<JsonValue> rowArrays() {
        return RandomJson.rowArrays();
    }
}
