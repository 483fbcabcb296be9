package io.headroom4j;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.headroom4j.compress.Fixtures;
import io.headroom4j.message.RequestFormat;

/**
 * Anthropic Messages conversations of an agent loop, built turn by turn as a client would send them: each
 * request repeats the whole history with the original tool results (the client never sees what the proxy
 * sent) and adds one new user question, one tool call and its result.
 */
final class Conversations {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> messages = new ArrayList<>();
    private int calls;

    /** Appends a user question, the model's tool call and the tool's result; returns the request body. */
    byte[] turn(String question, String toolOutput) {
        if (!messages.isEmpty()) {
            messages.add("{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}]}");
        }
        String id = "toolu_" + (++calls);
        messages.add("{\"role\":\"user\",\"content\":" + json(question) + "}");
        messages.add("{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + id
                + "\",\"name\":\"Bash\",\"input\":{\"command\":\"cat out.json\"}}]}");
        messages.add("{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + id
                + "\",\"content\":" + json(toolOutput) + "}]}");
        return body();
    }

    byte[] body() {
        return ("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"system\":\"You are a coding agent.\","
                + "\"messages\":[" + String.join(",", messages) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    static RequestFormat format() {
        return RequestFormat.ANTHROPIC_MESSAGES;
    }

    /** Real tool outputs (see the fixtures' READMEs) whose compression depends on the question. */
    static List<String> toolOutputs() {
        return List.of(Fixtures.read("json/github-issues-100.json"), Fixtures.read("json/npm-search-100.json"),
                Fixtures.read("json/search-results-200.json"), Fixtures.read("json/kubectl-pods-60.json"));
    }

    static String json(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tool results of a request body, in order, as the text that is sent. */
    static List<String> toolResults(byte[] body) {
        try {
            List<String> out = new ArrayList<>();
            for (JsonNode m : MAPPER.readTree(body).path("messages")) {
                for (JsonNode block : m.path("content")) {
                    if (block.path("type").asText().equals("tool_result")) {
                        out.add(block.path("content").asText());
                    }
                }
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
