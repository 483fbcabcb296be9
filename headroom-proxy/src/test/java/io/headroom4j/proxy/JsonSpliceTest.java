package io.headroom4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;

final class JsonSpliceTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void appendsToAnExistingArrayKeepingEveryOtherByte() {
        String body = "{ \"n\" : 1.0e0, \"s\":\"\\u00e9\\/\",\n  \"tools\" : [ {\"a\":1} ]\n}";
        String out = new String(JsonSplice.appendToArray(b(body), "tools", List.of("{\"b\":2}")),
                StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("{ \"n\" : 1.0e0, \"s\":\"\\u00e9\\/\",\n  \"tools\" : [ {\"a\":1} ,{\"b\":2}]\n}");
    }

    @Test
    void createsTheArrayWhenAbsentAndHandlesEmptyOnes() {
        assertThat(new String(JsonSplice.appendToArray(b("{\"m\":\"x\"}"), "tools", List.of("1")),
                StandardCharsets.UTF_8)).isEqualTo("{\"m\":\"x\",\"tools\":[1]}");
        assertThat(new String(JsonSplice.appendToArray(b("{ }"), "tools", List.of("1", "2")),
                StandardCharsets.UTF_8)).isEqualTo("{ \"tools\":[1,2]}");
        assertThat(new String(JsonSplice.appendToArray(b("{\"tools\":[ ]}"), "tools", List.of("1")),
                StandardCharsets.UTF_8)).isEqualTo("{\"tools\":[ 1]}");
    }

    @Test
    void refusesNonArraysAndNonObjects() {
        assertThat(JsonSplice.appendToArray(b("{\"tools\":\"x\"}"), "tools", List.of("1"))).isNull();
        assertThat(JsonSplice.appendToArray(b("[1]"), "tools", List.of("1"))).isNull();
    }

    @Test
    void findsTheFullExtentOfStringValues() {
        byte[] body = b("{\"system\":\"long system prompt ✓\",\"x\":1}");
        JsonSplice.Range r = JsonSplice.topLevelValue(body, "system");
        assertThat(new String(body, r.start(), r.end() - r.start(), StandardCharsets.UTF_8))
                .isEqualTo("\"long system prompt ✓\"");
    }

    /** Appending by splicing gives the same tree as appending to the parsed tree. */
    @Property(tries = 200)
    void spliceMatchesTreeAppend(@ForAll @IntRange(max = 5) int existing, @ForAll @AlphaChars String name,
                                 @ForAll boolean pretty) throws Exception {
        ObjectNode root = TestProxies.JSON.createObjectNode();
        root.put("model", name);
        ArrayNode msgs = root.putArray("messages");
        for (int i = 0; i < existing; i++) {
            msgs.addObject().put("role", "user").put("content", name + i);
        }
        root.put("stream", true);
        String text = pretty ? TestProxies.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root)
                : root.toString();
        byte[] out = JsonSplice.appendToArray(b(text), "messages", List.of("{\"role\":\"assistant\",\"content\":\"ok\"}"));
        msgs.addObject().put("role", "assistant").put("content", "ok");
        JsonNode parsed = TestProxies.JSON.readTree(out);
        assertThat(parsed).isEqualTo(root);
        assertThat(new String(out, StandardCharsets.UTF_8)).startsWith(text.substring(0, text.indexOf("messages")));
    }
}
