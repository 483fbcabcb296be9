package io.headroom4j.token;

import java.util.Locale;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Chooses a {@link TokenCounter} for a model name.
 *
 * <p>OpenAI models are counted exactly, with jtokkit's vocabularies and byte-pair encoder: {@code o200k_base} for
 * the GPT-4o, GPT-4.1, GPT-5 and o-series families, {@code cl100k_base} for GPT-4 and GPT-3.5. Counts equal
 * jtokkit's {@code countTokensOrdinary} for every string ({@code <|endoftext|>} and friends are plain text); the
 * pre-tokenizers are our own character scans instead of jtokkit's regular expression ({@code o200k_base}, several
 * times faster) and its hand-written parser ({@code cl100k_base}), with jtokkit's byte-pair encoder
 * (docs/architecture.md, "Token counting"). Anthropic publishes no tokenizer,
 * so Claude models are an <em>estimate</em>: the {@code cl100k_base} count, which tracks Claude's counts
 * within roughly 10-20% on English text and code (Claude usually counts more). Reports name the counter
 * used, so an estimate is never presented as a measurement. Anything else is counted with
 * {@code o200k_base}.
 */
public final class TokenCounters {

    /**
     * The longest token of {@code o200k_base} and {@code cl100k_base}, in UTF-8 bytes (pinned by a test that
     * reads both vocabularies). It bounds the count from below, so a long text is decided without
     * tokenizing it: a 1 GB single line would otherwise be encoded as one piece.
     */
    static final int MAX_TOKEN_BYTES = 128;

    /**
     * Whether {@code text} has at least {@code n} tokens, when its length alone decides it: 1 yes, 0 no, -1 when
     * the text has to be tokenized. A token is at least one UTF-8 byte (a char is at most four) and at most
     * {@link #MAX_TOKEN_BYTES} (a char is at least one).
     */
    static int decidedByLength(String text, int n) {
        if (n <= 0) {
            return 1;
        }
        if (text == null || text.length() * 4L < n) {
            return 0;
        }
        return text.length() >= (long) MAX_TOKEN_BYTES * n ? 1 : -1;
    }

    private static final class Holder {
        // Loaded on first use: building both encodings takes about half a second.
        static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
        static final Encoding O200K_ENCODING = REGISTRY.getEncoding(EncodingType.O200K_BASE);
        // Same counts as jtokkit's countTokensOrdinary, without its regular expression (TokenCounterBenchmark).
        static final TokenCounter O200K = new O200kTokenCounter(O200K_ENCODING);
        static final Encoding CL100K_ENCODING = REGISTRY.getEncoding(EncodingType.CL100K_BASE);
        // Same counts as jtokkit's countTokensOrdinary, without its parser (TokenCounterCpuThroughput).
        static final Cl100kTokenCounter CL100K = new Cl100kTokenCounter(CL100K_ENCODING, CL100K_ENCODING.getName());
        static final TokenCounter CLAUDE_ESTIMATE = new Cl100kTokenCounter(CL100K, "cl100k_base (Claude estimate)");
    }

    private TokenCounters() {
    }

    /** The {@code o200k_base} counter, the default for reports and benchmarks. */
    public static TokenCounter o200k() {
        return Holder.O200K;
    }

    /** The {@code cl100k_base} counter. */
    public static TokenCounter cl100k() {
        return Holder.CL100K;
    }

    /** The counter for {@code model}; a null or unknown model gets {@code o200k_base}. */
    public static TokenCounter forModel(String model) {
        if (model == null || model.isEmpty()) {
            return o200k();
        }
        String m = model.toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        if (slash >= 0) {
            m = m.substring(slash + 1);   // "openai/gpt-4o" as OpenRouter names it
        }
        if (m.startsWith("claude") || m.contains("anthropic")) {
            return Holder.CLAUDE_ESTIMATE;
        }
        if (m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-4.5") || m.startsWith("gpt-5")
                || m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4") || m.startsWith("chatgpt")
                || m.startsWith("codex")) {
            return o200k();
        }
        if (m.startsWith("gpt-4") || m.startsWith("gpt-3.5") || m.startsWith("text-embedding")) {
            return cl100k();
        }
        return o200k();
    }
}
