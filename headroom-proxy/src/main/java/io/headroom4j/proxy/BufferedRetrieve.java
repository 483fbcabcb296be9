package io.headroom4j.proxy;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.headroom4j.message.RequestFormat;
import io.headroom4j.message.RetrieveTool;

/**
 * Retrieve-call handling for whole (non-streamed) responses: decides whether a response is a turn of
 * retrieve calls only (continue upstream), mixed with the client's own tool calls (drop the retrieve calls,
 * pass the rest), or free of them (pass it on verbatim). The rules match {@link StreamRelay}.
 */
final class BufferedRetrieve {

    private BufferedRetrieve() {
    }

    enum Kind { NONE, CONTINUE, MIXED }

    /**
     * What to do with one response.
     *
     * @param kind     the case
     * @param append   for CONTINUE, the JSON texts to append to the request's conversation
     * @param response for MIXED, the response without its retrieve calls; otherwise the response
     * @param visible  for CONTINUE (Anthropic), the content blocks the client should still see
     */
    record Decision(Kind kind, List<String> append, JsonNode response, List<JsonNode> visible) {
    }

    static Decision decide(RequestFormat format, JsonNode response, StreamRelay.Answerer answerer) {
        return switch (format) {
            case ANTHROPIC_MESSAGES -> anthropic(response, answerer);
            case OPENAI_CHAT -> openAiChat(response, answerer);
            case OPENAI_RESPONSES -> responses(response, answerer);
        };
    }

    private static Decision anthropic(JsonNode response, StreamRelay.Answerer answerer) {
        JsonNode content = response.path("content");
        List<JsonNode> retrieve = new ArrayList<>();
        List<JsonNode> visible = new ArrayList<>();
        boolean clientTool = false;
        for (JsonNode b : content) {
            boolean isTool = "tool_use".equals(b.path("type").asText());
            if (isTool && RetrieveTool.NAME.equals(b.path("name").asText())) {
                retrieve.add(b);
            } else {
                clientTool |= isTool;
                visible.add(b);
            }
        }
        if (retrieve.isEmpty()) {
            return new Decision(Kind.NONE, List.of(), response, List.of());
        }
        if (clientTool) {
            ObjectNode copy = ((ObjectNode) response).deepCopy();
            ArrayNode kept = copy.putArray("content");
            visible.forEach(kept::add);
            return new Decision(Kind.MIXED, List.of(), copy, List.of());
        }
        ObjectNode assistant = StreamRelay.JSON.createObjectNode();
        assistant.put("role", "assistant");
        assistant.set("content", content);
        return new Decision(Kind.CONTINUE, List.of(assistant.toString(), StreamRelay.anthropicResults(retrieve,
                answerer)), response, visible);
    }

    private static Decision openAiChat(JsonNode response, StreamRelay.Answerer answerer) {
        JsonNode message = response.path("choices").path(0).path("message");
        JsonNode calls = message.path("tool_calls");
        List<JsonNode> retrieve = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        for (JsonNode c : calls) {
            if (RetrieveTool.NAME.equals(c.path("function").path("name").asText())) {
                retrieve.add(c);
            } else {
                others.add(c);
            }
        }
        if (retrieve.isEmpty()) {
            return new Decision(Kind.NONE, List.of(), response, List.of());
        }
        if (!others.isEmpty()) {
            ObjectNode copy = ((ObjectNode) response).deepCopy();
            ArrayNode kept = ((ObjectNode) copy.path("choices").path(0).path("message")).putArray("tool_calls");
            others.forEach(kept::add);
            return new Decision(Kind.MIXED, List.of(), copy, List.of());
        }
        List<String> append = new ArrayList<>();
        ObjectNode assistant = ((ObjectNode) message).deepCopy();
        assistant.put("role", "assistant");
        append.add(assistant.toString());
        for (JsonNode c : retrieve) {
            append.add(StreamRelay.openAiToolMessage(c.path("id").asText(), c.path("function").path("arguments"),
                    answerer));
        }
        return new Decision(Kind.CONTINUE, append, response, List.of());
    }

    private static Decision responses(JsonNode response, StreamRelay.Answerer answerer) {
        JsonNode output = response.path("output");
        List<JsonNode> retrieve = new ArrayList<>();
        List<JsonNode> kept = new ArrayList<>();
        boolean clientTool = false;
        for (JsonNode item : output) {
            boolean isCall = "function_call".equals(item.path("type").asText());
            if (isCall && RetrieveTool.NAME.equals(item.path("name").asText())) {
                retrieve.add(item);
            } else {
                clientTool |= isCall;
                kept.add(item);
            }
        }
        if (retrieve.isEmpty()) {
            return new Decision(Kind.NONE, List.of(), response, List.of());
        }
        if (clientTool) {
            ObjectNode copy = ((ObjectNode) response).deepCopy();
            ArrayNode arr = copy.putArray("output");
            kept.forEach(arr::add);
            return new Decision(Kind.MIXED, List.of(), copy, List.of());
        }
        List<String> append = new ArrayList<>();
        for (JsonNode item : output) {
            append.add(item.toString());
        }
        for (JsonNode call : retrieve) {
            append.add(StreamRelay.responsesOutput(call.path("call_id").asText(), call.path("arguments"), answerer));
        }
        return new Decision(Kind.CONTINUE, append, response, List.of());
    }
}
