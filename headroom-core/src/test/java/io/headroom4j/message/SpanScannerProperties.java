package io.headroom4j.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The byte scan that finds a string literal's end gives the offset Jackson's {@code finishToken()} gives (the
 * way spans were found before session 4), for any string value, escaped as Jackson writes it or as other
 * clients do ({@code \/}, {@code \u00e9} for non-ASCII, raw UTF-8).
 */
final class SpanScannerProperties {

    @Property(tries = 500)
    void literalEndIsWhereTheParserFinishesTheString(@ForAll String value) throws IOException {
        String jacksonEscaped = new String(Json.stringLiteral(value), StandardCharsets.UTF_8);
        for (String literal : new String[] {jacksonEscaped, asciiEscaped(value)}) {
            byte[] body = ("{\"a\":[1,{\"b\":" + literal + ",\"c\":\"x\\\"y\"}],\"d\":" + literal + "}")
                    .getBytes(StandardCharsets.UTF_8);
            Map<String, long[]> spans = SpanScanner.spans(body, Set.of("/a/1/b", "/d", "/a/1/c"));
            assertThat(spans.get("/a/1/b")).containsExactly(finishedSpan(body, "b"));
            assertThat(spans.get("/d")).containsExactly(finishedSpan(body, "d"));
            assertThat(spans.get("/a/1/c")).containsExactly(finishedSpan(body, "c"));
        }
    }

    /** The span of the string value of {@code field}, the old way: finishToken() and the parser's location. */
    private static long[] finishedSpan(byte[] body, String field) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals(field)) {
                    p.nextToken();
                    long start = p.currentTokenLocation().getByteOffset();
                    p.finishToken();
                    return new long[] {start, p.currentLocation().getByteOffset()};
                }
            }
        }
        throw new AssertionError("no field " + field);
    }

    /** {@code value} as a JSON literal with every non-ASCII char and the slash escaped, as some clients send. */
    private static String asciiEscaped(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '/') {
                sb.append("\\/");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
