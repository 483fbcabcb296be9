package io.headroom4j.compress;

import java.util.function.Supplier;

/**
 * Shrinks one piece of content of a known type, or returns it unchanged.
 *
 * <p>Implementations are stateless and thread-safe. They never throw for bad input: content they cannot
 * handle comes back unchanged ({@link Compressed#unchanged}) with the reason. A lossy implementation must
 * state each omission in the source's own units and store what it dropped through
 * {@link CompressionContext#offload}, so the omission marker carries a key that brings it back exactly.
 * When {@link CompressionContext#allowsLossy()} is false, only output that decodes back to the input is
 * allowed.
 */
@FunctionalInterface
public interface Compressor {

    /** Compresses {@code content}; never returns null. */
    Compressed compress(String content, CompressionContext context);

    /**
     * Runs {@code body}, and gives {@code content} back unchanged, with the reason, if it throws: the
     * fail-open every compressor owes its caller, in one place.
     */
    static Compressed failingOpen(String content, String transform, Supplier<Compressed> body) {
        try {
            return body.get();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // LinkageError: a native library (tree-sitter, ONNX Runtime) that fails to load must not break the call.
            return Compressed.unchanged(content, transform, "failed open: " + e);
        }
    }
}
