package io.headroom4j.proxy;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.headroom4j.message.RetrieveTool;

/**
 * What the proxy needs to know about a provider request, read in one streaming pass without building a
 * tree: the model, whether it streams, whether it already defines {@code headroom_retrieve}, and a
 * conversation id.
 *
 * <p>The conversation id is a hash of the system prompt (Anthropic {@code system}, Responses
 * {@code instructions}, or the first system/developer message) and the first user message, as raw bytes.
 * Both stay the same for every turn of one conversation, so the id does too; that is what keeps the
 * retrieve tool sticky. A client can name the conversation itself with {@code x-headroom-session-id}.
 *
 * @param valid           true when the body is a JSON object
 * @param model           the {@code model} field, or null
 * @param stream          the {@code stream} field
 * @param definesRetrieve true when {@code tools} already has a tool named {@code headroom_retrieve}
 * @param conversationId  16 hex digits identifying the conversation
 */
record RequestInfo(boolean valid, String model, boolean stream, boolean definesRetrieve, String conversationId) {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final MessageDigest SHA256;

    static {
        try {
            SHA256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private static final byte[] RETRIEVE_NAME = ("\"" + RetrieveTool.NAME + "\"").getBytes();

    static RequestInfo scan(byte[] body) {
        String model = null;
        boolean stream = false;
        boolean defines = false;
        MessageDigest digest = sha256();
        boolean sawSystem = false;
        boolean sawUser = false;
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new RequestInfo(false, null, false, false, "none");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                int start = (int) p.currentTokenLocation().getByteOffset();
                switch (name) {
                    case "model" -> model = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "stream" -> stream = t == JsonToken.VALUE_TRUE;
                    case "tools" -> {
                        p.skipChildren();
                        int end = (int) p.currentLocation().getByteOffset();
                        defines = contains(body, start, end, RETRIEVE_NAME);
                    }
                    case "system", "instructions" -> {
                        p.skipChildren();
                        p.finishToken();   // strings are parsed lazily; the end offset needs the whole token
                        digest.update(body, start, (int) p.currentLocation().getByteOffset() - start);
                        sawSystem = true;
                    }
                    case "messages", "input" -> {
                        if (t == JsonToken.START_ARRAY) {
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                int mStart = (int) p.currentTokenLocation().getByteOffset();
                                String role = null;
                                if (p.currentToken() == JsonToken.START_OBJECT) {
                                    role = roleOf(p);
                                } else {
                                    p.skipChildren();
                                }
                                int mEnd = (int) p.currentLocation().getByteOffset();
                                boolean isSystem = "system".equals(role) || "developer".equals(role);
                                if (isSystem && !sawSystem) {
                                    digest.update(body, mStart, mEnd - mStart);
                                    sawSystem = true;
                                } else if ("user".equals(role) && !sawUser) {
                                    digest.update((byte) 0);
                                    digest.update(body, mStart, mEnd - mStart);
                                    sawUser = true;
                                }
                            }
                        } else {
                            p.skipChildren();
                            p.finishToken();
                            if (t == JsonToken.VALUE_STRING && !sawUser) {
                                digest.update((byte) 0);
                                digest.update(body, start, (int) p.currentLocation().getByteOffset() - start);
                                sawUser = true;
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return new RequestInfo(false, model, stream, defines, "none");
        }
        String id = HexFormat.of().formatHex(digest.digest(), 0, 8);
        return new RequestInfo(true, model, stream, defines, id);
    }

    /** Reads one message object to its end and returns its {@code role}. */
    private static String roleOf(JsonParser p) throws IOException {
        String role = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            if (f.equals("role") && v == JsonToken.VALUE_STRING) {
                role = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return role;
    }

    private static boolean contains(byte[] body, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A fresh SHA-256 digest: a clone of one looked up once (the provider lookup costs ~0.1 ms when cold). */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e2) {
                throw new IllegalStateException(e2);
            }
        }
    }
}
