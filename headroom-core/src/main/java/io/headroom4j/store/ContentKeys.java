package io.headroom4j.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import io.headroom4j.internal.LastLongText;

/** Content-hash keys as they appear in retrieval markers. */
public final class ContentKeys {

    /** Length of a key in hex digits. */
    public static final int KEY_LENGTH = 24;

    /** Matches a well-formed key and nothing else. */
    public static final Pattern KEY = Pattern.compile("[0-9a-f]{24}");

    /** Cloned for each key: looking SHA-256 up among the security providers costs ~0.1 ms when cold. */
    private static final MessageDigest SHA256 = lookUp();

    /** The last long string hashed on each thread and its key; shorter strings hash in a few microseconds. */
    private static final LastLongText<String> LAST = new LastLongText<>(4096);

    private ContentKeys() {
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /**
     * First 24 hex digits of SHA-256 over the UTF-8 bytes of {@code text}.
     *
     * <p>The last key computed on each thread is kept with its string (weakly), and asked again for the same
     * string object, it is returned without hashing: a request's compression hashes one tool result several
     * times (the memo key, the code cache key, the offload of the whole content), ~0.4 ms per 240 KB when cold.
     * Strings are immutable, so the same object always has the same key.
     */
    public static String sha256Prefix(String text) {
        String known = lastKeyOf(text);
        if (known != null) {
            return known;
        }
        String key = sha256Prefix(text.getBytes(StandardCharsets.UTF_8));
        remember(text, key);
        return key;
    }

    /** First 24 hex digits of SHA-256 over {@code utf8}, for callers that already hold the bytes. */
    public static String sha256Prefix(byte[] utf8) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            digest = lookUp();
        }
        byte[] hash = digest.digest(utf8);
        return HexFormat.of().formatHex(hash, 0, KEY_LENGTH / 2);
    }

    /**
     * The key of {@code text}, as {@link #sha256Prefix(String)} gives it, after checking that the text has an exact
     * UTF-8 form, as the stock stores' {@code put} does.
     *
     * @throws IllegalArgumentException when {@code text} holds a lone surrogate
     */
    public static String keyOfEncodable(String text) {
        String known = lastKeyOf(text);
        if (known != null) {
            InMemoryCompressionStore.requireEncodable(text);
            return known;
        }
        // ASCII text, most tool output, is checked by its UTF-8 bytes (vectorised), not char by char.
        String key = sha256Prefix(InMemoryCompressionStore.encodableUtf8(text));
        remember(text, key);
        return key;
    }

    /** The key last computed on this thread for this very string object, or null. */
    private static String lastKeyOf(String text) {
        return LAST.answerFor(text);
    }

    private static void remember(String text, String key) {
        LAST.remember(text, key);
    }

    /** True when {@code key} has the shape of a key. */
    public static boolean isWellFormed(String key) {
        return key != null && KEY.matcher(key).matches();
    }
}
