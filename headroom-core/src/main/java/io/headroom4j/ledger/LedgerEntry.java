package io.headroom4j.ledger;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the savings ledger: what happened to one proxied request. It holds counts and names only,
 * never prompt text or credentials.
 *
 * @param time              when the request arrived
 * @param provider          {@code openai} or {@code anthropic} (the upstream family)
 * @param model             the model named in the request, or {@code unknown}
 * @param route             the route, such as {@code /v1/messages}
 * @param tokensBefore      tokens of the request before compression
 * @param tokensAfter       tokens as sent
 * @param savedByTransform  tokens saved per transform name
 * @param savedByTool       tokens saved per tool name ({@code unknown} when the tool is not named)
 * @param inputTokens       uncached input tokens the provider reported, or -1 when unknown
 * @param cacheReadTokens   cache read tokens the provider reported, or -1 when unknown
 * @param cacheWriteTokens  cache write (creation) tokens the provider reported, or -1 when unknown
 * @param outputTokens      output tokens the provider reported, or -1 when unknown
 * @param latencyMs         total time until the response was complete
 * @param overheadMs        time spent compressing before forwarding
 * @param failedOpen        true when compression failed and the original was forwarded
 * @param status            the HTTP status returned to the client
 */
public record LedgerEntry(Instant time, String provider, String model, String route, long tokensBefore,
                          long tokensAfter, Map<String, Long> savedByTransform, Map<String, Long> savedByTool,
                          long inputTokens, long cacheReadTokens, long cacheWriteTokens, long outputTokens,
                          double latencyMs, double overheadMs, boolean failedOpen, int status) {

    public LedgerEntry {
        Objects.requireNonNull(time, "time");
        provider = provider == null ? "unknown" : provider;
        model = model == null || model.isBlank() ? "unknown" : model;
        route = route == null ? "" : route;
        savedByTransform = Map.copyOf(savedByTransform);
        savedByTool = Map.copyOf(savedByTool);
    }

    /** Tokens saved; never negative. */
    public long tokensSaved() {
        return Math.max(0, tokensBefore - tokensAfter);
    }
}
