package io.headroom4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A model provider on loopback for the agent tests: answers Anthropic Messages ({@code /v1/messages},
 * streaming or not) and OpenAI Responses ({@code /v1/responses}, streaming) the way the real APIs do, and
 * records every request it sees.
 *
 * <p>Script: when a request offers a shell tool ({@code Bash} for Claude Code, {@code shell} /
 * {@code exec_command} for Codex) and carries no tool result yet, it asks for {@code seq} output large
 * enough to be compressed; once a tool result is present (or no tool is offered) it answers with
 * {@link #ANSWER}.
 */
final class FakeProvider implements AutoCloseable {

    /** The final answer every agent should print. */
    static final String ANSWER = "HEADROOM-FAKE-ANSWER-42";

    /**
     * The shell command the fake asks the agent to run: 350 numbered log lines (about 24 KB). Claude Code
     * 2.1 replaces large Bash output (146 KB in a trial) with a 2 KB preview and a file path before it sends
     * anything, so a much bigger output would never reach the proxy whole.
     */
    static final int LINES = 350;
    static final String COMMAND = "for i in $(seq 1 " + LINES + "); do echo \"2026-01-01 12:00:00 INFO request $i served"
            + " GET /api/items/$i status=200\"; done";

    /** One request as the provider saw it. */
    record Seen(String method, String path, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    FakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        seen.add(new Seen(ex.getRequestMethod(), path, body));
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        try {
            if (path.endsWith("/messages/count_tokens")) {
                json(ex, 200, "{\"input_tokens\":1000}");
            } else if (path.endsWith("/messages") && ex.getRequestMethod().equals("POST")) {
                anthropic(ex, JSON.readTree(body));
            } else if (path.endsWith("/responses") && ex.getRequestMethod().equals("POST")) {
                responses(ex, JSON.readTree(body));
            } else if (path.endsWith("/models")) {
                json(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-5\",\"object\":\"model\"}],\"models\":[]}");
            } else {
                json(ex, 404, "{\"error\":{\"type\":\"not_found\",\"message\":\"fake provider: no " + path + "\"}}");
            }
        } catch (RuntimeException e) {
            json(ex, 500, "{\"error\":{\"type\":\"fake\",\"message\":\"" + e + "\"}}");
        }
    }

    // ---------------------------------------------------------------- Anthropic Messages

    private void anthropic(HttpExchange ex, JsonNode req) throws IOException {
        boolean offersBash = false;
        for (JsonNode t : req.path("tools")) {
            offersBash |= t.path("name").asText().equals("Bash");
        }
        boolean hasResult = req.toString().contains("\"tool_result\"");
        boolean callTool = offersBash && !hasResult;
        String model = req.path("model").asText("claude-sonnet-4-5");
        int inputTokens = req.toString().length() / 4;
        if (!req.path("stream").asBoolean()) {
            ObjectNode m = JSON.createObjectNode();
            m.put("id", "msg_fake").put("type", "message").put("role", "assistant").put("model", model);
            ObjectNode block = m.putArray("content").addObject();
            if (callTool) {
                block.put("type", "tool_use").put("id", "toolu_fake1").put("name", "Bash")
                        .putObject("input").put("command", COMMAND).put("description", "print the log");
            } else {
                block.put("type", "text").put("text", ANSWER);
            }
            m.put("stop_reason", callTool ? "tool_use" : "end_turn").putNull("stop_sequence");
            m.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 10)
                    .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", 0);
            json(ex, 200, m.toString());
            return;
        }
        ex.getResponseHeaders().set("content-type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":" + JSON.writeValueAsString(model) + ",\"content\":[],"
                    + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + inputTokens
                    + ",\"output_tokens\":1,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}}");
            if (callTool) {
                event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_fake1\",\"name\":\"Bash\",\"input\":{}}}");
                String input = JSON.createObjectNode().put("command", COMMAND).put("description", "print the log")
                        .toString();
                event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                        + "{\"type\":\"input_json_delta\",\"partial_json\":" + JSON.writeValueAsString(input) + "}}");
            } else {
                event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                        + "{\"type\":\"text\",\"text\":\"\"}}");
                event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                        + "{\"type\":\"text_delta\",\"text\":\"" + ANSWER + "\"}}");
            }
            event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
            event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
                    + (callTool ? "tool_use" : "end_turn") + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":10}}");
            event(out, "message_stop", "{\"type\":\"message_stop\"}");
        }
    }

    // ---------------------------------------------------------------- OpenAI Responses

    private void responses(HttpExchange ex, JsonNode req) throws IOException {
        String shellTool = null;
        boolean codeMode = false;
        List<JsonNode> tools = new java.util.ArrayList<>();
        collectTools(req, tools);
        for (JsonNode tool : tools) {
            String name = tool.path("name").asText();
            if (name.equals("shell") || name.equals("exec_command") || name.equals("shell_command")) {
                shellTool = name;
            }
            // Codex 0.169 offers one JavaScript "exec" tool that calls the others (code mode).
            codeMode |= name.equals("exec") && tool.path("type").asText().equals("custom");
        }
        boolean hasResult = req.toString().contains("_call_output\"");
        boolean callTool = (shellTool != null || codeMode) && !hasResult;
        ex.getResponseHeaders().set("content-type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            event(out, "response.created", "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_fake\"}}");
            if (callTool && codeMode) {
                String js = "const r = await tools.exec_command({cmd: " + JSON.writeValueAsString(COMMAND)
                        + "});\ntext(typeof r === 'string' ? r : JSON.stringify(r));";
                ObjectNode item = JSON.createObjectNode().put("type", "custom_tool_call").put("id", "ctc_fake")
                        .put("status", "completed").put("call_id", "call_fake1").put("name", "exec").put("input", js);
                event(out, "response.output_item.done", "{\"type\":\"response.output_item.done\",\"output_index\":0,"
                        + "\"item\":" + item + "}");
            } else if (callTool) {
                ObjectNode args = JSON.createObjectNode();
                switch (shellTool) {
                    case "exec_command" -> args.put("cmd", COMMAND);
                    case "shell_command" -> args.put("command", COMMAND);
                    default -> args.putArray("command").add("bash").add("-lc").add(COMMAND);
                }
                ObjectNode item = JSON.createObjectNode().put("type", "function_call").put("id", "fc_fake")
                        .put("call_id", "call_fake1").put("name", shellTool).put("arguments", args.toString());
                event(out, "response.output_item.done", "{\"type\":\"response.output_item.done\",\"output_index\":0,"
                        + "\"item\":" + item + "}");
            } else {
                event(out, "response.output_item.added", "{\"type\":\"response.output_item.added\",\"output_index\":0,"
                        + "\"item\":{\"type\":\"message\",\"role\":\"assistant\",\"id\":\"msg_fake\",\"status\":"
                        + "\"in_progress\",\"content\":[]}}");
                event(out, "response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"item_id\":"
                        + "\"msg_fake\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + ANSWER + "\"}");
                event(out, "response.output_item.done", "{\"type\":\"response.output_item.done\",\"output_index\":0,"
                        + "\"item\":{\"type\":\"message\",\"role\":\"assistant\",\"id\":\"msg_fake\",\"status\":\"completed\","
                        + "\"content\":[{\"type\":\"output_text\",\"text\":\"" + ANSWER + "\",\"annotations\":[]}]}}");
            }
            event(out, "response.completed", "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_fake\","
                    + "\"usage\":{\"input_tokens\":1000,\"input_tokens_details\":{\"cached_tokens\":0},"
                    + "\"output_tokens\":10,\"output_tokens_details\":{\"reasoning_tokens\":0},\"total_tokens\":1010}}}");
        }
    }

    /** Every element of every {@code tools} array, at any depth (Codex nests them in namespaces). */
    private static void collectTools(JsonNode n, List<JsonNode> into) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (e.getKey().equals("tools") && e.getValue().isArray()) {
                    e.getValue().forEach(into::add);
                }
                collectTools(e.getValue(), into);
            });
        } else if (n.isArray()) {
            n.forEach(x -> collectTools(x, into));
        }
    }

    private static void event(OutputStream out, String name, String data) throws IOException {
        out.write(("event: " + name + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("content-type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    /** Runs the fake on its own for manual checks; prints its URL and every request path. */
    public static void main(String[] args) throws Exception {
        try (FakeProvider p = new FakeProvider()) {
            System.out.println(p.url());
            int n = 0;
            while (true) {
                Thread.sleep(500);
                while (n < p.seen.size()) {
                    Seen s = p.seen.get(n++);
                    if (args.length > 0) {
                        java.nio.file.Files.writeString(java.nio.file.Path.of(args[0], "request-" + n + ".json"),
                                s.body());
                    }
                    System.out.println(s.method() + " " + s.path() + " " + s.body().length() + " bytes: "
                            + s.body().substring(0, Math.min(300, s.body().length())).replace('\n', ' '));
                }
            }
        }
    }
}
