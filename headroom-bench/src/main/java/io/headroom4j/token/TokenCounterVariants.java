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
        "cl100k", "cl100k-cold"};

    private TokenCounterVariants() {
    }

    /**
     * The counter named {@code name}: {@code jtokkit-o200k} and {@code jtokkit-cl100k} are jtokkit's
     * {@code countTokensOrdinary}; {@code o200k} and {@code cl100k} are {@link TokenCounters}' (shared, warm piece
     * table); {@code o200k-cold} and {@code cl100k-cold} get a new, empty piece table on every call of the
     * supplier; {@code o200k-nocache} has none.
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
            case "o200k-nocache": {
                TokenCounter none = new O200kTokenCounter(O200K, false);
                return () -> none;
            }
            default:
                throw new IllegalArgumentException("unknown counter " + name);
        }
    }
}
