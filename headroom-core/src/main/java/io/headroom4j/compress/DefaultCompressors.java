package io.headroom4j.compress;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.build.BuildOutputCompressor;
import io.headroom4j.compress.code.CodeCompressor;
import io.headroom4j.compress.diff.DiffCompressor;
import io.headroom4j.compress.json.EmbeddedTextCompressor;
import io.headroom4j.compress.json.JsonTableCompressor;
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
        // JSON last: text inside its string values (Codex wraps command output in JSON) goes through the
        // text compressors above when no table applies.
        ContentRouter text = b.build();
        b.register(ContentType.JSON, firstThatChanges(new JsonTableCompressor(), new EmbeddedTextCompressor(text)));
        return b.build();
    }

    /** Runs {@code first}, and {@code second} only when {@code first} left the content as it was. */
    static Compressor firstThatChanges(Compressor first, Compressor second) {
        return (content, context) -> {
            Compressed c = first.compress(content, context);
            return c.isChangedFrom(content) ? c : second.compress(content, context);
        };
    }
}
