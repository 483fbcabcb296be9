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
}
