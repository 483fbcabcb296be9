package io.headroom4j.compress.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hand-written reader reads what the Jackson streaming setup it replaced read, into the same values, and
 * refuses what it refused: checked side by side on the fixtures, seeded random documents and edge cases.
 */
final class JsonReaderTest {

    private static final JsonFactory JACKSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonReader.MAX_DEPTH)
                    .maxStringLength(JsonReader.MAX_STRING_CHARS).maxNumberLength(10_000).maxDocumentLength(-1)
                    .build())
            .build();

    @Test
    void readsFixturesAndRandomDocumentsAsJacksonDid() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String f : new String[] {"app-logs-1000.jsonl", "github-issues-100.json", "kubectl-pods-60.json",
            "npm-search-100.json", "sqlite-orders-1000.json"}) {
            texts.add(JsonTableCompressorTest.fixture(f));
        }
        Random r = new Random(11);
        for (int i = 0; i < 500; i++) {
            List<String> parts = new ArrayList<>();
            for (JsonValue v : RandomJson.document(r)) {
                parts.add(JsonWriter.toJson(v));
            }
            texts.add(String.join(i % 2 == 0 ? "\n" : " \r\n\t", parts));
        }
        for (String t : texts) {
            assertThat(JsonReader.readAll(t)).isEqualTo(jackson(t));
        }
    }

    @Test
    void agreesWithJacksonOnEdgeCases() {
        String[] cases = {
            "", "  ", "1", "-0", "1.5e+3", "1E-2", "01", "-", "1.", ".5", "+1", "1e", "1.e3", "0x1", "NaN", "[1 2]",
            "[1,]", "[,1]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "[true,false,null]", "[tru]", "truex",
            "true false", "1 2", "1[2]", "[1][2]", "{}{}", "\"a\"\"b\"", "[\"\\u00e9\\n\\t\\/\\\\\"]", "[\"\\x\"]",
            "[\"\\u12\"]", "[\"\\uD800\"]", "[\"\\uDE00\\uD83D\"]", "[\"a\u0001b\"]", "[\"a\u007fb\"]",
            "\uFEFF[1]", "[1]//c", "[1]/*c*/", "{\"a\":1}\n{\"a\":2}\n", "{\"a\":{\"b\":[{},[]]}}",
            "{\"a\":1,\"a\":2}", "[1.0,1,1e3,1E3,-0.0]", "[\"\uD83D\uDE00\"]", "[1]x", "[\"x\"] trailing", "[\n]",
            "[1]\u00a0", "{\"k\":1e99999}", "[123456789012345678901234567890]", "[\"" + "a".repeat(100) + "\"]",
            "[" + "[".repeat(998) + "]".repeat(998) + "]", "[".repeat(1_001) + "]".repeat(1_001),
            "[" + "1".repeat(10_001) + "]", "{\"" + "k".repeat(50_001) + "\":1}",
        };
        for (String c : cases) {
            List<JsonValue> expected;
            try {
                expected = jackson(c);
            } catch (IOException | RuntimeException e) {
                assertThatThrownBy(() -> JsonReader.readAll(c)).as(c.length() > 40 ? c.substring(0, 40) : c)
                        .isInstanceOf(IOException.class);
                continue;
            }
            try {
                assertThat(JsonReader.readAll(c)).as(c).isEqualTo(expected);
            } catch (IOException e) {
                throw new AssertionError("refused what Jackson read: " + c, e);
            }
        }
    }

    @Test
    void refusesRawUnpairedSurrogatesInStrings() {
        assertThatThrownBy(() -> JsonReader.readAll("[\"a\uD800b\"]"))
                .isInstanceOf(JsonReader.UnpairedSurrogateException.class);
        assertThatThrownBy(() -> JsonReader.readAll("{\"k\uDC00\":1}"))
                .isInstanceOf(JsonReader.UnpairedSurrogateException.class);
        assertThatThrownBy(() -> JsonReader.readAll("[\"\\n\uD800\"]"))
                .isInstanceOf(JsonReader.UnpairedSurrogateException.class);
    }

    @Test
    void readsTheHeadOfALongArrayUpToTheWindow() throws IOException {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 2_000; i++) {
            sb.append(i > 0 ? "," : "").append("{\"id\":").append(i).append(",\"name\":\"item ").append(i).append("\"}");
        }
        String text = sb.append(']').toString();
        JsonReader.Head head = JsonReader.readHead(text, 1_000);
        assertThat(head).isNotNull();
        assertThat(head.end()).isBetween(1_000, 2_000);
        assertThat(head.items()).isEqualTo(((JsonValue.Arr) JsonReader.readAll(text).get(0)).items()
                .subList(0, head.items().size()));
        assertThat(JsonReader.readHead("{\"a\":1}", 1_000)).isNull();
        assertThat(JsonReader.readHead("[1,2]", 1_000)).isNull();
    }

    /** The reader this one replaced: Jackson's streaming parser building the same values. */
    static List<JsonValue> jackson(String text) throws IOException {
        List<JsonValue> values = new ArrayList<>(1);
        try (JsonParser p = JACKSON.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                values.add(read(p, t));
            }
        }
        return values;
    }

    private static JsonValue read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                List<String> keys = new ArrayList<>();
                List<JsonValue> values = new ArrayList<>();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    keys.add(p.currentName());
                    values.add(read(p, p.nextToken()));
                }
                if (t != JsonToken.END_OBJECT) {
                    throw new IOException("unexpected " + t + " in object");
                }
                return new JsonValue.Obj(keys, values);
            }
            case START_ARRAY: {
                List<JsonValue> items = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new IOException("unterminated array");
                    }
                    items.add(read(p, t));
                }
                return new JsonValue.Arr(items);
            }
            case VALUE_STRING:
                return new JsonValue.Str(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new JsonValue.Num(p.getText());
            case VALUE_TRUE:
                return JsonValue.Bool.TRUE;
            case VALUE_FALSE:
                return JsonValue.Bool.FALSE;
            case VALUE_NULL:
                return JsonValue.Null.INSTANCE;
            default:
                throw new IOException("unexpected token " + t);
        }
    }
}
