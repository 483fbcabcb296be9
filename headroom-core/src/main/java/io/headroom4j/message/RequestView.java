package io.headroom4j.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What compression needs to know about a request, read from its tree once: the candidate strings, the
 * newest user question, where the live zone starts, and every text a tokenizer should count.
 *
 * <p>The live zone is everything after the newest message the model wrote (assistant message, tool call,
 * reasoning item): in an agent loop that is the tool results and user turn added since the previous
 * request. Everything before it was sent before, and in cache mode keeps its bytes.
 */
final class RequestView {

    final List<Segment> segments = new ArrayList<>();
    /** Every text the request carries, for token counting (message text, tool calls, system, tools). */
    final List<String> countedTexts = new ArrayList<>();
    String query = "";
    int liveFrom;
    int messageCount;
    String model;

    private RequestView() {
    }

    static RequestView of(JsonNode body, RequestFormat format) {
        RequestView v = new RequestView();
        v.model = body.path("model").asText(null);
        switch (format) {
            case OPENAI_CHAT -> v.readChat(body);
            case OPENAI_RESPONSES -> v.readResponses(body);
            case ANTHROPIC_MESSAGES -> v.readAnthropic(body);
            default -> throw new IllegalArgumentException("unknown format " + format);
        }
        JsonNode tools = body.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            v.countedTexts.add(tools.toString());
        }
        return v;
    }

    private void readChat(JsonNode body) {
        JsonNode messages = body.path("messages");
        messageCount = messages.size();
        Map<String, String> toolNames = new HashMap<>();
        int lastAssistant = -1;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText("");
            if (role.equals("assistant")) {
                lastAssistant = i;
                for (JsonNode call : m.path("tool_calls")) {
                    toolNames.put(call.path("id").asText(""), call.path("function").path("name").asText(null));
                    countedTexts.add(call.path("function").path("arguments").asText(""));
                }
            }
            boolean tool = role.equals("tool") || role.equals("function");
            String toolName = tool ? (role.equals("function") ? m.path("name").asText(null)
                    : toolNames.get(m.path("tool_call_id").asText(""))) : null;
            addMessageContent("/messages/" + i + "/content", i, role, toolName, tool, m.path("content"));
        }
        liveFrom = lastAssistant + 1;
    }

    private void readResponses(JsonNode body) {
        JsonNode input = body.path("input");
        if (input.isTextual()) {
            query = input.asText();
            countedTexts.add(input.asText());
            return;
        }
        if (body.path("instructions").isTextual()) {
            countedTexts.add(body.path("instructions").asText());
        }
        messageCount = input.size();
        Map<String, String> toolNames = new HashMap<>();
        int lastModel = -1;
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String type = item.path("type").asText(item.has("role") ? "message" : "");
            String role = item.path("role").asText("");
            switch (type) {
                case "function_call", "custom_tool_call", "local_shell_call" -> {
                    lastModel = i;
                    toolNames.put(item.path("call_id").asText(""), item.path("name").asText(type));
                    countedTexts.add(item.path("arguments").asText(item.path("input").asText("")));
                }
                case "reasoning" -> lastModel = i;
                case "function_call_output", "custom_tool_call_output", "local_shell_call_output" -> {
                    String toolName = toolNames.get(item.path("call_id").asText(""));
                    JsonNode output = item.path("output");
                    String base = "/input/" + i + "/output";
                    if (output.isTextual()) {
                        add(base, i, "tool", toolName, true, false, false, output.asText());
                    } else if (output.isArray()) {
                        for (int j = 0; j < output.size(); j++) {
                            JsonNode part = output.get(j);
                            if (part.path("text").isTextual()) {
                                add(base + "/" + j + "/text", i, "tool", toolName, true, false, false,
                                        part.path("text").asText());
                            }
                        }
                    }
                }
                case "message" -> {
                    if (role.equals("assistant")) {
                        lastModel = i;
                    }
                    addMessageContent("/input/" + i + "/content", i, role, null, false, item.path("content"));
                }
                default -> countedTexts.add(item.toString());
            }
        }
        liveFrom = lastModel + 1;
    }

    private void readAnthropic(JsonNode body) {
        JsonNode system = body.path("system");
        if (system.isTextual()) {
            countedTexts.add(system.asText());
        } else if (system.isArray()) {
            for (JsonNode block : system) {
                countedTexts.add(block.path("text").asText(""));
            }
        }
        JsonNode messages = body.path("messages");
        messageCount = messages.size();
        // The last breakpoint: everything at or before it is part of a cached prefix the client asked for.
        int lastBreakMessage = -1;
        int lastBreakBlock = -1;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode content = messages.get(i).path("content");
            if (content.isArray()) {
                for (int j = 0; j < content.size(); j++) {
                    JsonNode block = content.get(j);
                    if (block.has("cache_control") || hasNestedCacheControl(block)) {
                        lastBreakMessage = i;
                        lastBreakBlock = j;
                    }
                }
            }
        }
        Map<String, String> toolNames = new HashMap<>();
        int lastAssistant = -1;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText("");
            if (role.equals("assistant")) {
                lastAssistant = i;
            }
            JsonNode content = m.path("content");
            String base = "/messages/" + i + "/content";
            if (content.isTextual()) {
                add(base, i, role, null, false, false, i < lastBreakMessage, content.asText());
            } else if (content.isArray()) {
                for (int j = 0; j < content.size(); j++) {
                    JsonNode block = content.get(j);
                    boolean frozen = i < lastBreakMessage || (i == lastBreakMessage && j <= lastBreakBlock);
                    String type = block.path("type").asText("");
                    switch (type) {
                        case "tool_use", "server_tool_use" -> {
                            toolNames.put(block.path("id").asText(""), block.path("name").asText(null));
                            countedTexts.add(block.path("input").toString());
                        }
                        case "tool_result" -> {
                            String toolName = toolNames.get(block.path("tool_use_id").asText(""));
                            boolean isError = block.path("is_error").asBoolean(false);
                            JsonNode rc = block.path("content");
                            String rbase = base + "/" + j + "/content";
                            if (rc.isTextual()) {
                                add(rbase, i, "tool", toolName, true, isError, frozen, rc.asText());
                            } else if (rc.isArray()) {
                                for (int k = 0; k < rc.size(); k++) {
                                    JsonNode part = rc.get(k);
                                    if (part.path("text").isTextual()) {
                                        boolean partFrozen = frozen || part.has("cache_control");
                                        add(rbase + "/" + k + "/text", i, "tool", toolName, true, isError,
                                                partFrozen, part.path("text").asText());
                                    }
                                }
                            }
                        }
                        case "text" -> add(base + "/" + j + "/text", i, role, null, false, false, frozen,
                                block.path("text").asText(""));
                        case "thinking" -> countedTexts.add(block.path("thinking").asText(""));
                        default -> {
                            // images, documents, redacted thinking: not compressed, not counted as text
                        }
                    }
                }
            }
            if (role.equals("user")) {
                String text = textOf(content);
                if (!text.isBlank()) {
                    query = text;
                }
            }
        }
        liveFrom = lastAssistant + 1;
    }

    /**
     * Adds a chat-style content value (a string, or parts with {@code text}) at {@code base}, and takes a
     * user message's text as the newest question.
     */
    private void addMessageContent(String base, int index, String role, String toolName, boolean toolResult,
                                   JsonNode content) {
        if (content.isTextual()) {
            add(base, index, role, toolName, toolResult, false, false, content.asText());
        } else if (content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                JsonNode part = content.get(j);
                if (part.path("text").isTextual()) {
                    add(base + "/" + j + "/text", index, role, toolName, toolResult, false, false,
                            part.path("text").asText());
                }
            }
        }
        if (role.equals("user")) {
            String text = textOf(content);
            if (!text.isBlank()) {
                query = text;
            }
        }
    }

    private static boolean hasNestedCacheControl(JsonNode block) {
        JsonNode content = block.path("content");
        if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.has("cache_control")) {
                    return true;
                }
            }
        }
        return false;
    }

    private void add(String pointer, int index, String role, String toolName, boolean toolResult, boolean isError,
                     boolean frozen, String text) {
        segments.add(new Segment(pointer, index, role, toolName, toolResult, isError, frozen, text));
    }

    /** The user-written text of a message's content: a string, or its text parts (not tool results). */
    private static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asText("");
                if ((type.equals("text") || type.equals("input_text")) && part.path("text").isTextual()) {
                    if (!sb.isEmpty()) {
                        sb.append('\n');
                    }
                    sb.append(part.path("text").asText());
                }
            }
        }
        return sb.toString();
    }
}
