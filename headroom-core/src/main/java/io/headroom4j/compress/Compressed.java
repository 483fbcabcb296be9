package io.headroom4j.compress;

import java.util.List;
import java.util.Objects;

/**
 * The output of one {@link Compressor} run, plus a record of what it did.
 *
 * @param output        the text to send in place of the input; equal to the input when nothing was done
 * @param transform     a stable name for what ran, such as {@code json.table} or {@code log.templates}
 * @param lossless      true when {@code output} decodes back to the input exactly, with no store lookup
 * @param retrievalKeys keys of the originals stored for the omissions in {@code output}; empty if none
 * @param note          what was done or why nothing was done, for people ("kept 15 of 1,000 items")
 */
public record Compressed(String output, String transform, boolean lossless, List<String> retrievalKeys,
                         String note) {

    public Compressed {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(transform, "transform");
        retrievalKeys = List.copyOf(retrievalKeys);
        note = note == null ? "" : note;
    }

    /** A result that leaves {@code content} as it is, saying why. */
    public static Compressed unchanged(String content, String transform, String reason) {
        return new Compressed(content, transform, true, List.of(), reason);
    }

    /** A lossless rewrite: {@code output} decodes back to the input. */
    public static Compressed lossless(String output, String transform, String note) {
        return new Compressed(output, transform, true, List.of(), note);
    }

    /** A lossy rewrite whose omissions can be brought back with {@code retrievalKeys}. */
    public static Compressed lossy(String output, String transform, List<String> retrievalKeys, String note) {
        return new Compressed(output, transform, false, retrievalKeys, note);
    }

    /** True when the output differs from the input it was made from. */
    public boolean isChangedFrom(String input) {
        return !output.equals(input);
    }
}
