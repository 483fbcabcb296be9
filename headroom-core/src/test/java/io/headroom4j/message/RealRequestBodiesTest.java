package io.headroom4j.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.headroom4j.CompressionResult;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.TransformRecord;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Markers;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.route.ContentType;
import io.headroom4j.store.InMemoryCompressionStore;

/** Bodies sent by the real OpenAI and Anthropic SDKs keep every byte but the compressed tool results. */
final class RealRequestBodiesTest {

    /** Keeps the first 400 chars: crude, but enough to see exactly which bytes the pipeline replaces. */
    private static final Compressor KEEP_HEAD = (content, ctx) -> {
        if (content.length() <= 400) {
            return Compressed.unchanged(content, "test.head", "short");
        }
        String key = ctx.offload(content, "test.head");
        int cut = Character.isHighSurrogate(content.charAt(399)) ? 399 : 400;
        return Compressed.lossy(content.substring(0, cut) + "\n"
                + Markers.omitted("chars " + (cut + 1) + "-" + content.length(), key), "test.head", List.of(key), "");
    };

    private final InMemoryCompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 1 << 26);

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = RealRequestBodiesTest.class.getResourceAsStream("/fixtures/requests/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "openai_chat_tools.json, OPENAI_CHAT, /messages/5/content",
        "openai_responses_tools.json, OPENAI_RESPONSES, /input/2/output",
        "anthropic_messages_tools.json, ANTHROPIC_MESSAGES, /messages/4/content/0/content/0/text",
    })
    void compressesTheNewestToolResultAndKeepsEveryOtherByte(String file, RequestFormat format, String expected)
            throws Exception {
        byte[] body = fixture(file);
        MessageCompressor mc = new MessageCompressor(HeadroomConfig.builder().minTokens(50).build(), store,
                ContentRouter.builder().detector(c -> ContentType.LOG).register(ContentType.LOG, KEEP_HEAD)
                        .build());

        assertThat(RequestFormat.detect(Json.MAPPER.readTree(body))).isEqualTo(format);
        CompressionResult r = mc.compress(body, null);

        List<TransformRecord> applied = r.records().stream().filter(TransformRecord::applied).toList();
        assertThat(applied).extracting(TransformRecord::location).containsExactly(expected);
        JsonNode in = Json.MAPPER.readTree(body);
        JsonNode out = Json.MAPPER.readTree(r.body());
        String original = in.at(JsonPointer.compile(expected)).asText();
        String sent = out.at(JsonPointer.compile(expected)).asText();
        assertThat(sent).contains("omitted; retrieve: ");
        assertThat(store.get(Markers.keysIn(sent).get(0))).contains(original);

        Set<String> pointer = new HashSet<>(List.of(expected));
        long[] inSpan = SpanScanner.spans(body, pointer).get(expected);
        long[] outSpan = SpanScanner.spans(r.body(), pointer).get(expected);
        assertThat(r.bodyText()).startsWith(new String(body, 0, (int) inSpan[0], "UTF-8"));
        assertThat(new String(r.body(), (int) outSpan[1], r.body().length - (int) outSpan[1], "UTF-8"))
                .isEqualTo(new String(body, (int) inSpan[1], body.length - (int) inSpan[1], "UTF-8"));
        assertThat(r.tokensAfter()).isLessThan(r.tokensBefore());
    }
}
