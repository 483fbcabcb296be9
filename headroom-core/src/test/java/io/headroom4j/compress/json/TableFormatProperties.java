package io.headroom4j.compress.json;

import java.util.List;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
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

    /** Guards the generator: the properties above must actually meet every feature of the format. */
    @Example
    void randomDocumentsExerciseEveryFeatureOfTheFormat() {
        java.util.Random r = new java.util.Random(42);
        int templates = 0;
        int ranges = 0;
        int constants = 0;
        int dotted = 0;
        int wholeRows = 0;
        int lines = 0;
        int positions = 0;
        for (int i = 0; i < 3000; i++) {
            List<JsonValue> doc = RandomJson.document(r);
            String enc = TableEncoder.encodeEverywhere(doc);
            assertThat(TableDecoder.decode(enc)).isEqualTo(doc);
            templates += enc.contains("~\"") ? 1 : 0;
            ranges += enc.matches("(?s).*=-?\\d+\\.\\.-?\\d+[,}].*") ? 1 : 0;
            constants += enc.matches("(?s).*[{,][^,{}\n]+=[^,}\n]+[,}].*") ? 1 : 0;
            dotted += enc.contains(".login") ? 1 : 0;
            wholeRows += enc.matches("(?s).*\n\\{[^\n]*}\n.*") ? 1 : 0;
            lines += enc.contains(" lines]{") ? 1 : 0;
            positions += enc.contains("[0].") ? 1 : 0;
        }
        assertThat(templates).isGreaterThan(50);
        assertThat(ranges).isGreaterThan(50);
        assertThat(constants).isGreaterThan(50);
        assertThat(dotted).isGreaterThan(50);
        assertThat(wholeRows).isGreaterThan(50);
        assertThat(lines).isGreaterThan(20);
        assertThat(positions).isGreaterThan(50);
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
