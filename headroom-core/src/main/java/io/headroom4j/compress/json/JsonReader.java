package io.headroom4j.compress.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Reads JSON text into {@link JsonValue}s with Jackson's streaming parser, keeping number literals as
 * written. Accepts one value or several in a row (JSON lines). Thread-safe.
 */
final class JsonReader {

    /** Nesting deeper than this is refused: the compressor passes such input through. */
    static final int MAX_DEPTH = 1_000;

    /** Longest string value read; longer ones make the input pass through. */
    static final int MAX_STRING_CHARS = 16 * 1024 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNumberLength(10_000)
                    .maxDocumentLength(-1)
                    .build())
            .build();

    private JsonReader() {
    }

    /**
     * Every top-level value in {@code text}, in order.
     *
     * @throws IOException for malformed JSON, nesting deeper than {@link #MAX_DEPTH} or oversized strings
     */
    static List<JsonValue> readAll(String text) throws IOException {
        List<JsonValue> values = new ArrayList<>(1);
        try (JsonParser p = FACTORY.createParser(text)) {
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
                // getText() of a number token is its literal in the source: "1.0", "1e3" and "-0" survive.
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
