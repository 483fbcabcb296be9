package io.headroom4j;

import java.util.List;

/**
 * What happened to one piece of content during a compression: which transform ran (or why none did),
 * where, and the tokens before and after.
 *
 * @param location      where the content sits, as a JSON pointer into the request ({@code /messages/3/content})
 *                      or {@code "content"} for a single piece of content
 * @param contentType   the detected type, such as {@code JSON} or {@code LOG}
 * @param transform     the transform that ran, such as {@code json.table}; {@code skipped} when none did
 * @param tokensBefore  tokens of the original content
 * @param tokensAfter   tokens of what is sent instead (equal to before when skipped)
 * @param lossless      true when the output decodes back to the original without the store
 * @param retrievalKeys keys under which omitted originals were stored
 * @param note          what was done, or why nothing was ("protected: user message")
 * @param toolName      the tool whose result this content is, as the request names it; null when the content
 *                      is not a tool result or the request does not name the tool
 */
public record TransformRecord(String location, String contentType, String transform, int tokensBefore,
                              int tokensAfter, boolean lossless, List<String> retrievalKeys, String note,
                              String toolName) {

    public TransformRecord {
        retrievalKeys = List.copyOf(retrievalKeys);
    }

    /** A record for content whose tool is not known. */
    public TransformRecord(String location, String contentType, String transform, int tokensBefore,
                           int tokensAfter, boolean lossless, List<String> retrievalKeys, String note) {
        this(location, contentType, transform, tokensBefore, tokensAfter, lossless, retrievalKeys, note, null);
    }

    /** Tokens saved; never negative, since larger output is never used. */
    public int tokensSaved() {
        return Math.max(0, tokensBefore - tokensAfter);
    }

    /** True when the content was changed. */
    public boolean applied() {
        return !"skipped".equals(transform);
    }

    /** A record saying nothing was done to the content at {@code location}, and why. */
    public static TransformRecord skipped(String location, String contentType, int tokens, String why) {
        return skipped(location, contentType, tokens, why, null);
    }

    /** A record saying nothing was done to the result of tool {@code toolName} (may be null), and why. */
    public static TransformRecord skipped(String location, String contentType, int tokens, String why,
                                          String toolName) {
        return new TransformRecord(location, contentType, "skipped", tokens, tokens, true, List.of(), why, toolName);
    }
}
