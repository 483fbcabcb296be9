package io.headroom4j.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The byte scan that finds a string literal's end gives the offset Jackson's {@code finishToken()} gives (the
 * way spans were found before session 4), for any string value, escaped as Jackson writes it or as other
 * clients do ({@code \/}, {@code \u00e9} for non-ASCII, raw UTF-8).
 */
final class SpanScannerProperties {

    @Property(tries = 500)
    void literalEndIsWhereTheParserFinishesTheString(@ForAll String value) throws IOException {
        String jacksonEscaped = new String(Json.stringLiteral(value), StandardCharsets.UTF_8);
        for (String literal : new String[] {jacksonEscaped, RequestTreeProperties.asciiEscaped(value, false)}) {
            byte[] body = ("{\"a\":[1,{\"b\":" + literal + ",\"c\":\"x\\\"y\"}],\"d\":" + literal + "}")
                    .getBytes(StandardCharsets.UTF_8);
            Map<String, long[]> spans = SpanScanner.spans(body, Set.of("/a/1/b", "/d", "/a/1/c"));
            assertThat(spans.get("/a/1/b")).containsExactly(finishedSpan(body, "b"));
            assertThat(spans.get("/d")).containsExactly(finishedSpan(body, "d"));
            assertThat(spans.get("/a/1/c")).containsExactly(finishedSpan(body, "c"));
        }
    }

    @Property(tries = 400)
    void findsTheSameSpansAsTheFullParse(@ForAll("documents") String document, @ForAll("suffixes") String suffix,
                                         @ForAll long seed) throws IOException {
        byte[] body = (document + suffix).getBytes(StandardCharsets.UTF_8);
        Set<String> all = new java.util.TreeSet<>();
        pointers(Json.MAPPER.readTree(document), "", all);
        // Every string, and a pseudo-random half of them, as the pointers asked for.
        java.util.Random random = new java.util.Random(seed);
        Set<String> half = new java.util.TreeSet<>();
        for (String pointer : all) {
            if (random.nextBoolean()) {
                half.add(pointer);
            }
        }
        for (Set<String> asked : List.of(all, half, Set.of("/messages/0/content"))) {
            Map<String, long[]> expected;
            try {
                expected = LegacySpanScanner.spans(body, asked);
            } catch (IOException e) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpanScanner.spans(body, asked))
                        .isInstanceOf(IOException.class);
                continue;
            }
            Map<String, long[]> actual = SpanScanner.spans(body, asked);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).containsExactly(v));
        }
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().withChars("ab\"\\\n\u00e9\ud83d\ude00 /").ofMinLength(4000).ofMaxLength(9000));
        Arbitrary<String> literal = text.map(v -> new String(Json.stringLiteral(v), StandardCharsets.UTF_8));
        Arbitrary<String> leaf = Arbitraries.oneOf(literal, literal, Arbitraries.of("1", "true", "null", "-2.5e3",
                "{}", "[]"));
        Arbitrary<String> inner = Arbitraries.lazyOf(() -> Arbitraries.oneOf(leaf, leaf, leaf,
                leaf.list().ofMaxSize(4).map(l -> "[" + String.join(", ", l) + "]"),
                leaf.list().ofMaxSize(4).map(l -> {
                    StringBuilder sb = new StringBuilder("{");
                    for (int i = 0; i < l.size(); i++) {
                        sb.append(i == 0 ? "" : ",").append("\"k").append(i % 3 == 2 ? "~/" : "").append(i)
                                .append("\": ").append(l.get(i));
                    }
                    return sb.append('}').toString();
                })));
        Arbitrary<String> message = Combinators.combine(inner, inner, inner).as((a, b, c) ->
                "{\"role\":\"user\",\"content\":" + a + ",\"x\":[" + b + "," + c + "]}");
        return Combinators.combine(message.list().ofMinSize(1).ofMaxSize(4), inner).as((ms, tail) ->
                "{\"model\":\"m\",\"messages\":[" + String.join(",", ms) + "],\"tail\":" + tail + "}");
    }

    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.of("", "", "", " \n", " {\"messages\":[{\"content\":\"again\"}]}", " garbage", "}",
                " [1,", "\"x\"");
    }

    private static void pointers(com.fasterxml.jackson.databind.JsonNode node, String at, Set<String> out) {
        if (node.isTextual()) {
            out.add(at);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                pointers(node.get(i), at + "/" + i, out);
            }
        } else if (node.isObject()) {
            node.properties().forEach(e -> pointers(e.getValue(),
                    at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out));
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
}
