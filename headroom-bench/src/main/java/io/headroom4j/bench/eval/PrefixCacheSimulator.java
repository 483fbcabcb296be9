package io.headroom4j.bench.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.headroom4j.token.TokenCounter;

/**
 * Simulates a provider's prompt cache over the requests of one conversation and prices each turn.
 *
 * <p>The cache is modelled as the longest common byte prefix of consecutive requests as sent: the part of
 * request {@code k} that is byte-identical to the start of request {@code k-1} is a cache hit, the rest is
 * not. Tokens are counted on the request body text with one tokenizer for every arm. Two price models:
 * <ul>
 *   <li>{@link Provider#ANTHROPIC}: a cache breakpoint at the end of every request (what Claude Code sets),
 *   so the hit prefix is a cache read at 0.1x the input price and the rest is a cache write at 1.25x
 *   (5-minute TTL, turns assumed within it). Requests under 1,024 tokens are not cached (1x).</li>
 *   <li>{@link Provider#OPENAI}: automatic caching for prompts of at least 1,024 tokens, hits in 128-token
 *   steps, cached tokens at 0.5x (GPT-4o pricing), the rest at 1x. No write surcharge.</li>
 * </ul>
 */
public final class PrefixCacheSimulator {

    /** A provider's cache rules and input price. */
    public enum Provider {
        /** Claude Sonnet 4.5: $3 per million input tokens; read 0.1x, write 1.25x. */
        ANTHROPIC(3.00, 0.10, 1.25),
        /** GPT-4o: $2.50 per million input tokens; cached 0.5x, no write surcharge. */
        OPENAI(2.50, 0.50, 1.00);

        final double pricePerMTok;
        final double readFactor;
        final double writeFactor;

        Provider(double pricePerMTok, double readFactor, double writeFactor) {
            this.pricePerMTok = pricePerMTok;
            this.readFactor = readFactor;
            this.writeFactor = writeFactor;
        }

        /** Input price in dollars per million tokens. */
        public double pricePerMTok() {
            return pricePerMTok;
        }
    }

    /**
     * One turn's tokens and cost.
     *
     * @param turn      1-based turn number
     * @param tokens    tokens of the request
     * @param cacheRead tokens served from the cache
     * @param cacheWrite tokens written to the cache (Anthropic only)
     * @param uncached  tokens billed at the plain input price
     * @param cost      dollars for this request's input
     */
    public record Turn(int turn, long tokens, long cacheRead, long cacheWrite, long uncached, double cost) {
    }

    /** Minimum prompt length, in tokens, that either provider caches. */
    static final int MIN_CACHEABLE = 1024;

    private final TokenCounter tokens;
    private final Provider provider;

    /** A simulator counting with {@code tokens} and pricing as {@code provider}. */
    public PrefixCacheSimulator(TokenCounter tokens, Provider provider) {
        this.tokens = tokens;
        this.provider = provider;
    }

    /** Prices each request of a conversation, in order. */
    public List<Turn> run(List<byte[]> requests) {
        List<Turn> turns = new ArrayList<>(requests.size());
        byte[] previous = null;
        for (int i = 0; i < requests.size(); i++) {
            byte[] req = requests.get(i);
            String text = new String(req, StandardCharsets.UTF_8);
            long total = tokens.count(text);
            long hit = 0;
            if (previous != null) {
                int lcp = commonPrefix(previous, req);
                hit = tokens.count(utf8Prefix(req, lcp));
                // Tokens at the cut may merge differently; never claim more than the request has.
                hit = Math.min(hit, total);
            }
            turns.add(price(i + 1, total, hit));
            previous = req;
        }
        return turns;
    }

    Turn price(int turn, long total, long hit) {
        double unit = provider.pricePerMTok / 1_000_000.0;
        if (provider == Provider.ANTHROPIC) {
            if (total < MIN_CACHEABLE) {
                return new Turn(turn, total, 0, 0, total, total * unit);
            }
            long read = hit >= MIN_CACHEABLE ? hit : 0;
            long write = total - read;
            return new Turn(turn, total, read, write, 0,
                    read * unit * provider.readFactor + write * unit * provider.writeFactor);
        }
        long cached = hit >= MIN_CACHEABLE ? MIN_CACHEABLE + (hit - MIN_CACHEABLE) / 128 * 128 : 0;
        long uncached = total - cached;
        return new Turn(turn, total, cached, 0, uncached, cached * unit * provider.readFactor + uncached * unit);
    }

    /** Length of the longest common prefix of two byte arrays. */
    static int commonPrefix(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        int mismatch = java.util.Arrays.mismatch(a, 0, n, b, 0, n);
        return mismatch < 0 ? n : mismatch;
    }

    /** The first {@code n} bytes as text, cut back to a UTF-8 character boundary. */
    static String utf8Prefix(byte[] bytes, int n) {
        int end = n;
        while (end > 0 && end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
