package io.headroom4j.compress;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.json.JsonTableCompressor;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.route.ContentType;

/** The router with every built-in compressor registered for its content type. */
public final class DefaultCompressors {

    private DefaultCompressors() {
    }

    /** A router for {@code config}, with the built-in compressors. */
    public static ContentRouter router(HeadroomConfig config) {
        ContentRouter.Builder b = ContentRouter.builder();
        // One line per content type; the compressors read lossless/ccr from the context at call time.
        b.register(ContentType.JSON, new JsonTableCompressor());
        return b.build();
    }

    /** Unused marker so the type list stays in one place for readers. */
    static ContentType[] types() {
        return ContentType.values();
    }
}
