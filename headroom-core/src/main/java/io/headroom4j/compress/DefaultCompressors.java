package io.headroom4j.compress;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.build.BuildOutputCompressor;
import io.headroom4j.compress.code.CodeCompressor;
import io.headroom4j.compress.diff.DiffCompressor;
import io.headroom4j.compress.log.LogCompressor;
import io.headroom4j.compress.search.SearchResultCompressor;
import io.headroom4j.compress.text.HtmlCompressor;
import io.headroom4j.compress.text.TextCompressor;
import io.headroom4j.compress.tree.TreeCompressor;
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
        b.register(ContentType.LOG, new LogCompressor());
        b.register(ContentType.BUILD_OUTPUT, new BuildOutputCompressor());
        b.register(ContentType.SEARCH, new SearchResultCompressor());
        b.register(ContentType.DIFF, new DiffCompressor());
        b.register(ContentType.TREE, new TreeCompressor());
        b.register(ContentType.CODE, new CodeCompressor());
        b.register(ContentType.PROSE, new TextCompressor());
        b.register(ContentType.HTML, new HtmlCompressor());
        return b.build();
    }

    /** Unused marker so the type list stays in one place for readers. */
    static ContentType[] types() {
        return ContentType.values();
    }
}
