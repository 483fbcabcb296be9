package io.headroom4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.headroom4j.message.RetrieveTool;

/** The assistant turn the Anthropic relay sends back upstream when it continues after a retrieve call. */
final class StreamRelayTest {

    private static String delta(int index, String type, String field, String value) {
        return Streams.anthropicEvent("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                + ",\"delta\":{\"type\":\"" + type + "\",\"" + field + "\":\"" + value + "\"}}");
    }

    /** Relays {@code stream} and returns the continuation (assistant turn, tool results), or null. */
    private static List<String> relay(String stream, ByteArrayOutputStream client) throws IOException {
        StreamRelay.Anthropic relay = new StreamRelay.Anthropic(client::writeBytes,
                call -> new RetrieveTool.Answer("the original", true));
        return relay.relay(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), true);
    }

    @Test
    void textAndThinkingStreamedInManyDeltasGoBackWhole() throws IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        StringBuilder stream = new StringBuilder(Streams.messageStart("msg_1"));
        stream.append(Streams.anthropicEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}"));
        for (int i = 0; i < 3_000; i++) {
            String piece = "t" + i + " ";
            thinking.append(piece);
            stream.append(delta(0, "thinking_delta", "thinking", piece));
        }
        stream.append(delta(0, "signature_delta", "signature", "sig=="));
        stream.append(Streams.anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
        stream.append(Streams.anthropicEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"Start: \"}}"));
        text.append("Start: ");
        for (int i = 0; i < 3_000; i++) {
            String piece = "w" + i + " é ";
            text.append(piece);
            stream.append(delta(1, "text_delta", "text", piece));
        }
        stream.append(Streams.anthropicEvent("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"));
        stream.append(Streams.toolUseBlock(2, "toolu_r1", RetrieveTool.NAME, "{\\\"key\\\": \\\"abc\\\"}"));
        stream.append(Streams.messageEnd("tool_use", 30));

        ByteArrayOutputStream client = new ByteArrayOutputStream();
        List<String> cont = relay(stream.toString(), client);

        assertThat(cont).hasSize(2);
        JsonNode content = TestProxies.JSON.readTree(cont.get(0)).path("content");
        assertThat(content.get(0).path("thinking").asText()).isEqualTo(thinking.toString());
        assertThat(content.get(0).path("signature").asText()).isEqualTo("sig==");
        assertThat(content.get(1).path("text").asText()).isEqualTo(text.toString());
        assertThat(content.get(2).path("name").asText()).isEqualTo(RetrieveTool.NAME);
        assertThat(content.get(2).path("input").path("key").asText()).isEqualTo("abc");
        // The client saw the thinking and text events as they came, not the retrieve call.
        String seen = client.toString(StandardCharsets.UTF_8);
        assertThat(seen).contains("\"text\":\"w2999 é \"").doesNotContain(RetrieveTool.NAME);
    }

    @Test
    void aBlockTheUpstreamNeverStoppedGoesBackWithWhatItStreamed() throws IOException {
        String stream = Streams.messageStart("msg_1")
                + Streams.anthropicEvent("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
                + delta(0, "text_delta", "text", "half ")
                + delta(0, "text_delta", "text", "a sentence")
                + Streams.toolUseBlock(1, "toolu_r1", RetrieveTool.NAME, "{\\\"key\\\": \\\"abc\\\"}")
                + Streams.messageEnd("tool_use", 30);
        List<String> cont = relay(stream, new ByteArrayOutputStream());
        assertThat(cont).hasSize(2);
        JsonNode content = TestProxies.JSON.readTree(cont.get(0)).path("content");
        assertThat(content.get(0).path("text").asText()).isEqualTo("half a sentence");
    }
}
