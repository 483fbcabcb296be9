package io.headroom4j.token;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.IntArrayList;

/**
 * Handles on the package-private part of jtokkit 1.1.0 that counts one piece: its byte-pair encoder. Each handle is
 * null when the JVM refuses it (a module path, another jtokkit version); callers then fall back to jtokkit's public
 * API, which gives the same counts, slower.
 */
final class JtokkitInternals {

    /*
     * Names are resolved from jtokkit's own package (taken from a public class), so a relocating shade plugin that
     * renames the package keeps them valid. The handles live in static finals so the JIT inlines them like direct
     * calls; their types use Object for jtokkit's package-private classes.
     */

    /** {@code (Encoding) -> Object}: the encoding's {@code TokenEncoder}, or null. */
    static final MethodHandle ENCODER;
    /**
     * {@code (Object encoder, int maxTokens, boolean keepTokens, byte[] piece, IntArrayList out, IntArrayList ranks)
     * -> int}: {@code TokenEncoder.addTokensAndGetCount}, the count of one piece's UTF-8 bytes, or null.
     */
    static final MethodHandle ADD_TOKENS;

    static {
        String pkg = Encodings.class.getPackageName();
        MethodHandles.Lookup own = MethodHandles.lookup();
        MethodHandle encoder = null;
        MethodHandle addTokens = null;
        try {
            Class<?> bpe = Class.forName(pkg + ".GptBytePairEncoding");
            Class<?> tokenEncoder = Class.forName(pkg + ".TokenEncoder");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(bpe, own);
            encoder = lookup.findGetter(bpe, "encoder", tokenEncoder)
                    .asType(MethodType.methodType(Object.class, Encoding.class));
            addTokens = lookup.findVirtual(tokenEncoder, "addTokensAndGetCount", MethodType.methodType(int.class,
                            int.class, boolean.class, byte[].class, IntArrayList.class, IntArrayList.class))
                    .asType(MethodType.methodType(int.class, Object.class, int.class, boolean.class, byte[].class,
                            IntArrayList.class, IntArrayList.class));
        } catch (ReflectiveOperationException | RuntimeException refused) {
            encoder = null;
            addTokens = null;
        }
        ENCODER = encoder;
        ADD_TOKENS = addTokens;
    }

    private JtokkitInternals() {
    }

    /** {@code encoding}'s byte-pair encoder, or null when it cannot be reached. */
    static Object encoderOf(Encoding encoding) {
        if (ENCODER == null) {
            return null;
        }
        try {
            return (Object) ENCODER.invokeExact(encoding);
        } catch (Throwable notOurs) {
            return null;   // an Encoding that is not jtokkit's GptBytePairEncoding
        }
    }

    /** Tokens in one whole piece, {@code utf8} (all of the array), by {@code encoder} from {@link #encoderOf}. */
    static int countPiece(Object encoder, byte[] utf8) {
        try {
            return (int) ADD_TOKENS.invokeExact(encoder, Integer.MAX_VALUE, false, utf8, new IntArrayList(),
                    new IntArrayList());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
