package io.headroom4j.compress;

import java.util.function.UnaryOperator;

/**
 * The checks a lossy-only compressor runs before any real work, in one place, so the code, prose and HTML
 * compressors pass content through for the same reasons with the same notes.
 */
public final class LossyGuard {

    private LossyGuard() {
    }

    /**
     * The unchanged result {@code content} must get, or null when it may be compressed. In order: empty
     * (or null) content; lossy output not allowed ({@link CompressionContext#allowsLossy()}); more than
     * {@code maxChars} chars; the reason {@code extra} gives, if any (null for none: checked before the
     * token count, the dearest check); fewer than {@code lossyMinTokens} tokens.
     */
    public static Compressed refuse(String content, CompressionContext context, String transform, int maxChars,
                                    UnaryOperator<String> extra) {
        if (content == null || content.isEmpty()) {
            return Compressed.unchanged(content == null ? "" : content, transform, "empty");
        }
        if (!context.allowsLossy()) {
            return Compressed.unchanged(content, transform, "lossy output is off");
        }
        if (content.length() > maxChars) {
            return Compressed.unchanged(content, transform, "over " + Markers.count(maxChars) + " chars");
        }
        String why = extra == null ? null : extra.apply(content);
        if (why != null) {
            return Compressed.unchanged(content, transform, why);
        }
        if (!context.reachesLossyMin(content)) {
            return Compressed.unchanged(content, transform, "under " + context.config().lossyMinTokens() + " tokens");
        }
        return null;
    }
}
