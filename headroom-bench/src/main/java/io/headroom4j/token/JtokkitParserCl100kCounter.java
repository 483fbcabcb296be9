package io.headroom4j.token;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.function.Predicate;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;

/**
 * The {@code cl100k_base} counter before session 9, kept for benchmarks: jtokkit's own {@code Cl100kParser} splits
 * the text (called through a private handle) and jtokkit's byte-pair encoder counts each piece, with short pieces'
 * counts remembered in a table keyed by the parser's bytes. Same counts as {@link TokenCounters#cl100k()}.
 */
final class JtokkitParserCl100kCounter implements TokenCounter {

    /** {@code (String, Predicate) -> void}: {@code Cl100kParser.split}. */
    private static final MethodHandle SPLIT;
    /** {@code (Object byteArrayList) -> byte[]}: the backing array of jtokkit's {@code ByteArrayList}. */
    private static final MethodHandle BYTES_ARRAY;
    /** {@code (Object byteArrayList) -> int}: its size. */
    private static final MethodHandle BYTES_SIZE;

    static {
        String pkg = Encodings.class.getPackageName();
        MethodHandles.Lookup own = MethodHandles.lookup();
        try {
            Class<?> parser = Class.forName(pkg + ".Cl100kParser");
            Class<?> bytes = Class.forName(pkg + ".ByteArrayList");
            SPLIT = MethodHandles.privateLookupIn(parser, own).findStatic(parser, "split",
                    MethodType.methodType(void.class, String.class, Predicate.class));
            MethodHandles.Lookup inBytes = MethodHandles.privateLookupIn(bytes, own);
            BYTES_ARRAY = inBytes.findGetter(bytes, "array", byte[].class)
                    .asType(MethodType.methodType(byte[].class, Object.class));
            BYTES_SIZE = inBytes.findGetter(bytes, "size", int.class)
                    .asType(MethodType.methodType(int.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int MAX_CACHED_BYTES = 32;
    private static final int SLOTS = 1 << 13;

    private final Object encoder;
    private final Entry[] table = new Entry[SLOTS];

    private record Entry(byte[] piece, int hash, int count) {
    }

    JtokkitParserCl100kCounter(Encoding cl100k) {
        this.encoder = JtokkitInternals.encoderOf(cl100k);
        if (encoder == null) {
            throw new IllegalStateException("jtokkit's encoder is not reachable");
        }
    }

    @Override
    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int[] total = {0};
        Predicate<Object> sink = bytes -> {
            total[0] += countPiece(bytes);
            return false;
        };
        try {
            SPLIT.invokeExact(text, (Predicate) sink);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return total[0];
    }

    @Override
    public String name() {
        return "cl100k_base (jtokkit's parser)";
    }

    private int countPiece(Object byteArrayList) {
        byte[] array;
        int size;
        try {
            array = (byte[]) BYTES_ARRAY.invokeExact(byteArrayList);
            size = (int) BYTES_SIZE.invokeExact(byteArrayList);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (size == 1) {
            return 1;
        }
        if (size > MAX_CACHED_BYTES) {
            return JtokkitInternals.countPiece(encoder, Arrays.copyOf(array, size));
        }
        int h = 0;
        for (int i = 0; i < size; i++) {
            h = 31 * h + array[i];
        }
        int slot = (h ^ (h >>> 13)) & (SLOTS - 1);
        Entry e = table[slot];
        if (e != null && e.hash == h && Arrays.equals(e.piece, 0, e.piece.length, array, 0, size)) {
            return e.count;
        }
        byte[] piece = Arrays.copyOf(array, size);
        int count = JtokkitInternals.countPiece(encoder, piece);
        table[slot] = new Entry(piece, h, count);
        return count;
    }
}
