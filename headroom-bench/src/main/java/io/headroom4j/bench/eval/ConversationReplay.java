package io.headroom4j.bench.eval;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns a recorded conversation (the request body of its last turn) into the sequence of requests an agent
 * sent: request {@code k} holds every message up to the {@code k}-th point where the model was asked to
 * answer, that is, up to each message that is followed by an assistant message, and the last one.
 * Everything else in the body (model, system, tools) is the same in every request. Requests are compact
 * JSON, as SDKs send them.
 */
public final class ConversationReplay {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConversationReplay() {
    }

    /** The requests of the conversation whose final body is {@code body}, in order. */
    public static List<byte[]> requests(JsonNode body) {
        JsonNode messages = body.path("messages");
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            boolean last = i == messages.size() - 1;
            boolean beforeAssistant = !last && "assistant".equals(messages.get(i + 1).path("role").asText());
            if ((beforeAssistant || last) && !"assistant".equals(messages.get(i).path("role").asText())) {
                out.add(bodyUpTo(body, i + 1));
            }
        }
        return out;
    }

    static byte[] bodyUpTo(JsonNode body, int count) {
        ObjectNode copy = ((ObjectNode) body).deepCopy();
        ArrayNode msgs = JSON.createArrayNode();
        JsonNode all = body.path("messages");
        for (int i = 0; i < count; i++) {
            msgs.add(all.get(i));
        }
        copy.set("messages", msgs);
        try {
            return JSON.writeValueAsBytes(copy);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise request " + count, e);
        }
    }
}
