package io.headroom4j.token;

import com.knuddels.jtokkit.api.Encoding;

/**
 * Counts {@code cl100k_base} tokens exactly as jtokkit's {@code countTokensOrdinary} does, faster: the text is split
 * by {@link Cl100kPieces} (a character scan that gives jtokkit's own parser's pieces) and each piece is counted by
 * jtokkit's own byte-pair encoder through {@link PieceCounter}, which remembers short pieces' counts. Thread-safe;
 * never throws for any string. When jtokkit's encoder cannot be reached it is jtokkit's {@code countTokensOrdinary}.
 */
final class Cl100kTokenCounter implements TokenCounter {

    /*
     * jtokkit's cl100k parser writes a lone surrogate as its code point's three bytes, so the piece counter is made to
     * do the same (its table is keyed by chars, and chars map to bytes one way in this mode). Without -ea jtokkit
     * counts such text that way; with -ea its parser fails an assert ("Input is not UTF-8"), where this counter
     * gives the count it gives without -ea.
     */

    private final Encoding encoding;
    private final PieceCounter pieces;
    private final String name;

    Cl100kTokenCounter(Encoding cl100k, String name) {
        this(cl100k, name, true);
    }

    /** A counter named {@code name} whose piece counter remembers short pieces when {@code remember}. */
    Cl100kTokenCounter(Encoding cl100k, String name, boolean remember) {
        this(cl100k, name, new PieceCounter(cl100k, remember, true));
    }

    /**
     * A counter named {@code name} counting pieces with {@code pieces}, which must write lone surrogates as
     * jtokkit's cl100k parser does (benchmarks compare piece counters).
     */
    Cl100kTokenCounter(Encoding cl100k, String name, PieceCounter pieces) {
        this.encoding = cl100k;
        this.pieces = pieces;
        this.name = name;
    }

    /** A counter named {@code name} sharing {@code other}'s encoding and piece table. */
    Cl100kTokenCounter(Cl100kTokenCounter other, String name) {
        this.encoding = other.encoding;
        this.pieces = other.pieces;
        this.name = name;
    }

    /** True when jtokkit's byte-pair encoder is reached directly, so our pieces and the piece table are in use. */
    boolean isDirect() {
        return pieces.isDirect();
    }

    @Override
    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (!pieces.isDirect()) {
            return encoding.countTokensOrdinary(text);
        }
        int n = text.length();
        int total = 0;
        for (int p = 0; p < n; ) {
            int e = Cl100kPieces.end(text, p);
            total += pieces.count(text, p, e);
            p = e;
        }
        return total;
    }

    @Override
    public boolean atLeast(String text, int n) {
        int bound = TokenCounters.decidedByLength(text, n);
        if (bound >= 0) {
            return bound == 1;
        }
        if (!pieces.isDirect()) {
            return encoding.countTokensOrdinary(text) >= n;
        }
        // the pieces of a text are counted independently, so the running total only grows toward count(text)
        int total = 0;
        int len = text.length();
        for (int p = 0; p < len; ) {
            int e = Cl100kPieces.end(text, p);
            total += pieces.count(text, p, e);
            if (total >= n) {
                return true;
            }
            p = e;
        }
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    /** The piece counter, for tests. */
    PieceCounter pieces() {
        return pieces;
    }
}
