package io.headroom4j.compress.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The table format of {@link JsonTableCompressor}, for callers that need to turn its output back into JSON.
 *
 * <p>{@link #decode} accepts any lossless output of the compressor (tables, or JSON with tables inside it)
 * and plain JSON, and returns compact JSON whose value equals the original exactly: same keys in the same
 * order, same number literals, strings, nulls and booleans; missing keys stay missing. JSON lines come back
 * as one compact value per line. Thread-safe.
 */
public final class JsonTables {

    private JsonTables() {
    }

    /**
     * The compact JSON (or JSON lines) that {@code encoded} stands for.
     *
     * @throws IllegalArgumentException when {@code encoded} is neither JSON nor the table format
     */
    public static String decode(String encoded) {
        List<JsonValue> values = TableDecoder.decode(encoded);
        StringBuilder sb = new StringBuilder(encoded.length() * 2);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            JsonWriter.write(values.get(i), sb);
        }
        return sb.toString();
    }

    /**
     * {@code json} (one value or JSON lines) in the table format, with a table wherever one is shorter.
     *
     * @throws IllegalArgumentException when {@code json} is not well-formed JSON
     */
    public static String encode(String json) {
        try {
            return TableEncoder.encode(JsonReader.readAll(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    static List<JsonValue> parse(String json) {
        try {
            return JsonReader.readAll(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
