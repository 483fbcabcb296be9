package io.headroom4j.message;

import java.util.List;

import io.headroom4j.CompressionResult;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.store.CompressionStore;

/** Compresses the tool results of a request body in place. (Being written: passes through for now.) */
public final class MessageCompressor {

    private final HeadroomConfig config;

    public MessageCompressor(HeadroomConfig config, CompressionStore store, ContentRouter router) {
        this.config = config;
    }

    public CompressionResult compress(byte[] body, RequestFormat format) {
        return new CompressionResult(body, false, 0, 0, config.model(), List.of(), List.of(), false, null);
    }
}
