package io.headroom4j.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Realistic provider streams, written from the shapes the Anthropic and OpenAI APIs document, cut into
 * chunks at awkward places (inside events, inside a UTF-8 character) the way a network delivers them.
 */
final class Streams {

    private Streams() {
    }

    static String anthropicEvent(String name, String json) {
        return "event: " + name + "\ndata: " + json + "\n\n";
    }

    static String messageStart(String id) {
        return anthropicEvent("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + id
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],"
                + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":472,"
                + "\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":1200,\"output_tokens\":2}}}");
    }

    static String textBlock(int index, String text) {
        return anthropicEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
                + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}")
                + anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    static String toolUseBlock(int index, String id, String name, String... partialJson) {
        StringBuilder sb = new StringBuilder(anthropicEvent("content_block_start", "{\"type\":\"content_block_start\","
                + "\"index\":" + index + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\""
                + name + "\",\"input\":{}}}"));
        for (String p : partialJson) {
            sb.append(anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                    + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + p + "\"}}"));
        }
        sb.append(anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
        return sb.toString();
    }

    static String messageEnd(String stopReason, int outputTokens) {
        return anthropicEvent("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
                + stopReason + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens + "}}")
                + anthropicEvent("message_stop", "{\"type\":\"message_stop\"}");
    }

    /** Every event type of the Messages stream: thinking with signature, text with non-ASCII, tool input. */
    static String anthropicFull() {
        return messageStart("msg_01XFDUDYJgAACzvnptvVoYEL")
                + anthropicEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}")
                + anthropicEvent("ping", "{\"type\": \"ping\"}")
                + anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"I need to list the files first.\"}}")
                + anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl"
                + "1pkiMOYds+Y7Pq8aBo1U\"}}")
                + anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + textBlock(1, "Größe: 42 — ✓ 日本語 🚀 done")
                + toolUseBlock(2, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "Bash", "", "{\\\"command\\\": \\\"ls",
                " -la\\\"}")
                + messageEnd("tool_use", 89);
    }

    /** A stream that fails part-way with an {@code error} event, as Anthropic does when overloaded. */
    static String anthropicMidStreamError() {
        return messageStart("msg_err")
                + anthropicEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Partial answer\"}}")
                + anthropicEvent("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}");
    }

    static String openAiChunk(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1741569952,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_eb9dce56a8\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}],\"usage\":null}\n\n";
    }

    static String openAiUsage() {
        return "data: {\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1741569952,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_eb9dce56a8\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":1117,\"completion_tokens\":46,\"total_tokens\":1163,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1024,\"audio_tokens\":0}}}\n\n";
    }

    /** A chat stream: text with non-ASCII, a tool call in argument pieces, usage last, then [DONE]. */
    static String openAiFull() {
        return openAiChunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null)
                + openAiChunk("{\"content\":\"Größe ✓ 日本語 🚀\"}", null)
                + openAiChunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\","
                + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null)
                + openAiChunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"loc\"}}]}", null)
                + openAiChunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ation\\\": \\\"Paris\\\"}\"}}]}",
                null)
                + openAiChunk("{}", "tool_calls")
                + openAiUsage()
                + "data: [DONE]\n\n";
    }

    static String openAiText(String text) {
        return openAiChunk("{\"role\":\"assistant\",\"content\":\"\"}", null)
                + openAiChunk("{\"content\":\"" + text + "\"}", null)
                + openAiChunk("{}", "stop")
                + openAiUsage()
                + "data: [DONE]\n\n";
    }

    static String openAiRetrieveCall(String callId, String key) {
        return openAiChunk("{\"role\":\"assistant\",\"content\":null}", null)
                + openAiChunk("{\"tool_calls\":[{\"index\":0,\"id\":\"" + callId + "\",\"type\":\"function\","
                + "\"function\":{\"name\":\"headroom_retrieve\",\"arguments\":\"\"}}]}", null)
                + openAiChunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"key\\\": \\\"" + key
                + "\\\"}\"}}]}", null)
                + openAiChunk("{}", "tool_calls")
                + openAiUsage()
                + "data: [DONE]\n\n";
    }

    static String responsesEvent(String type, int seq, String rest) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\",\"sequence_number\":" + seq + rest + "}\n\n";
    }

    /** A Responses stream whose only output item is a message with {@code text}. */
    static String responsesText(String id, String text) {
        String item = "{\"id\":\"msg_" + id + "\",\"type\":\"message\",\"status\":\"completed\",\"role\":"
                + "\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"" + text + "\",\"annotations\":[]}]}";
        return responsesEvent("response.created", 0, ",\"response\":{\"id\":\"" + id + "\",\"object\":\"response\","
                + "\"status\":\"in_progress\",\"output\":[]}")
                + responsesEvent("response.output_item.added", 1, ",\"output_index\":0,\"item\":{\"id\":\"msg_" + id
                + "\",\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}")
                + responsesEvent("response.output_text.delta", 2, ",\"item_id\":\"msg_" + id + "\",\"output_index\":0,"
                + "\"content_index\":0,\"delta\":\"" + text + "\"")
                + responsesEvent("response.output_item.done", 3, ",\"output_index\":0,\"item\":" + item)
                + responsesEvent("response.completed", 4, ",\"response\":{\"id\":\"" + id + "\",\"object\":"
                + "\"response\",\"status\":\"completed\",\"output\":[" + item + "],\"usage\":{\"input_tokens\":50,"
                + "\"input_tokens_details\":{\"cached_tokens\":32},\"output_tokens\":5,\"total_tokens\":55}}");
    }

    /** A Responses stream in which the model only calls headroom_retrieve. */
    static String responsesRetrieve(String id, String callId, String key) {
        String args = "{\\\"key\\\":\\\"" + key + "\\\"}";
        String item = "{\"id\":\"fc_" + id + "\",\"type\":\"function_call\",\"status\":\"completed\","
                + "\"arguments\":\"" + args + "\",\"call_id\":\"" + callId + "\",\"name\":\"headroom_retrieve\"}";
        return responsesEvent("response.created", 0, ",\"response\":{\"id\":\"" + id + "\",\"object\":\"response\","
                + "\"status\":\"in_progress\",\"output\":[]}")
                + responsesEvent("response.output_item.added", 1, ",\"output_index\":0,\"item\":{\"id\":\"fc_" + id
                + "\",\"type\":\"function_call\",\"status\":\"in_progress\",\"arguments\":\"\",\"call_id\":\""
                + callId + "\",\"name\":\"headroom_retrieve\"}")
                + responsesEvent("response.function_call_arguments.delta", 2, ",\"item_id\":\"fc_" + id
                + "\",\"output_index\":0,\"delta\":\"" + args + "\"")
                + responsesEvent("response.output_item.done", 3, ",\"output_index\":0,\"item\":" + item)
                + responsesEvent("response.completed", 4, ",\"response\":{\"id\":\"" + id + "\",\"object\":"
                + "\"response\",\"status\":\"completed\",\"output\":[" + item + "]}");
    }

    /** Cuts {@code text}'s UTF-8 bytes every {@code size} bytes, so events and characters straddle chunks. */
    static List<byte[]> cut(String text, int size) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < all.length; i += size) {
            byte[] c = new byte[Math.min(size, all.length - i)];
            System.arraycopy(all, i, c, 0, c.length);
            out.add(c);
        }
        return out;
    }

    /** Cuts in the middle of the first 4-byte UTF-8 character (the rocket), then every {@code size} bytes. */
    static List<byte[]> cutInsideRocket(String text, int size) {
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        byte[] rocket = "🚀".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(all, rocket) + 2;
        List<byte[]> out = new ArrayList<>();
        out.add(java.util.Arrays.copyOfRange(all, 0, at));
        for (int i = at; i < all.length; i += size) {
            out.add(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + size)));
        }
        return out;
    }

    static byte[] join(List<byte[]> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
