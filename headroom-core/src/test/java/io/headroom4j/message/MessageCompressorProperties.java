package io.headroom4j.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import io.headroom4j.CompressionResult;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.Mode;
import io.headroom4j.TransformRecord;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Markers;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.route.ContentType;
import io.headroom4j.store.InMemoryCompressionStore;

/** Whatever a request looks like, only the compressed strings change, and their originals are stored. */
final class MessageCompressorProperties {

    private static final Compressor HALVE = (content, ctx) -> {
        String key = ctx.offload(content, "test.halve");
        String head = content.substring(0, content.length() / 2);
        if (Character.isHighSurrogate(head.charAt(head.length() - 1))) {
            head = head.substring(0, head.length() - 1);
        }
        return Compressed.lossy(head + Markers.omitted("the second half", key), "test.halve", List.of(key), "");
    };

    private final InMemoryCompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 1 << 28);
    private final MessageCompressor compressor = new MessageCompressor(
            HeadroomConfig.builder().mode(Mode.TOKEN).minTokens(20).lossyMinTokens(20).build(), store,
            ContentRouter.builder().detector(c -> ContentType.LOG).register(ContentType.LOG, HALVE).build());

    @Property(tries = 300)
    void onlyCompressedStringsChange(@ForAll("requests") String request) throws Exception {
        byte[] in = request.getBytes(StandardCharsets.UTF_8);

        CompressionResult r = compressor.compress(in, RequestFormat.OPENAI_CHAT);

        assertThat(r.failedOpen()).as(r.error()).isFalse();
        List<TransformRecord> applied = r.records().stream().filter(TransformRecord::applied).toList();
        Statistics.label("compressed strings").collect(Math.min(applied.size(), 3));
        if (applied.isEmpty()) {
            assertThat(r.body()).isSameAs(in);
            return;
        }
        // Put each original back into the output tree: that must give the input tree.
        JsonNode inTree = Json.MAPPER.readTree(in);
        JsonNode outTree = Json.MAPPER.readTree(r.body());
        for (TransformRecord rec : applied) {
            JsonPointer p = JsonPointer.compile(rec.location());
            String original = inTree.at(p).asText();
            assertThat(store.get(rec.retrievalKeys().get(0))).contains(original);
            ((ObjectNode) outTree.at(p.head())).put(p.last().getMatchingProperty(), original);
        }
        assertThat(outTree).isEqualTo(inTree);
        // And every byte outside the replaced literals is the same, in the same order.
        Set<String> pointers = new java.util.HashSet<>();
        applied.forEach(rec -> pointers.add(rec.location()));
        assertThat(outside(in, SpanScanner.spans(in, pointers)))
                .isEqualTo(outside(r.body(), SpanScanner.spans(r.body(), pointers)));
    }

    private static List<String> outside(byte[] body, Map<String, long[]> spans) {
        List<long[]> sorted = new ArrayList<>(spans.values());
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<String> parts = new ArrayList<>();
        int pos = 0;
        for (long[] s : sorted) {
            parts.add(new String(body, pos, (int) s[0] - pos, StandardCharsets.ISO_8859_1));
            pos = (int) s[1];
        }
        parts.add(new String(body, pos, body.length - pos, StandardCharsets.ISO_8859_1));
        return parts;
    }

    @Provide
    Arbitrary<String> requests() {
        Arbitrary<String> space = Arbitraries.of("", " ", "\n  ", "\t", "\r\n");
        Arbitrary<String> text = Arbitraries.strings()
                .withCharRange(' ', '~').withChars('é', "😀".charAt(0), '\n', '"', '\\', '/', '\t', '中')
                .ofMinLength(0).ofMaxLength(800).filter(s -> s.isEmpty() || s.length() > 120)
                .map(s -> s.replace(String.valueOf("😀".charAt(0)), "😀"));
        Arbitrary<String> role = Arbitraries.frequency(Tuple.of(6, "tool"), Tuple.of(1, "user"),
                Tuple.of(1, "assistant"), Tuple.of(1, "system"), Tuple.of(1, "developer"));
        Arbitrary<Boolean> escapeUnicode = Arbitraries.of(true, false);
        Arbitrary<String> message = Combinators.combine(role, text, space, escapeUnicode, Arbitraries.of(true, false))
                .as((r, t, sp, esc, parts) -> {
                    String literal = literal(t, esc);
                    String content = parts ? "[" + sp + "{\"type\":\"text\",\"text\":" + literal + "}]" : literal;
                    return "{" + sp + "\"role\"" + sp + ":" + sp + "\"" + r + "\"," + sp + "\"content\":" + sp + content
                            + (r.equals("tool") ? ",\"tool_call_id\":\"c1\"" : "") + sp + "}";
                });
        return Combinators.combine(message.list().ofMaxSize(8), space, Arbitraries.of("1", "1.0", "1e0", "-0.50"))
                .as((ms, sp, num) -> "{" + sp + "\"model\":\"gpt-4o\"," + sp + "\"temperature\":" + num + ","
                        + "\"messages\":[" + sp + String.join("," + sp, ms) + sp + "]," + sp + "\"n\":1}" + sp);
    }

    /** A JSON string literal for {@code s}, optionally with non-ASCII characters as \\u escapes. */
    private static String literal(String s, boolean escapeUnicode) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '/' -> sb.append(escapeUnicode ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || (escapeUnicode && c > 0x7e)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
