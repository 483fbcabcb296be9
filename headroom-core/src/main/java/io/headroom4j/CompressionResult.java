package io.headroom4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The outcome of {@link Headroom#compress}: the request to send, token counts, and a record per piece of
 * content considered.
 *
 * @param body          the request body to send upstream; the original bytes when nothing changed or
 *                      when compression failed
 * @param changed       true when {@code body} differs from the input
 * @param tokensBefore  tokens of the considered content before compression
 * @param tokensAfter   tokens of the same content as sent
 * @param tokenizer     the name of the token counter used (an estimate for Claude models, see
 *                      {@link io.headroom4j.token.TokenCounters})
 * @param records       one record per piece of content considered, in request order
 * @param retrievalKeys every retrieval key present in {@code body}, new or from earlier turns
 * @param failedOpen    true when an error made compression send some content, or the whole request, as it
 *                      came instead of compressed
 * @param error         the first such error, or a note on why the body was passed through; null if none
 */
public record CompressionResult(byte[] body, boolean changed, long tokensBefore, long tokensAfter, String tokenizer,
                                List<TransformRecord> records, List<String> retrievalKeys, boolean failedOpen,
                                String error) {

    private static final ObjectMapper TREES = new ObjectMapper();

    static {
        TREES.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxNestingDepth(1_000).build());
    }

    public CompressionResult {
        records = List.copyOf(records);
        retrievalKeys = List.copyOf(retrievalKeys);
    }

    /** The original request, unchanged, because compression failed with {@code error}. */
    public static CompressionResult failOpen(byte[] original, String tokenizer, String error) {
        return new CompressionResult(original, false, 0, 0, tokenizer, List.of(), List.of(), true, error);
    }

    /** Tokens saved; never negative. */
    public long tokensSaved() {
        return Math.max(0, tokensBefore - tokensAfter);
    }

    /** Fraction of tokens saved, 0 when there were none to begin with. */
    public double savedFraction() {
        return tokensBefore == 0 ? 0.0 : (double) tokensSaved() / tokensBefore;
    }

    /** The body as a Jackson tree, for callers that passed one in; null when the body is not JSON. */
    public JsonNode bodyTree() {
        try {
            return TREES.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The body as text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Names of the transforms that changed something, each once, in order. */
    public List<String> appliedTransforms() {
        List<String> names = new ArrayList<>();
        for (TransformRecord r : records) {
            if (r.applied() && !names.contains(r.transform())) {
                names.add(r.transform());
            }
        }
        return names;
    }

    /** Tokens saved per transform name. */
    public Map<String, Long> savedByTransform() {
        Map<String, Long> saved = new LinkedHashMap<>();
        for (TransformRecord r : records) {
            if (r.applied()) {
                saved.merge(r.transform(), (long) r.tokensSaved(), Long::sum);
            }
        }
        return saved;
    }
}
