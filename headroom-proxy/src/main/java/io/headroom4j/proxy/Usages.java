package io.headroom4j.proxy;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads provider-reported token usage from Anthropic, OpenAI Chat and OpenAI Responses shapes. */
final class Usages {

    private Usages() {
    }

    /**
     * The usage in {@code node} merged with {@code previous}: streams report running totals, so each field
     * keeps the larger value. Returns {@code previous} when {@code node} holds no usage.
     */
    static ProxyStats.Usage of(JsonNode node, ProxyStats.Usage previous) {
        if (node == null || !node.isObject()) {
            return previous;
        }
        long cacheRead = node.path("cache_read_input_tokens").asLong(0);
        long cacheWrite = node.path("cache_creation_input_tokens").asLong(0);
        long input;
        long output;
        if (node.has("prompt_tokens")) {   // OpenAI Chat: prompt tokens include cached ones
            cacheRead = node.path("prompt_tokens_details").path("cached_tokens").asLong(0);
            input = Math.max(0, node.path("prompt_tokens").asLong(0) - cacheRead);
            output = node.path("completion_tokens").asLong(0);
        } else if (node.has("input_tokens_details")) {   // OpenAI Responses
            cacheRead = node.path("input_tokens_details").path("cached_tokens").asLong(0);
            input = Math.max(0, node.path("input_tokens").asLong(0) - cacheRead);
            output = node.path("output_tokens").asLong(0);
        } else {   // Anthropic: input_tokens excludes cache reads and writes
            input = node.path("input_tokens").asLong(0);
            output = node.path("output_tokens").asLong(0);
        }
        if (previous == null) {
            return new ProxyStats.Usage(input, output, cacheRead, cacheWrite);
        }
        return new ProxyStats.Usage(Math.max(input, previous.input()), Math.max(output, previous.output()),
                Math.max(cacheRead, previous.cacheRead()), Math.max(cacheWrite, previous.cacheWrite()));
    }
}
