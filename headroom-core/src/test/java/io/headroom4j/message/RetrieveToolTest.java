package io.headroom4j.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;

final class RetrieveToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void definitionsAreValidJsonInEachProvidersShape() throws Exception {
        JsonNode anthropic = JSON.readTree(RetrieveTool.definition(RequestFormat.ANTHROPIC_MESSAGES));
        assertThat(anthropic.path("name").asText()).isEqualTo("headroom_retrieve");
        assertThat(anthropic.path("input_schema").path("required").get(0).asText()).isEqualTo("key");
        JsonNode chat = JSON.readTree(RetrieveTool.definition(RequestFormat.OPENAI_CHAT));
        assertThat(chat.path("type").asText()).isEqualTo("function");
        assertThat(chat.path("function").path("parameters").path("properties").has("query")).isTrue();
        JsonNode responses = JSON.readTree(RetrieveTool.definition(RequestFormat.OPENAI_RESPONSES));
        assertThat(responses.path("name").asText()).isEqualTo("headroom_retrieve");
        assertThat(RetrieveTool.isDefinedIn(JSON.readTree("[" + RetrieveTool.OPENAI_CHAT + "]"))).isTrue();
        assertThat(RetrieveTool.isDefinedIn(JSON.readTree("[{\"name\":\"Bash\"}]"))).isFalse();
    }

    @Test
    void parsesObjectAndStringArgumentsAndHeadroomsHashName() throws Exception {
        assertThat(RetrieveTool.parseCall(JSON.readTree("{\"key\":\" abc \",\"query\":\"ERROR\"}")))
                .isEqualTo(new RetrieveTool.Call("abc", "ERROR"));
        assertThat(RetrieveTool.parseCall(JSON.getNodeFactory().textNode("{\"hash\":\"k1\"}")))
                .isEqualTo(new RetrieveTool.Call("k1", null));
        assertThat(RetrieveTool.parseCall(JSON.getNodeFactory().textNode("{not json")))
                .isEqualTo(new RetrieveTool.Call(null, null));
        assertThat(RetrieveTool.parseCall(null)).isEqualTo(new RetrieveTool.Call(null, null));
    }

    @Test
    void answersWithTheExactOriginalOrAnErrorSentence() {
        try (CompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 1 << 20)) {
            String original = "line one\nERROR two ✓\nline three";
            String key = store.put(original, "test");
            RetrieveTool.Answer hit = RetrieveTool.answer(new RetrieveTool.Call(key, null), store);
            assertThat(hit.found()).isTrue();
            assertThat(hit.text()).isEqualTo(original);
            RetrieveTool.Answer miss = RetrieveTool.answer(new RetrieveTool.Call("0".repeat(24), null), store);
            assertThat(miss.found()).isFalse();
            assertThat(miss.text()).contains("nothing is stored");
            RetrieveTool.Answer bad = RetrieveTool.answer(new RetrieveTool.Call("xyz", null), store);
            assertThat(bad.found()).isFalse();
            assertThat(bad.text()).contains("not a retrieval key");
        }
    }
}
