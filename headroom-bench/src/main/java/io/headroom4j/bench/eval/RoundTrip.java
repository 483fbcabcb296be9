package io.headroom4j.bench.eval;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;

import io.headroom4j.compress.json.JsonTableCompressor;
import io.headroom4j.compress.json.JsonTables;

/**
 * Checks that a lossless output decodes back to its input, through whatever decoder headroom-core
 * exposes.
 *
 * <p>The harness is built against the public API, which may or may not have a decoder when it runs. It
 * looks first for a public static {@code decode(String transform, String output)} returning {@code String} or
 * {@code Optional<String>} on the classes in {@link #CANDIDATES}; then for the per-transform decoders the
 * compressors keep next to their encoders ({@link #PER_TRANSFORM}: a static {@code decode(String)}, reached by
 * reflection even when package-private, keyed by the transform-name constant of its compressor). A lossless
 * output whose transform has no decoder is {@link Outcome#NO_DECODER}, and the report says so rather than
 * claiming exactness.
 *
 * <p>The JSON table ({@code json.table}) and minified JSON ({@code json.minify}) decode with
 * {@link JsonTables#decode}, which gives back compact JSON: the table keeps every key, its order, every string
 * and number literal, but not the input's whitespace. Such an output is {@link Outcome#EXACT} when the input
 * was compact and {@link Outcome#EQUAL_VALUE} when the decoded JSON equals the input's compact form (checked
 * with the same literal-preserving reader, so {@code 1.0} and {@code 1} differ and key order counts).
 */
final class RoundTrip {

    /** Classes that may carry a decoder, in the order they are tried. */
    static final List<String> CANDIDATES = List.of(
            "io.headroom4j.compress.Decoders", "io.headroom4j.compress.LosslessDecoder", "io.headroom4j.Headroom");

    /**
     * Per-transform decoders: {compressor class, name of its transform-name constant, decoder class}. The
     * decoder class has a static {@code decode(String)}.
     */
    static final List<String[]> PER_TRANSFORM = List.of(
            new String[] {"io.headroom4j.compress.log.LogCompressor", "REPEATS",
                "io.headroom4j.compress.log.RepeatFolding"},
            new String[] {"io.headroom4j.compress.tree.TreeCompressor", "LOSSLESS",
                "io.headroom4j.compress.tree.PathIndent"},
            new String[] {"io.headroom4j.compress.search.SearchResultCompressor", "TRANSFORM",
                "io.headroom4j.compress.search.SearchGrouping"},
            new String[] {"io.headroom4j.compress.diff.DiffCompressor", "TRANSFORM",
                "io.headroom4j.compress.diff.DiffFold"});

    /** The result of one check. */
    enum Outcome {
        /** The output is the input itself. */
        UNCHANGED,
        /** The decoder gave back the input exactly. */
        EXACT,
        /** The decoder gave back the input's JSON value exactly, without its whitespace (JSON outputs). */
        EQUAL_VALUE,
        /** The decoder gave back something else, or failed. */
        MISMATCH,
        /** The output is marked lossless but no decoder is exposed. */
        NO_DECODER,
        /** The output is lossy (not expected to decode without the store). */
        LOSSY
    }

    private final Method decoder;
    private final java.util.Map<String, Method> perTransform = new java.util.LinkedHashMap<>();

    RoundTrip() {
        this.decoder = find();
        for (String[] entry : PER_TRANSFORM) {
            try {
                java.lang.reflect.Field f = Class.forName(entry[0]).getDeclaredField(entry[1]);
                f.setAccessible(true);
                Method m = Class.forName(entry[2]).getDeclaredMethod("decode", String.class);
                if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == String.class) {
                    m.setAccessible(true);
                    perTransform.put((String) f.get(null), m);
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // this compressor or its decoder is not there (yet): its lossless outputs stay unverified
            }
        }
    }

    /** The decoders found, as {@code Class#method} (per transform where it applies), or empty. */
    Optional<String> decoderName() {
        List<String> names = new java.util.ArrayList<>();
        if (decoder != null) {
            names.add("`" + decoder.getDeclaringClass().getName() + "#" + decoder.getName() + "`");
        }
        perTransform.forEach((t, m) -> names.add("`" + t + "` → `" + m.getDeclaringClass().getSimpleName()
                + ".decode`"));
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", names));
    }

    Outcome check(String input, String output, String transform, boolean lossless) {
        if (output.equals(input)) {
            return Outcome.UNCHANGED;
        }
        if (!lossless) {
            return Outcome.LOSSY;
        }
        if (JsonTableCompressor.TABLE.equals(transform) || JsonTableCompressor.MINIFY.equals(transform)) {
            return checkJson(input, output);
        }
        Method perT = perTransform.get(transform);
        if (decoder == null && perT == null) {
            return Outcome.NO_DECODER;
        }
        try {
            Object r = decoder != null ? decoder.invoke(null, transform, output) : perT.invoke(null, output);
            if (r instanceof Optional<?> o) {
                r = o.orElse(null);
            }
            return input.equals(r) ? Outcome.EXACT : Outcome.MISMATCH;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Outcome.MISMATCH;
        }
    }

    private static Outcome checkJson(String input, String output) {
        try {
            String decoded = JsonTables.decode(output);
            if (decoded.equals(input)) {
                return Outcome.EXACT;
            }
            // decode() of plain JSON is its compact form, with literals, key order and duplicates kept
            return decoded.equals(JsonTables.decode(input)) ? Outcome.EQUAL_VALUE : Outcome.MISMATCH;
        } catch (RuntimeException e) {
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
