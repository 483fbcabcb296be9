package io.headroom4j.token;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

import com.knuddels.jtokkit.api.Encoding;

/**
 * Counts the tokens of one pre-token piece with jtokkit's own byte-pair encoder, remembering the counts of short
 * pieces in a small shared table. Thread-safe.
 */
final class PieceCounter {

    /*
     * The byte-pair step is jtokkit's TokenEncoder.addTokensAndGetCount, the exact call its countTokensOrdinary makes
     * for each piece (on piece.getBytes(UTF_8) for o200k, so a lone surrogate becomes '?' in both; on its parser's own
     * bytes for cl100k, so a lone surrogate is three bytes in both). It is package-private, so
     * it is reached through JtokkitInternals' handles; when those are refused (a module path, another jtokkit version),
     * countTokensOrdinary(piece) is used instead: it re-splits the piece, which gives the piece itself (no
     * alternative of the pattern that failed in the text can match a prefix of it, and the one lookahead only
     * loosens at the end of text), so it is exact too, only slower. O200kPiecesProperties checks both claims.
     *
     * The table is direct-mapped and written racily: an entry is an immutable object with final fields, so a
     * reader sees a whole entry or a stale one or none, and a miss only recomputes. Logs and code repeat their
     * pieces (timestamps' digits, keys, indentation), so most lookups hit; TokenCounterBenchmark measures it.
     * Pieces of two ASCII chars and of three ASCII digits (a third to a half of a log's pieces) skip the hashing:
     * their counts sit in a small array indexed by the chars, filled on first use (racy byte writes of a value every
     * writer computes alike). Pieces of up to 8 ASCII chars (most of the rest: words with their space, "/items")
     * sit in a table of longs that hold the chars and the count together, so a lookup is one load and a compare,
     * not a walk to an entry object and its string; a long is read and written whole (opaque access), so a racy
     * reader sees some writer's whole entry.
     */

    /** Pieces longer than this (in chars) are never remembered: they are rare and their keys would be large. */
    static final int MAX_CACHED_CHARS = 24;
    private static final int SLOTS = 1 << 13;
    private static final int PACKED_BITS = 13;
    private static final long COUNT_MASK = 0x1F;
    /** Opaque access to {@link #packed}'s elements: a long is read and written whole (plain access may split it). */
    private static final VarHandle PACKED = MethodHandles.arrayElementVarHandle(long[].class);
    /** Where the three-digit pieces start in {@link #small}. */
    private static final int PAIRS = 1 << 14;

    private final Encoding encoding;
    private final Object encoder;
    private final Entry[] table;
    /**
     * Pieces of up to 8 ASCII chars with their counts, one {@code long} each: the chars at 7 bits each (bits 8-63),
     * the length less one (bits 5-7), the count (bits 0-4; a piece of 8 bytes has at most 8 tokens); 0 is empty.
     */
    private final long[] packed;
    /** Counts of two-ASCII-char pieces (at {@code c0 << 7 | c1}), then of three ASCII digits; 0 until known. */
    private final byte[] small;
    private final boolean loneSurrogateBytes;

    private record Entry(String piece, int hash, int count) {
    }

    PieceCounter(Encoding encoding) {
        this(encoding, true);
    }

    /** A counter that remembers short pieces' counts when {@code remember} (benchmarks compare both). */
    PieceCounter(Encoding encoding, boolean remember) {
        this(encoding, remember, false);
    }

    /**
     * A counter that remembers short pieces' counts when {@code remember}, and writes a lone surrogate as the three
     * bytes of its code point when {@code loneSurrogateBytes} (as jtokkit's cl100k parser does, see
     * {@link Cl100kPieces#utf8}) instead of as {@code '?'} (as {@link String#getBytes} does, which jtokkit's
     * regex-split encodings use).
     */
    PieceCounter(Encoding encoding, boolean remember, boolean loneSurrogateBytes) {
        this(encoding, remember, loneSurrogateBytes, remember);
    }

    /**
     * As {@link #PieceCounter(Encoding, boolean, boolean)}; without {@code shortTables} only the table of entry
     * objects remembers pieces, as before session 9 (benchmarks compare both).
     */
    PieceCounter(Encoding encoding, boolean remember, boolean loneSurrogateBytes, boolean shortTables) {
        this.encoding = encoding;
        this.encoder = JtokkitInternals.encoderOf(encoding);
        this.table = remember ? new Entry[SLOTS] : null;
        this.small = remember && shortTables ? new byte[PAIRS + 1000] : null;
        this.packed = remember && shortTables ? new long[1 << PACKED_BITS] : null;
        this.loneSurrogateBytes = loneSurrogateBytes;
    }

    /** True when the byte-pair encoder is reached directly rather than through the public API. */
    boolean isDirect() {
        return encoder != null;
    }

    /** Tokens in {@code text[start, end)}, a whole piece of the encoding's pre-tokenizer. */
    int count(String text, int start, int end) {
        int len = end - start;
        if (len <= 3) {
            char c0 = text.charAt(start);
            if (len == 1) {
                if (c0 < 0x80) {
                    return 1;   // every single byte is a token
                }
            } else if (small != null) {
                if (len == 2) {
                    char c1 = text.charAt(start + 1);
                    if ((c0 | c1) < 0x80) {
                        return small(c0 << 7 | c1, text, start, end);
                    }
                } else {
                    int d0 = c0 - '0';
                    int d1 = text.charAt(start + 1) - '0';
                    int d2 = text.charAt(start + 2) - '0';
                    if ((d0 | d1 | d2) >= 0 && d0 <= 9 && d1 <= 9 && d2 <= 9) {
                        return small(PAIRS + d0 * 100 + d1 * 10 + d2, text, start, end);
                    }
                }
            }
        }
        if (len <= 8 && packed != null) {
            long k = 0;
            int i = start;
            for (; i < end; i++) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                k = k << 7 | c;
            }
            if (i == end) {
                long tag = k << 8 | (long) (len - 1) << 5;   // never 0: len >= 2 here
                int slot = (int) ((k * 0x9E3779B97F4A7C15L) >>> (64 - PACKED_BITS));
                long e = (long) PACKED.getOpaque(packed, slot);
                if ((e & ~COUNT_MASK) == tag) {
                    return (int) (e & COUNT_MASK);
                }
                int count = encode(text.substring(start, end));
                PACKED.setOpaque(packed, slot, tag | count);
                return count;
            }
        }
        if (len > MAX_CACHED_CHARS || table == null) {
            return encode(text.substring(start, end));
        }
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + text.charAt(i);
        }
        int slot = (h ^ (h >>> 13)) & (SLOTS - 1);
        Entry e = table[slot];
        if (e != null && e.hash == h && e.piece.length() == len && text.regionMatches(start, e.piece, 0, len)) {
            return e.count;
        }
        String piece = text.substring(start, end);
        int count = encode(piece);
        table[slot] = new Entry(piece, h, count);
        return count;
    }

    /** The count of the small piece {@code text[start, end)} at {@code index} of {@link #small}, computed once. */
    private int small(int index, String text, int start, int end) {
        int count = small[index];
        if (count == 0) {
            count = encode(text.substring(start, end));
            small[index] = (byte) count;
        }
        return count;
    }

    /** Tokens in {@code piece}, a whole piece, without the table. */
    int encode(String piece) {
        if (encoder == null) {
            return encoding.countTokensOrdinary(piece);
        }
        return JtokkitInternals.countPiece(encoder,
                loneSurrogateBytes ? Cl100kPieces.utf8(piece) : piece.getBytes(StandardCharsets.UTF_8));
    }
}
