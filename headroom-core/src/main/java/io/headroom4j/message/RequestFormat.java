package io.headroom4j.message;

import com.fasterxml.jackson.databind.JsonNode;

/** The request body shapes Headroom4j compresses. */
public enum RequestFormat {
    /** OpenAI Chat Completions: {@code messages} with {@code role: tool} results and {@code tool_calls}. */
    OPENAI_CHAT,
    /** OpenAI Responses: {@code input} items, {@code function_call_output} results. */
    OPENAI_RESPONSES,
    /** Anthropic Messages: {@code tool_result} blocks in content arrays, {@code cache_control}. */
    ANTHROPIC_MESSAGES;

    /**
     * Guesses the format of a request body: {@code input} means Responses; a top-level {@code system},
     * or any {@code tool_result}/{@code tool_use} block, means Anthropic; otherwise Chat Completions.
     */
    public static RequestFormat detect(JsonNode body) {
        if (body == null || !body.isObject()) {
            return OPENAI_CHAT;
        }
        if (body.has("input") && !body.has("messages")) {
            return OPENAI_RESPONSES;
        }
        if (body.has("system") || body.has("anthropic_version")) {
            return ANTHROPIC_MESSAGES;
        }
        JsonNode messages = body.path("messages");
        for (JsonNode m : messages) {
            JsonNode content = m.path("content");
            if (content.isArray()) {
                for (JsonNode block : content) {
                    String type = block.path("type").asText("");
                    if (type.equals("tool_result") || type.equals("tool_use") || block.has("cache_control")) {
                        return ANTHROPIC_MESSAGES;
                    }
                }
            }
            if (m.has("tool_calls") || "tool".equals(m.path("role").asText())) {
                return OPENAI_CHAT;
            }
        }
        return OPENAI_CHAT;
    }
}
