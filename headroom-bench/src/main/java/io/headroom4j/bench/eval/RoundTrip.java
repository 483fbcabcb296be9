package io.headroom4j.bench.eval;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a lossless output decodes back to its input, through whatever decoder headroom-core
 * exposes.
 *
 * <p>The harness is built against the public API only, and that API may or may not have a decoder when
 * it runs. It looks for a public static {@code decode(String transform, String output)} returning
 * {@code String} or {@code Optional<String>} on the classes in {@link #CANDIDATES}. When none exists the
 * outcome is {@link Outcome#NO_DECODER} and the report says so rather than claiming exactness.
 */
final class RoundTrip {

    /** Classes that may carry a decoder, in the order they are tried. */
    static final List<String> CANDIDATES = List.of(
            "io.headroom4j.compress.Decoders", "io.headroom4j.compress.LosslessDecoder", "io.headroom4j.Headroom");

    /** The result of one check. */
    enum Outcome {
        /** The output is the input itself. */
        UNCHANGED,
        /** The decoder gave back the input exactly. */
        EXACT,
        /** The decoder gave back something else, or failed. */
        MISMATCH,
        /** The output is marked lossless but no decoder is exposed. */
        NO_DECODER,
        /** The output is lossy (not expected to decode without the store). */
        LOSSY
    }

    private final Method decoder;

    RoundTrip() {
        this.decoder = find();
    }

    /** The decoder found, as {@code Class#method}, or empty. */
    Optional<String> decoderName() {
        return decoder == null ? Optional.empty()
                : Optional.of(decoder.getDeclaringClass().getName() + "#" + decoder.getName());
    }

    Outcome check(String input, String output, String transform, boolean lossless) {
        if (output.equals(input)) {
            return Outcome.UNCHANGED;
        }
        if (!lossless) {
            return Outcome.LOSSY;
        }
        if (decoder == null) {
            return Outcome.NO_DECODER;
        }
        try {
            Object r = decoder.invoke(null, transform, output);
            if (r instanceof Optional<?> o) {
                r = o.orElse(null);
            }
            return input.equals(r) ? Outcome.EXACT : Outcome.MISMATCH;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Outcome.MISMATCH;
        }
    }

    private static Method find() {
        for (String name : CANDIDATES) {
            try {
                Class<?> c = Class.forName(name);
                for (Method m : c.getMethods()) {
                    if (m.getName().equals("decode") && Modifier.isStatic(m.getModifiers())
                            && m.getParameterCount() == 2 && m.getParameterTypes()[0] == String.class
                            && m.getParameterTypes()[1] == String.class
                            && (m.getReturnType() == String.class || m.getReturnType() == Optional.class)) {
                        return m;
                    }
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not there: try the next candidate
            }
        }
        return null;
    }
}
