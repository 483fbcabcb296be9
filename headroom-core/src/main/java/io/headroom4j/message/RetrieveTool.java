package io.headroom4j.message;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.ContentKeys;

/**
 * The {@code headroom_retrieve} tool: its definition in each request format, and how a call to it is
 * answered from a {@link CompressionStore}. Shared by the proxy (which injects and answers it) and the MCP
 * server (which offers it to agents), so both describe the tool with the same bytes.
 *
 * <p>The tool takes a required {@code key} (the 24 hex digits after {@code retrieve:} in an omission
 * marker) and an optional {@code query}; with a query only the matching lines or items come back (see
 * {@link CompressionStore#retrieve}). Calls that say {@code hash} instead of {@code key}, as Headroom's
 * own tool does, are accepted too. Definitions are constant strings, so injecting one is byte-stable
 * across requests (the provider's prompt cache depends on it). All methods are thread-safe.
 */
public final class RetrieveTool {

    /** The tool's name. */
    public static final String NAME = "headroom_retrieve";

    /** What the model is told the tool does. */
    public static final String DESCRIPTION = "Retrieve content that Headroom omitted to save tokens. Tool"
            + " results may contain markers like [lines 120-4,031: 3,912 lines like 'GET /api/<*>' omitted; retrieve:"
            + " 3f2a9c...]. Call this tool with that key to get the exact original content back. Pass query to"
            + " get only the lines or items matching it.";

    /** The JSON schema of the tool's input. */
    public static final String INPUT_SCHEMA = "{\"type\":\"object\",\"properties\":{"
            + "\"key\":{\"type\":\"string\",\"description\":\"The 24-hex-digit key after 'retrieve:' in a marker\"},"
            + "\"query\":{\"type\":\"string\",\"description\":\"Optional: only return lines or items matching this\"}"
            + "},\"required\":[\"key\"]}";

    /** The definition for an Anthropic Messages {@code tools} array. */
    public static final String ANTHROPIC = "{\"name\":\"" + NAME + "\",\"description\":\"" + DESCRIPTION
            + "\",\"input_schema\":" + INPUT_SCHEMA + "}";

    /** The definition for an OpenAI Chat Completions {@code tools} array. */
    public static final String OPENAI_CHAT = "{\"type\":\"function\",\"function\":{\"name\":\"" + NAME
            + "\",\"description\":\"" + DESCRIPTION + "\",\"parameters\":" + INPUT_SCHEMA + "}}";

    /** The definition for an OpenAI Responses {@code tools} array. */
    public static final String OPENAI_RESPONSES = "{\"type\":\"function\",\"name\":\"" + NAME
            + "\",\"description\":\"" + DESCRIPTION + "\",\"parameters\":" + INPUT_SCHEMA + "}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RetrieveTool() {
    }

    /** The definition as JSON text for {@code format}'s {@code tools} array. */
    public static String definition(RequestFormat format) {
        return switch (format) {
            case ANTHROPIC_MESSAGES -> ANTHROPIC;
            case OPENAI_CHAT -> OPENAI_CHAT;
            case OPENAI_RESPONSES -> OPENAI_RESPONSES;
        };
    }

    /** The definition as UTF-8 bytes for {@code format}. */
    public static byte[] definitionBytes(RequestFormat format) {
        return definition(format).getBytes(StandardCharsets.UTF_8);
    }

    /** The definition as a parsed tree, for callers that build requests or tool lists as objects. */
    public static ObjectNode definitionTree(RequestFormat format) {
        try {
            return (ObjectNode) JSON.readTree(definition(format));
        } catch (Exception e) {
            throw new IllegalStateException("RetrieveTool definition is not valid JSON", e);
        }
    }

    /** True when {@code toolsArray} (a request's {@code tools}) already holds a tool with this name. */
    public static boolean isDefinedIn(JsonNode toolsArray) {
        if (toolsArray == null || !toolsArray.isArray()) {
            return false;
        }
        for (JsonNode t : toolsArray) {
            if (NAME.equals(t.path("name").asText(null)) || NAME.equals(t.path("function").path("name").asText(null))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A call's arguments, from the tool input: an object for Anthropic, a JSON string for OpenAI. Never
     * throws; malformed input gives a call with a null key.
     */
    public static Call parseCall(JsonNode input) {
        JsonNode args = input;
        if (input != null && input.isTextual()) {
            try {
                args = JSON.readTree(input.asText());
            } catch (Exception e) {
                return new Call(null, null);
            }
        }
        if (args == null || !args.isObject()) {
            return new Call(null, null);
        }
        String key = args.path("key").asText(null);
        if (key == null) {
            key = args.path("hash").asText(null);
        }
        String query = args.path("query").asText(null);
        return new Call(key == null ? null : key.trim(), query == null || query.isBlank() ? null : query);
    }

    /**
     * The text answering {@code call}: the stored original (or its matching parts when a query was given),
     * or an error sentence when the key is malformed, unknown or expired.
     */
    public static Answer answer(Call call, CompressionStore store) {
        if (call.key() == null || !ContentKeys.isWellFormed(call.key())) {
            return new Answer("headroom_retrieve error: '" + call.key() + "' is not a retrieval key; pass the 24"
                    + " hex digits that follow 'retrieve:' in a marker.", false);
        }
        Optional<String> found;
        try {
            found = call.query() == null ? store.get(call.key()) : store.retrieve(call.key(), call.query());
        } catch (RuntimeException e) {
            return new Answer("headroom_retrieve error: the store failed: " + e.getMessage(), false);
        }
        return found.map(s -> new Answer(s, true))
                .orElseGet(() -> new Answer("headroom_retrieve error: nothing is stored under " + call.key()
                        + " (it expired or was never stored).", false));
    }

    /**
     * The arguments of one {@code headroom_retrieve} call.
     *
     * @param key   the retrieval key, or null when missing
     * @param query what to filter by, or null for the whole original
     */
    public record Call(String key, String query) {
    }

    /**
     * The answer to one call.
     *
     * @param text  the content (or an error sentence) to give the model
     * @param found true when the store had the key
     */
    public record Answer(String text, boolean found) {
    }
}
