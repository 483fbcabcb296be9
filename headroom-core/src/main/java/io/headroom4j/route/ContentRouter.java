package io.headroom4j.route;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;

/**
 * Detects the type of each piece of tool output and hands it to the compressor registered for that type.
 * Types without a compressor pass through unchanged, with the reason recorded.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()} and share it.
 */
public final class ContentRouter {

    private final ContentDetector detector;
    private final Map<ContentType, Compressor> compressors;

    private ContentRouter(Builder b) {
        this.detector = b.detector;
        this.compressors = new EnumMap<>(b.compressors);
    }

    /** A builder with the default detector and no compressors. */
    public static Builder builder() {
        return new Builder();
    }

    /** The detector in use. */
    public ContentDetector detector() {
        return detector;
    }

    /** True when a compressor is registered for {@code type}. */
    public boolean handles(ContentType type) {
        return compressors.containsKey(type);
    }

    /** Detects the type of {@code content} and compresses it with the matching compressor. */
    public Routed route(String content, CompressionContext context) {
        ContentType type = detector.detect(content);
        return new Routed(type, compress(type, content, context));
    }

    /** Compresses {@code content} as {@code type}; unchanged when no compressor handles the type. */
    public Compressed compress(ContentType type, String content, CompressionContext context) {
        Compressor compressor = compressors.get(type);
        if (compressor == null) {
            return Compressed.unchanged(content, "router", "no compressor for " + type);
        }
        return compressor.compress(content, context);
    }

    /** The detected type and what its compressor made of the content. */
    public record Routed(ContentType type, Compressed compressed) {
    }

    /** Builds a {@link ContentRouter}. Not thread-safe. */
    public static final class Builder {
        private ContentDetector detector = new HeuristicContentDetector();
        private final Map<ContentType, Compressor> compressors = new EnumMap<>(ContentType.class);

        private Builder() {
        }

        public Builder detector(ContentDetector value) {
            detector = Objects.requireNonNull(value, "detector");
            return this;
        }

        /** Registers {@code compressor} for {@code type}, replacing any earlier one. */
        public Builder register(ContentType type, Compressor compressor) {
            compressors.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(compressor, "compressor"));
            return this;
        }

        public ContentRouter build() {
            return new ContentRouter(this);
        }
    }
}
