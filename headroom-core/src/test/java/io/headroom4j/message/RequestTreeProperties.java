package io.headroom4j.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The request tree read with long strings decoded on their own is the tree Jackson reads, value for value, for
 * any string escaped as Jackson writes it or as other clients do; a body Jackson rejects fails with Jackson's
 * message.
 */
final class RequestTreeProperties {

    @Property(tries = 300)
    void readsTheTreeJacksonReads(@ForAll("values") String value, @ForAll("escapings") int escaping,
                                  @ForAll("suffixes") String suffix) throws IOException {
        String literal = switch (escaping) {
            case 0 -> new String(Json.stringLiteral(value), StandardCharsets.UTF_8);
            case 1 -> asciiEscaped(value, false);
            default -> asciiEscaped(value, true);
        };
        byte[] body = ("{\"model\":\"m\",\"n\":-2.50e3,\"messages\":[{\"role\":\"user\",\"content\":" + literal
                + "},{\"content\":[{\"type\":\"tool_result\",\"content\":" + literal + "}," + literal + "]}],"
                + literal + " : " + literal + ",\"t\":1.0}" + suffix).getBytes(StandardCharsets.UTF_8);
        assertSameAsJackson(body);
    }

    @Test
    void rawControlCharsBadEscapesAndInvalidUtf8InLongLiteralsFailAsJacksonFails() throws IOException {
        String pad = "x".repeat(RequestTree.MIN_BYTES);
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(("{\"a\":\"" + pad + "\u0001\"}").getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":\"" + pad + "\n\"}").getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":\"" + pad + "\\q\"}").getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":\"" + pad + "\\u12G4\"}").getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":\"" + pad + "\\u12\"}").getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":\"" + pad + "\"").getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":\"" + pad + "\" \"b\":1}").getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":\"" + pad).getBytes(StandardCharsets.UTF_8));
        byte[] invalid = ("{\"a\":\"" + pad + "??\"}").getBytes(StandardCharsets.UTF_8);
        invalid[invalid.length - 4] = (byte) 0xC3;   // a lead byte followed by an ASCII byte
        bodies.add(invalid);
        byte[] surrogate = ("{\"a\":\"" + pad + "???\"}").getBytes(StandardCharsets.UTF_8);
        surrogate[surrogate.length - 5] = (byte) 0xED;   // U+D800 in UTF-8 form (Java's decoder rejects it)
        surrogate[surrogate.length - 4] = (byte) 0xA0;
        surrogate[surrogate.length - 3] = (byte) 0x80;
        bodies.add(surrogate);
        for (byte[] body : bodies) {
            assertSameAsJackson(body);
        }
    }

    @Test
    void aShortStringThatLooksLikeAStandInIsKeptAsItIs() throws IOException {
        String pad = "y\\n".repeat(RequestTree.MIN_BYTES);
        for (String look : new String[] {"\\u0001headroom-literal:0", "\\u0001headroom-literal:1",
                "\\u0001headroom-literal:00", "\\u0001headroom-literal:"}) {
            byte[] body = ("{\"a\":\"" + look + "\",\"b\":\"" + pad + "\",\"c\":[\"" + look + "\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            assertSameAsJackson(body);
        }
    }

    @Test
    void aLongFieldNameStaysAFieldName() throws IOException {
        String key = "k".repeat(RequestTree.MIN_BYTES * 2);
        assertSameAsJackson(("{\"" + key + "\" :\n \"" + key + "\",\"" + key + "x\":[\"" + key + "\"]}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void realRequestBodiesReadTheSameWithTheirLongStringsDecodedHere() throws IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("src/test/resources/fixtures/requests");
        int decodedHere = 0;
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                byte[] body = java.nio.file.Files.readAllBytes(f);
                assertSameAsJackson(body);
                List<String> decoded = new ArrayList<>();
                if (RequestTree.skeleton(body, decoded) != null) {
                    decodedHere += decoded.size();
                }
            }
        }
        assertThat(decodedHere).isPositive();
        String log = "2026-11-24T06:00:00 INFO GET /api/items/1 status=200 dur=3ms \\u2713 ✓ \\n".repeat(4_000);
        byte[] bench = ("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"content\":\""
                + log + "\"}]}]}").getBytes(StandardCharsets.UTF_8);
        List<String> decoded = new ArrayList<>();
        assertThat(RequestTree.skeleton(bench, decoded)).isNotNull();
        assertThat(decoded).hasSize(1);
        assertSameAsJackson(bench);
    }

    private static void assertSameAsJackson(byte[] body) throws IOException {
        JsonNode expected;
        try {
            expected = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            assertThatThrownBy(() -> RequestTree.read(body)).isInstanceOf(e.getClass()).hasMessage(e.getMessage());
            return;
        }
        JsonNode actual = RequestTree.read(body);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.toString()).isEqualTo(expected.toString());
    }

    @Provide
    Arbitrary<String> values() {
        return stringValues();
    }

    /** String values of every kind the reader treats apart: short, long, escape-heavy, non-ASCII, plain ASCII. */
    static Arbitrary<String> stringValues() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().ofMinLength(600).ofMaxLength(3000),
                Arbitraries.strings().withChars("ab\"\\\n\t\u0001\u007f\u00e9\u00ff\u0100\ud83d\ude00 /")
                        .ofMinLength(300).ofMaxLength(3000),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(500).ofMaxLength(5000));
    }

    @Provide
    Arbitrary<Integer> escapings() {
        return escapingKinds();
    }

    /** How a value is written in the body: 0 as Jackson writes it, 1 and 2 with ASCII escapes (asciiEscaped). */
    static Arbitrary<Integer> escapingKinds() {
        return Arbitraries.integers().between(0, 2);
    }

    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.of("", "", "", " \n", " garbage", "}", " [1,", "\"x\"");
    }

    /** {@code value} as a JSON literal with control, non-ASCII (or only those above Latin-1) chars and '/' escaped. */
    static String asciiEscaped(String value, boolean latin1Raw) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '/') {
                sb.append("\\/");
            } else if (c < 0x20 || (c >= 0x7f && !(latin1Raw && c <= 0xff && !Character.isSurrogate(c)))) {
                sb.append(String.format(i % 2 == 0 ? "\\u%04x" : "\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
