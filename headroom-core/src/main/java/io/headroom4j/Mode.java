package io.headroom4j;

/** Which parts of a conversation may be compressed. */
public enum Mode {
    /**
     * Only the live zone: content that is new since the previous request of the same conversation.
     * Earlier messages keep their exact bytes so the provider's prompt cache keeps hitting. The default.
     */
    CACHE,
    /** Every eligible message, new or old. Saves more tokens per request, but rewrites cached prefixes. */
    TOKEN
}
