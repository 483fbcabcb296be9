package io.headroom4j.token;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * The token counters a benchmark compares, by name: jtokkit's own and Headroom4j's, with and without the piece
 * table. Lives in the token package (in the benchmark module) to reach the package-private counters.
 */
public final class TokenCounterVariants {

    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private static final Encoding CL100K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    /** Every name {@link #of} accepts. */
    public static final String[] NAMES = {"jtokkit-o200k", "o200k", "o200k-cold", "o200k-nocache", "jtokkit-cl100k",
        "cl100k", "cl100k-cold", "cl100k-nocache", "cl100k-jtparser", "cl100k-jtparser-cold", "o200k-entrytable",
        "cl100k-entrytable"};

    /** The cl100k counter before session 9 (jtokkit's parser plus a byte-keyed piece table), one shared instance. */
    private static final TokenCounter JTPARSER = new JtokkitParserCl100kCounter(CL100K);
    /** Counters whose piece counters remember pieces in the entry table only (session 7's), shared instances. */
    private static final TokenCounter O200K_ENTRY_TABLE = new O200kTokenCounter(new PieceCounter(O200K, true, false,
            false), "o200k_base");
    private static final TokenCounter CL100K_ENTRY_TABLE = new Cl100kTokenCounter(CL100K, "cl100k_base",
            new PieceCounter(CL100K, true, true, false));

    private TokenCounterVariants() {
    }

    /**
     * The counter named {@code name}: {@code jtokkit-o200k} and {@code jtokkit-cl100k} are jtokkit's
     * {@code countTokensOrdinary}; {@code o200k} and {@code cl100k} are {@link TokenCounters}' (shared, warm piece
     * table); {@code o200k-cold} and {@code cl100k-cold} get a new, empty piece table on every call of the
     * supplier; {@code o200k-nocache} and {@code cl100k-nocache} have none. {@code cl100k-jtparser} is the cl100k
     * counter before session 9 (jtokkit's own parser, a shared warm table; {@code -cold}: a new table per call).
     * {@code o200k-entrytable} (the o200k counter before session 9) and {@code cl100k-entrytable} remember pieces
     * only in the table of entry objects, without session 9's small tables for short ASCII pieces.
     */
    public static java.util.function.Supplier<TokenCounter> of(String name) {
        switch (name) {
            case "jtokkit-o200k":
                return () -> O200K::countTokensOrdinary;
            case "jtokkit-cl100k":
                return () -> CL100K::countTokensOrdinary;
            case "o200k":
                return TokenCounters::o200k;
            case "cl100k":
                return TokenCounters::cl100k;
            case "o200k-cold":
                return () -> new O200kTokenCounter(O200K, true);
            case "cl100k-cold":
                return () -> new Cl100kTokenCounter(CL100K, "cl100k_base");
            case "cl100k-nocache": {
                TokenCounter none = new Cl100kTokenCounter(CL100K, "cl100k_base", false);
                return () -> none;
            }
            case "o200k-entrytable":
                return () -> O200K_ENTRY_TABLE;
            case "cl100k-entrytable":
                return () -> CL100K_ENTRY_TABLE;
            case "cl100k-jtparser":
                return () -> JTPARSER;
            case "cl100k-jtparser-cold":
                return () -> new JtokkitParserCl100kCounter(CL100K);
            case "o200k-nocache": {
                TokenCounter none = new O200kTokenCounter(O200K, false);
                return () -> none;
            }
            default:
                throw new IllegalArgumentException("unknown counter " + name);
        }
    }
}
