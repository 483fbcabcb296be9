package io.headroom4j.proxy;

import io.headroom4j.CompressionResult;
import io.headroom4j.message.RequestFormat;

/**
 * Compresses one request body; normally {@link io.headroom4j.Headroom#compress(byte[], RequestFormat)}.
 * The proxy runs it under the configured time budget and forwards the original bytes when it throws,
 * fails open or runs late.
 */
@FunctionalInterface
public interface RequestCompressor {

    /** The body to send upstream and what was done to it. */
    CompressionResult compress(byte[] body, RequestFormat format);

    /**
     * Like {@link #compress}, but token counts the body does not depend on may be left to
     * {@link CompressionResult.Pending#result()}, which the proxy calls after the request has gone upstream.
     * By default everything is counted at once.
     */
    default CompressionResult.Pending compressDeferringCounts(byte[] body, RequestFormat format) {
        CompressionResult r = compress(body, format);
        return r == null ? null : CompressionResult.Pending.of(r);
    }
}
