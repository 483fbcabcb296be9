package io.headroom4j;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.DefaultCompressors;
import io.headroom4j.message.MessageCompressor;
import io.headroom4j.message.RequestFormat;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.route.ContentType;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounters;

/**
 * Compresses agent conversations and single tool outputs. The entry point of the library.
 *
 * <p>A {@code Headroom} is immutable, thread-safe, and meant to be shared: create one per application.
 * No method throws for bad input: content it cannot handle passes through unchanged, and any internal
 * error makes {@link #compress} return the original request with {@link CompressionResult#failedOpen()}
 * set (fail-open).
 *
 * <pre>{@code
 * Headroom headroom = Headroom.create(HeadroomConfig.defaults());
 * CompressionResult r = headroom.compress(requestBytes, RequestFormat.ANTHROPIC_MESSAGES);
 * send(r.body());
 * }</pre>
 */
public final class Headroom {

    private final HeadroomConfig config;
    private final CompressionStore store;
    private final ContentRouter router;
    private final MessageCompressor messages;

    private Headroom(HeadroomConfig config, CompressionStore store, ContentRouter router) {
        this.config = config;
        this.store = store;
        this.router = router;
        this.messages = new MessageCompressor(config, store, router);
    }

    /** A Headroom with an in-memory store sized at 256 MiB and the configured time to live. */
    public static Headroom create(HeadroomConfig config) {
        Objects.requireNonNull(config, "config");
        return create(config, new InMemoryCompressionStore(config.storeTtl(), 256L * 1024 * 1024));
    }

    /** A Headroom that keeps omitted originals in {@code store}. The caller keeps ownership of the store. */
    public static Headroom create(HeadroomConfig config, CompressionStore store) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        return new Headroom(config, store, DefaultCompressors.router(config));
    }

    /** A Headroom with a custom router, for callers that add their own compressors. */
    public static Headroom create(HeadroomConfig config, CompressionStore store, ContentRouter router) {
        return new Headroom(Objects.requireNonNull(config, "config"), Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(router, "router"));
    }

    /** The settings in force. */
    public HeadroomConfig config() {
        return config;
    }

    /** Where omitted originals are kept. */
    public CompressionStore store() {
        return store;
    }

    /** The content router. */
    public ContentRouter router() {
        return router;
    }

    /**
     * Compresses a request body given as raw JSON bytes. Bytes outside the compressed content are copied
     * exactly: key order, number literals, escapes and whitespace of everything untouched stay as they
     * were. Never throws; on error the original bytes come back with {@code failedOpen} set.
     *
     * @param body   the request body
     * @param format its shape, or null to detect it
     */
    public CompressionResult compress(byte[] body, RequestFormat format) {
        return messages.compress(body, format);
    }

    /**
     * Compresses a request body like {@link #compress(byte[], RequestFormat)}, for callers that send the body
     * before they need its token counts (the proxy): long text never counted before is counted only when
     * {@link CompressionResult.Pending#result()} is called. Same body, transforms and keys as
     * {@link #compress(byte[], RequestFormat)}. Never throws.
     */
    public CompressionResult.Pending compressDeferringCounts(byte[] body, RequestFormat format) {
        return messages.compressDeferringCounts(body, format);
    }

    /** Compresses a request body given as a Jackson tree; the result's body is JSON bytes. */
    public CompressionResult compress(JsonNode body, RequestFormat format) {
        if (body == null) {
            return CompressionResult.failOpen(new byte[0], config.model(), "no request body");
        }
        return compress(body.toString().getBytes(StandardCharsets.UTF_8), format);
    }

    /**
     * Compresses one piece of tool output, such as a file or a command's output.
     *
     * @param content the text
     * @param query   what the user is asking about, for relevance ranking; may be empty
     */
    public ContentResult compressContent(String content, String query) {
        return compressContent(content, query, null);
    }

    /** Compresses one piece of tool output produced by {@code toolName} (may be null). */
    public ContentResult compressContent(String content, String query, String toolName) {
        TokenCounter tokens = TokenCounters.forModel(config.model());
        if (content == null) {
            return new ContentResult(ContentType.UNKNOWN, Compressed.unchanged("", "skipped", "no content"), 0, 0);
        }
        int before = tokens.count(content);
        if (before < config.minTokens()) {
            return new ContentResult(router.detector().detect(content),
                    Compressed.unchanged(content, "skipped", "under " + config.minTokens() + " tokens"), before, before);
        }
        if (config.isExcludedTool(toolName)) {
            return new ContentResult(ContentType.UNKNOWN,
                    Compressed.unchanged(content, "skipped", "excluded tool " + toolName), before, before);
        }
        CompressionContext ctx = new CompressionContext(config, query, toolName, tokens, store)
                .withCounted(content, before);
        try {
            ContentRouter.Routed routed = router.route(content, ctx);
            Compressed c = routed.compressed();
            int after = c.output().equals(content) ? before : tokens.count(c.output());
            if (after >= before) {
                return new ContentResult(routed.type(),
                        Compressed.unchanged(content, "skipped", c.isChangedFrom(content)
                                ? c.transform() + " did not make it smaller" : c.note()), before, before);
            }
            return new ContentResult(routed.type(), c, before, after);
        } catch (RuntimeException e) {
            return new ContentResult(ContentType.UNKNOWN,
                    Compressed.unchanged(content, "skipped", "failed open: " + e), before, before);
        }
    }

    /**
     * The outcome of {@link #compressContent}.
     *
     * @param type         the detected content type
     * @param compressed   what the compressor made of it (the input itself when nothing was done)
     * @param tokensBefore tokens of the input
     * @param tokensAfter  tokens of the output
     */
    public record ContentResult(ContentType type, Compressed compressed, int tokensBefore, int tokensAfter) {

        /** The text to use. */
        public String output() {
            return compressed.output();
        }

        /** Retrieval keys of what was omitted. */
        public List<String> retrievalKeys() {
            return compressed.retrievalKeys();
        }
    }
}
