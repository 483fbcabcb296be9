package io.headroom4j.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Headroom's MCP server over stdio: the tools {@code headroom_compress}, {@code headroom_retrieve} and
 * {@code headroom_stats}, backed by {@link HeadroomTools}.
 *
 * <p>stdout carries only protocol messages. Tool failures come back as tool results with
 * {@code isError} set and a hint, never as protocol errors, so an agent can read and act on them.
 */
public final class HeadroomMcpServer {

    /** The server's name as clients show it. */
    public static final String NAME = "headroom";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HeadroomMcpServer() {
    }

    /** The tool definitions and handlers, for any transport. */
    public static List<SyncToolSpecification> tools(HeadroomTools tools, McpJsonMapper mapper) {
        SyncToolSpecification compress = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name(HeadroomTools.COMPRESS)
                        .description("Compress a large piece of text (tool output, logs, JSON, a file) before"
                                + " reading it. Returns the compressed text, token counts and a key;"
                                + " headroom_retrieve with that key returns the original exactly.")
                        .inputSchema(mapper, """
                                {"type":"object","properties":{
                                  "content":{"type":"string","description":"the text to compress"},
                                  "query":{"type":"string","description":"what you are looking for, to keep the relevant parts"}},
                                 "required":["content"]}""")
                        .build())
                .callHandler((exchange, req) -> {
                    Map<String, Object> args = req.arguments() == null ? Map.of() : req.arguments();
                    Object content = args.get("content");
                    if (!(content instanceof String s)) {
                        return error("headroom_compress needs a string argument 'content'", null);
                    }
                    return ok(tools.compress(s, text(args.get("query")), null));
                })
                .build();
        SyncToolSpecification retrieve = SyncToolSpecification.builder()
                .tool(retrieveTool(mapper))
                .callHandler((exchange, req) -> retrieveResult(tools, req.arguments()))
                .build();
        SyncToolSpecification stats = SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder().name(HeadroomTools.STATS)
                        .description("Headroom's numbers for this session: compressions, tokens saved,"
                                + " retrievals, and the size of the store of originals.")
                        .inputSchema(mapper, "{\"type\":\"object\",\"properties\":{}}")
                        .build())
                .callHandler((exchange, req) -> ok(tools.stats()))
                .build();
        return List.of(compress, retrieve, stats);
    }

    /** The {@code headroom_retrieve} tool definition, shared with {@link McpRelay}. */
    static McpSchema.Tool retrieveTool(McpJsonMapper mapper) {
        return McpSchema.Tool.builder().name(HeadroomTools.RETRIEVE)
                .description("Retrieve the original of content Headroom compressed, by the key shown in a"
                        + " '[... omitted; retrieve: KEY]' marker or returned by headroom_compress. Without a"
                        + " query it returns the exact original; with one, only the matching lines or items.")
                .inputSchema(mapper, RETRIEVE_SCHEMA)
                .build();
    }

    /** The input schema of {@code headroom_retrieve}. */
    static final String RETRIEVE_SCHEMA = """
            {"type":"object","properties":{
              "key":{"type":"string","description":"the retrieval key"},
              "query":{"type":"string","description":"optional: only lines or items matching this"}},
             "required":["key"]}""";

    /** Answers a {@code headroom_retrieve} call with the original, or an error result with a hint. */
    static McpSchema.CallToolResult retrieveResult(HeadroomTools tools, Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        String key = text(args.get("key"));
        if (key == null) {
            key = text(args.get("hash")); // the name Headroom's Python server uses
        }
        Optional<String> original = tools.retrieve(key, text(args.get("query")));
        if (original.isEmpty()) {
            return error("no original stored under key '" + key + "' (unknown or expired)",
                    "re-read the file or re-run the command to get the content again");
        }
        return McpSchema.CallToolResult.builder().addTextContent(original.get()).isError(false).build();
    }

    /**
     * Serves MCP over {@code in}/{@code out} until {@code in} ends, then returns.
     *
     * @param tools the tool logic
     * @param in    where requests arrive (the process's stdin)
     * @param out   where responses go (the process's real stdout; nothing else may write to it)
     */
    public static void serve(HeadroomTools tools, InputStream in, OutputStream out) {
        McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    ended.countDown();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper, watched, out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo(NAME, version())
                .jsonMapper(mapper)
                .requestTimeout(Duration.ofMinutes(5))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .instructions("Headroom keeps large tool output small. Call headroom_compress on big text"
                        + " before reading it; call headroom_retrieve with a key from a marker to get the"
                        + " exact original back.")
                .tools(tools(tools, mapper))
                .build();
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.closeGracefully();
        }
    }

    static String version() {
        String v = HeadroomMcpServer.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    static String text(Object o) {
        return o == null ? null : o.toString();
    }

    static McpSchema.CallToolResult ok(Map<String, Object> body) {
        return McpSchema.CallToolResult.builder().addTextContent(json(body)).isError(false).build();
    }

    static McpSchema.CallToolResult error(String message, String hint) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        if (hint != null) {
            m.put("hint", hint);
        }
        return McpSchema.CallToolResult.builder().addTextContent(json(m)).isError(true).build();
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write tool result", e);
        }
    }
}
