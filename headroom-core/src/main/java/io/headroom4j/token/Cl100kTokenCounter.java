package io.headroom4j.token;

import java.util.Arrays;
import java.util.function.Predicate;

import com.knuddels.jtokkit.api.Encoding;

/**
 * Counts {@code cl100k_base} tokens exactly as jtokkit's {@code countTokensOrdinary} does: jtokkit's own parser
 * splits the text and jtokkit's own byte-pair encoder counts each piece, but the counts of short pieces are
 * remembered in a small shared table, so a repeated piece skips the byte-pair step. Thread-safe; never throws for
 * any string. When jtokkit's internals cannot be reached it is jtokkit's {@code countTokensOrdinary}.
 */
final class Cl100kTokenCounter implements TokenCounter {

    /*
     * The table is keyed by the piece's UTF-8 bytes exactly as Cl100kParser produced them (its own encoder, which
     * writes a lone surrogate as three bytes where String.getBytes writes '?'), so a hit is the count jtokkit would
     * compute for those bytes. Direct-mapped and written racily, as in PieceCounter.
     */

    static final int MAX_CACHED_BYTES = 32;
    private static final int SLOTS = 1 << 13;

    private final Encoding encoding;
    private final Object encoder;
    private final String name;
    private final Entry[] table;

    private record Entry(byte[] piece, int hash, int count) {
    }

    Cl100kTokenCounter(Encoding cl100k, String name) {
        this.encoding = cl100k;
        Object e = JtokkitInternals.encoderOf(cl100k);
        this.encoder = JtokkitInternals.CL100K_SPLIT != null && JtokkitInternals.BYTES_ARRAY != null
                && JtokkitInternals.BYTES_SIZE != null ? e : null;
        this.name = name;
        this.table = new Entry[SLOTS];
    }

    /** A counter named {@code name} sharing {@code other}'s encoding and piece table. */
    Cl100kTokenCounter(Cl100kTokenCounter other, String name) {
        this.encoding = other.encoding;
        this.encoder = other.encoder;
        this.name = name;
        this.table = other.table;
    }

    /** True when jtokkit's parser and encoder are reached directly, so the piece table is in use. */
    boolean isDirect() {
        return encoder != null;
    }

    @Override
    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (encoder == null) {
            return encoding.countTokensOrdinary(text);
        }
        return split(text, Integer.MAX_VALUE);
    }

    @Override
    public boolean atLeast(String text, int n) {
        int bound = TokenCounters.decidedByLength(text, n);
        if (bound >= 0) {
            return bound == 1;
        }
        if (encoder == null) {
            return encoding.countTokensOrdinary(text) >= n;
        }
        return split(text, n) >= n;   // pieces count independently: the running total only grows
    }

    @Override
    public String name() {
        return name;
    }

    /** The count of {@code text}, or a partial count of at least {@code limit} once that is reached. */
    private int split(String text, int limit) {
        Sink sink = new Sink(limit);
        try {
            JtokkitInternals.CL100K_SPLIT.invokeExact(text, (Predicate) sink);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return sink.total;
    }

    /** Receives each piece's bytes from Cl100kParser; answers true (stop) once the limit is reached. */
    private final class Sink implements Predicate<Object> {
        private final int limit;
        int total;

        Sink(int limit) {
            this.limit = limit;
        }

        @Override
        public boolean test(Object bytes) {
            total += countPiece(bytes);
            return total >= limit;
        }
    }

    private int countPiece(Object byteArrayList) {
        byte[] array;
        int size;
        try {
            array = (byte[]) JtokkitInternals.BYTES_ARRAY.invokeExact(byteArrayList);
            size = (int) JtokkitInternals.BYTES_SIZE.invokeExact(byteArrayList);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (size == 1) {
            return 1;   // every single byte is a token
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
