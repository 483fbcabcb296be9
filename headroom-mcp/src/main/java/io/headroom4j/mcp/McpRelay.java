package io.headroom4j.mcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.headroom4j.Headroom;

/**
 * An MCP relay: runs another MCP server as a child process over stdio and passes every message both
 * ways, compressing the text of its tool results on the way back to the client.
 *
 * <p>A large text result becomes Headroom's compressed text, whose markers carry retrieval keys. The relay
 * adds {@code headroom_retrieve} to the child's {@code tools/list} answer and answers calls to it itself,
 * so the client can always get an exact original back. Everything else (notifications, the child's own
 * requests to the client, errors, non-text content, {@code structuredContent}) passes through unchanged,
 * line for line. A message the relay cannot parse passes through as it came.
 *
 * <p>MCP's stdio transport is newline-delimited JSON-RPC, so the relay works a line at a time. It keeps
 * the method of each client request by id, to know which answers are tool lists and tool results.
 */
public final class McpRelay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(McpRelay.class.getName());

    private final HeadroomTools tools;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Object clientLock = new Object();
    private OutputStream clientOut;

    private record Pending(String method, String toolName, String query) {
    }

    /** A relay that compresses with {@code tools}' Headroom and answers retrieves from its store. */
    public McpRelay(HeadroomTools tools) {
        this.tools = Objects.requireNonNull(tools, "tools");
    }

    /**
     * Starts {@code command}, relays between it and {@code clientIn}/{@code clientOut} until either side
     * ends, and returns the child's exit code. The child's stderr goes to this process's stderr.
     *
     * @throws UncheckedIOException when the command cannot be started
     */
    public int run(List<String> command, InputStream clientIn, OutputStream clientOut) {
        Process child;
        try {
            child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start MCP server " + command + ": " + e.getMessage(), e);
        }
        this.clientOut = clientOut;
        Thread up = Thread.ofVirtual().name("mcp-relay-up").start(() -> pumpUp(clientIn, child));
        pumpDown(child.getInputStream());
        // The child ended its output; give it a moment to exit, then make sure it does.
        up.interrupt();
        try {
            if (!child.waitFor(5, TimeUnit.SECONDS)) {
                child.destroy();
                if (!child.waitFor(5, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroyForcibly();
            return 1;
        }
    }

    /** Client to child: remembers request methods and answers {@code headroom_retrieve} locally. */
    private void pumpUp(InputStream clientIn, Process child) {
        OutputStream toChild = child.getOutputStream();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String answer = fromClient(line);
                if (answer != null) {
                    toClient(answer);
                    continue;
                }
                toChild.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                toChild.flush();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client side closed: " + e.getMessage());
        } finally {
            try {
                toChild.close(); // EOF tells a stdio MCP server to shut down
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** Child to client: rewrites tool lists and tool results, passes the rest. */
    private void pumpDown(InputStream childOut) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(childOut, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                toClient(fromChild(line));
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "server side closed: " + e.getMessage());
        }
    }

    private void toClient(String line) throws IOException {
        synchronized (clientLock) {
            clientOut.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            clientOut.flush();
        }
    }

    /**
     * Looks at one line from the client. Returns the answer to send back when the relay answers the request
     * itself, or null to forward the line.
     */
    String fromClient(String line) {
        JsonNode msg = parse(line);
        if (msg == null || !msg.hasNonNull("method") || !msg.has("id")) {
            return null;
        }
        String method = msg.get("method").asText();
        String id = msg.get("id").toString();
        JsonNode params = msg.path("params");
        if (method.equals("tools/call") && HeadroomTools.RETRIEVE.equals(params.path("name").asText())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> args = params.has("arguments")
                    ? JSON.convertValue(params.get("arguments"), Map.class) : Map.of();
            Object result = HeadroomMcpServer.retrieveResult(tools, args);
            ObjectNode answer = JSON.createObjectNode();
            answer.put("jsonrpc", "2.0");
            answer.set("id", msg.get("id"));
            answer.set("result", JSON.valueToTree(result));
            return answer.toString();
        }
        if (method.equals("tools/list") || method.equals("tools/call")) {
            pending.put(id, new Pending(method, params.path("name").asText(null), query(params.path("arguments"))));
        }
        return null;
    }

    /** Rewrites one line from the child when it answers a tools/list or tools/call; else returns it as is. */
    String fromChild(String line) {
        JsonNode msg = parse(line);
        if (msg == null || msg.has("method") || !msg.has("id")) {
            return line;
        }
        Pending p = pending.remove(msg.get("id").toString());
        if (p == null || !msg.path("result").isObject()) {
            return line;
        }
        try {
            ObjectNode result = (ObjectNode) msg.get("result");
            boolean changed = p.method().equals("tools/list") ? addRetrieveTool(result) : compressResult(result, p);
            return changed ? msg.toString() : line;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "passing a result through unchanged: " + e);
            return line;
        }
    }

    private static boolean addRetrieveTool(ObjectNode result) {
        JsonNode list = result.path("tools");
        if (!list.isArray()) {
            return false;
        }
        for (JsonNode t : list) {
            if (HeadroomTools.RETRIEVE.equals(t.path("name").asText())) {
                return false;
            }
        }
        ObjectNode tool = ((ArrayNode) list).addObject();
        tool.put("name", HeadroomTools.RETRIEVE);
        tool.put("description", "Retrieve the original of content Headroom compressed in this server's tool"
                + " results, by the key in a '[... omitted; retrieve: KEY]' marker. Without a query it returns"
                + " the exact original; with one, only the matching lines or items.");
        try {
            tool.set("inputSchema", JSON.readTree(HeadroomMcpServer.RETRIEVE_SCHEMA));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private boolean compressResult(ObjectNode result, Pending p) {
        JsonNode content = result.path("content");
        if (!content.isArray()) {
            return false;
        }
        boolean changed = false;
        Headroom headroom = tools.headroom();
        for (JsonNode item : content) {
            if (!"text".equals(item.path("type").asText()) || !item.path("text").isTextual()) {
                continue;
            }
            String text = item.get("text").asText();
            Headroom.ContentResult r = headroom.compressContent(text, p.query(), p.toolName());
            if (!r.output().equals(text) && r.tokensAfter() < r.tokensBefore()) {
                ((ObjectNode) item).put("text", r.output());
                tools.countRelayed();
                tools.record(r.compressed().transform(), p.toolName(), r.tokensBefore(), r.tokensAfter());
                changed = true;
            }
        }
        return changed;
    }

    /** The string arguments of a call joined, as a relevance hint; empty when there are none. */
    private static String query(JsonNode arguments) {
        if (!arguments.isObject()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        arguments.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual() && e.getValue().asText().length() <= 200) {
                if (!sb.isEmpty()) {
                    sb.append(' ');
                }
                sb.append(e.getValue().asText());
            }
        });
        return sb.toString();
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
