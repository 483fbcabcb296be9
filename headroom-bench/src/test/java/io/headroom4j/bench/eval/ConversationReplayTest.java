package io.headroom4j.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

final class ConversationReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sendsOneRequestPerPointWhereTheModelAnswers() throws Exception {
        JsonNode body = JSON.readTree("""
                {"model":"gpt-4o","messages":[
                  {"role":"system","content":"s"},
                  {"role":"user","content":"q"},
                  {"role":"assistant","content":null,"tool_calls":[]},
                  {"role":"tool","tool_call_id":"1","content":"r1"},
                  {"role":"user","content":"more"},
                  {"role":"assistant","content":"a"},
                  {"role":"user","content":"thanks"}]}
                """);
        List<byte[]> requests = ConversationReplay.requests(body);
        assertThat(requests).hasSize(3);
        assertThat(JSON.readTree(requests.get(0)).path("messages")).hasSize(2);
        assertThat(JSON.readTree(requests.get(1)).path("messages")).hasSize(5);
        assertThat(JSON.readTree(requests.get(2)).path("messages")).hasSize(7);
        // Each request starts with the previous one's messages, so a prefix cache can hit.
        String second = new String(requests.get(1), StandardCharsets.UTF_8);
        assertThat(second).startsWith("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\"");
    }
}
