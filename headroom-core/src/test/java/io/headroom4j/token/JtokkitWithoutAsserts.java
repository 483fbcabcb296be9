package io.headroom4j.token;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.knuddels.jtokkit.Encodings;

/**
 * jtokkit loaded a second time, by a class loader that disables its assertions, so tests can see what it does in a
 * production JVM (no {@code -ea}) on text its cl100k parser asserts against: lone surrogates.
 */
final class JtokkitWithoutAsserts {

    private static final String PKG = "com.knuddels.jtokkit";

    private final Object cl100k;
    private final Method countTokensOrdinary;
    private final Method split;
    private final Method toArray;
    private final Method isLetter;
    private final Method isNumeric;
    private final Method isWhitespace;
    private final Method isLetterOrNumeric;
    private final Method isShortContraction;
    private final Method isLongContraction;

    JtokkitWithoutAsserts() {
        try {
            URL jar = Encodings.class.getProtectionDomain().getCodeSource().getLocation();
            URLClassLoader loader = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
            loader.setDefaultAssertionStatus(false);
            loader.setPackageAssertionStatus(PKG, false);
            Class<?> encodings = Class.forName(PKG + ".Encodings", true, loader);
            Object registry = encodings.getMethod("newLazyEncodingRegistry").invoke(null);
            Class<?> encodingType = Class.forName(PKG + ".api.EncodingType", true, loader);
            Object type = encodingType.getField("CL100K_BASE").get(null);
            Class<?> registryType = Class.forName(PKG + ".api.EncodingRegistry", true, loader);
            cl100k = registryType.getMethod("getEncoding", encodingType).invoke(registry, type);
            Class<?> encoding = Class.forName(PKG + ".api.Encoding", true, loader);
            countTokensOrdinary = encoding.getMethod("countTokensOrdinary", String.class);
            Class<?> parser = Class.forName(PKG + ".Cl100kParser", true, loader);
            if (parser.desiredAssertionStatus()) {
                throw new IllegalStateException("jtokkit's assertions are still enabled");
            }
            split = accessible(parser.getDeclaredMethod("split", String.class, Predicate.class));
            toArray = accessible(Class.forName(PKG + ".ByteArrayList", true, loader).getDeclaredMethod("toArray"));
            isLetter = accessible(parser.getDeclaredMethod("isLetter", int.class));
            isNumeric = accessible(parser.getDeclaredMethod("isNumeric", int.class));
            isWhitespace = accessible(parser.getDeclaredMethod("isWhitespace", int.class));
            isLetterOrNumeric = accessible(parser.getDeclaredMethod("isLetterOrNumeric", int.class));
            isShortContraction = accessible(parser.getDeclaredMethod("isShortContraction", int.class));
            isLongContraction = accessible(parser.getDeclaredMethod("isLongContraction", int.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method accessible(Method m) {
        m.setAccessible(true);
        return m;
    }

    private static Object call(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** jtokkit's {@code cl100k_base} {@code countTokensOrdinary(text)}. */
    int countTokensOrdinary(String text) {
        return (int) call(countTokensOrdinary, cl100k, text);
    }

    /** The byte pieces jtokkit's cl100k parser hands its encoder for {@code text}. */
    List<byte[]> pieces(String text) {
        List<byte[]> out = new ArrayList<>();
        Predicate<Object> sink = bytes -> {
            out.add((byte[]) call(toArray, bytes));
            return false;
        };
        call(split, null, text, sink);
        return out;
    }

    boolean isLetter(int cp) {
        return (boolean) call(isLetter, null, cp);
    }

    boolean isNumeric(int cp) {
        return (boolean) call(isNumeric, null, cp);
    }

    boolean isWhitespace(int cp) {
        return (boolean) call(isWhitespace, null, cp);
    }

    boolean isLetterOrNumeric(int cp) {
        return (boolean) call(isLetterOrNumeric, null, cp);
    }

    boolean isShortContraction(int cp) {
        return (boolean) call(isShortContraction, null, cp);
    }

    boolean isLongContraction(int cp1, int cp2) {
        return (boolean) call(isLongContraction, null, cp1, cp2);
    }
}
