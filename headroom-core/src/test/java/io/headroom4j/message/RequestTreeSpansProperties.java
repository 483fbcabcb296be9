package io.headroom4j.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The spans {@link RequestTree#parse} keeps for its long string values are exactly those values' literals in the
 * body (what the splice replaces without scanning again), each for the very string object in the tree; the texts
 * handed over early are those of tool-text fields and are the tree's own objects.
 */
final class RequestTreeSpansProperties {

    @Property(tries = 200)
    void eachSpanIsTheLiteralOfItsValueInTheTree(@ForAll("values") String value, @ForAll("escapings") int escaping)
            throws IOException {
        String literal = escaping == 0 ? new String(Json.stringLiteral(value), StandardCharsets.UTF_8)
                : RequestTreeProperties.asciiEscaped(value, escaping == 2);
        byte[] body = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":" + literal
                + "},{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"content\": " + literal + "},"
                + literal + "]}],\"text\" :\n" + literal + ",\"other\":" + literal + "}")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode expected;
        try {
            expected = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return;   // RequestTreeProperties: the same failure
        }
        List<String> early = new ArrayList<>();
        RequestTree.Parsed parsed = RequestTree.parse(body, early::add);
        assertThat(parsed.tree()).isEqualTo(expected);
        IdentityHashMap<String, Boolean> inTree = new IdentityHashMap<>();
        collectTexts(parsed.tree(), inTree);
        for (Map.Entry<String, long[]> e : parsed.spans().entrySet()) {
            long[] span = e.getValue();
            assertThat(inTree).containsKey(e.getKey());
            byte[] lit = java.util.Arrays.copyOfRange(body, (int) span[0], (int) span[1]);
            assertThat(Json.MAPPER.readTree(lit).textValue()).isEqualTo(e.getKey());
            assertThat(SpanScanner.literalEnd(body, span[0])).isEqualTo(span[1]);
        }
        int longOnes = literal.getBytes(StandardCharsets.UTF_8).length >= RequestTree.MIN_BYTES ? 5 : 0;
        if (!parsed.spans().isEmpty()) {
            assertThat(parsed.spans()).hasSize(longOnes);
            // "content" twice, "content" in the tool result, and "text": not the array element nor "other".
            assertThat(early).hasSize(3);
            for (String t : early) {
                assertThat(parsed.spanOf(t)).isNotNull();
            }
        }
    }

    @Test
    void spansAgreeWithTheSpanScannerOnTheBenchRequest() throws IOException {
        String log = "2026-11-24T06:00:00 INFO GET /api/items/1 status=200 dur=3ms \\u2713 ✓ \\n".repeat(4_000);
        byte[] body = ("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"content\":\""
                + log + "\"}]}]}").getBytes(StandardCharsets.UTF_8);
        RequestTree.Parsed parsed = RequestTree.parse(body);
        String text = parsed.tree().at("/messages/0/content/0/content").textValue();
        long[] scanned = SpanScanner.spans(body, java.util.Set.of("/messages/0/content/0/content"))
                .get("/messages/0/content/0/content");
        assertThat(parsed.spanOf(text)).containsExactly(scanned);
        // An equal string that is not the tree's own object has no span: identity names the literal.
        assertThat(parsed.spanOf(new String(text))).isNull();
    }

    @Test
    void aBodyJacksonReadsWholeKeepsNoSpans() throws IOException {
        String look = "\\u0001headroom-literal:0";
        String pad = "y\\n".repeat(RequestTree.MIN_BYTES);
        byte[] body = ("{\"a\":\"" + look + "\",\"content\":\"" + pad + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(RequestTree.parse(body).spans()).isEmpty();
        assertThat(RequestTree.parse(body).tree()).isEqualTo(Json.MAPPER.readTree(body));
    }

    private static void collectTexts(JsonNode node, IdentityHashMap<String, Boolean> out) {
        if (node.isTextual()) {
            out.put(node.textValue(), Boolean.TRUE);
        }
        for (JsonNode child : node) {
            collectTexts(child, out);
        }
    }

    @Provide
    Arbitrary<String> values() {
        return RequestTreeProperties.stringValues();
    }

    @Provide
    Arbitrary<Integer> escapings() {
        return RequestTreeProperties.escapingKinds();
    }
}
