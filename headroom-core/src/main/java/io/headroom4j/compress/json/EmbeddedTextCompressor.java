package io.headroom4j.compress.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.route.ContentType;

/**
 * Compresses the long text inside JSON string values, such as the command output in Codex's
 * {@code {"exit_code":0,"output":"..."}} tool results, and leaves the JSON around it as it is.
 *
 * <p>Each string value of at least {@link #MIN_CHARS} characters is detected and compressed on its own by
 * the text compressors (logs, build output, search results, diffs...); its literal is then replaced in
 * place, so every other character of the document, keys, numbers and escapes included, stays the same and
 * the result is still the same JSON shape. The output is lossless only when every replaced string was.
 */
public final class EmbeddedTextCompressor implements Compressor {

    /** The transform name; the inner transforms are named in the note. */
    public static final String TRANSFORM = "json.embedded";

    /** Shorter strings are left alone: they are field values, not tool output. */
    static final int MIN_CHARS = 1_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(1_000).maxStringLength(Integer.MAX_VALUE).maxDocumentLength(-1).build())
            .build();

    private final ContentRouter text;

    /** Compresses embedded strings with {@code text}, a router of the text compressors (no JSON). */
    public EmbeddedTextCompressor(ContentRouter text) {
        this.text = text;
    }

    @Override
    public Compressed compress(String content, CompressionContext context) {
        List<int[]> spans = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(content)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    String value = p.getText();
                    int end = (int) p.currentLocation().getCharOffset();
                    if (value.length() >= MIN_CHARS) {
                        spans.add(new int[] {start, end});
                        values.add(value);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Compressed.unchanged(content, TRANSFORM, "not JSON: " + e.getMessage());
        }
        if (spans.isEmpty()) {
            return Compressed.unchanged(content, TRANSFORM, "no string of " + MIN_CHARS + "+ chars");
        }
        StringBuilder out = new StringBuilder(content.length());
        Set<String> keys = new LinkedHashSet<>();
        Set<String> inner = new LinkedHashSet<>();
        boolean lossless = true;
        int pos = 0;
        for (int i = 0; i < spans.size(); i++) {
            int[] span = spans.get(i);
            if (content.charAt(span[0]) != '"' || content.charAt(span[1] - 1) != '"') {
                return Compressed.unchanged(content, TRANSFORM, "could not locate string literals");
            }
            String value = values.get(i);
            ContentType type = text.detector().detect(value);
            Compressed c = type == ContentType.JSON ? null : text.compress(type, value, context);
            if (c == null || !c.isChangedFrom(value) || c.output().length() >= value.length()) {
                continue;
            }
            out.append(content, pos, span[0]).append('"');
            JsonStringEncoder.getInstance().quoteAsString(c.output(), out);
            out.append('"');
            pos = span[1];
            keys.addAll(c.retrievalKeys());
            inner.add(c.transform());
            lossless &= c.lossless();
        }
        if (inner.isEmpty()) {
            return Compressed.unchanged(content, TRANSFORM, "no embedded text got smaller");
        }
        out.append(content, pos, content.length());
        String note = "compressed text inside JSON strings with " + String.join(", ", inner);
        return new Compressed(out.toString(), TRANSFORM, lossless, List.copyOf(keys), note);
    }
}
