package io.headroom4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Markers;
import io.headroom4j.store.InMemoryCompressionStore;

/** The relay's message rewriting, one JSON-RPC line at a time. */
final class McpRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HeadroomTools tools = tools(false);
    private final McpRelay relay = new McpRelay(tools);

    private static HeadroomTools tools(boolean lossless) {
        HeadroomConfig config = HeadroomConfig.builder().minTokens(20).lossyMinTokens(20).lossless(lossless).build();
        return new HeadroomTools(Headroom.create(config, new InMemoryCompressionStore(Duration.ofHours(1), 1 << 24),
                TestServers.headLinesRouter()), null, Clock.systemUTC());
    }

    private static String call(int id, String tool) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{\"path\":\"/var/log/app.log\"}}}";
    }

    private static String textResult(int id, String text) throws Exception {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":"
                + JSON.writeValueAsString(text) + "},{\"type\":\"image\",\"data\":\"AAAA\",\"mimeType\":\"image/png\"}],"
                + "\"structuredContent\":{\"lines\":60},\"isError\":false}}";
    }

    @Test
    void largeTextResultIsCompressedAndItsMarkerRetrievesTheRest() throws Exception {
        String log = McpWithRealClientTest.numberedLog(60);
        assertThat(relay.fromClient(call(7, "read_file"))).isNull();
        JsonNode out = JSON.readTree(relay.fromChild(textResult(7, log)));
        String text = out.at("/result/content/0/text").asText();
        assertThat(text).startsWith("line 1 GET").contains("omitted; retrieve: ");
        assertThat(out.at("/result/content/1/data").asText()).isEqualTo("AAAA");
        assertThat(out.at("/result/structuredContent/lines").asInt()).isEqualTo(60);
        String key = Markers.keysIn(text).get(0);
        String answer = relay.fromClient("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"headroom_retrieve\",\"arguments\":{\"key\":\"" + key + "\"}}}");
        JsonNode a = JSON.readTree(answer);
        assertThat(a.get("id").asInt()).isEqualTo(8);
        assertThat(text.substring(0, text.indexOf("[lines")) + a.at("/result/content/0/text").asText()).isEqualTo(log);
    }

    @Test
    void toolsListGetsRetrieveOnceAndOtherMessagesPassByteForByte() throws Exception {
        relay.fromClient("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/list\"}");
        String list = "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{\"tools\":[{\"name\":\"read_file\",\"inputSchema\":{}}]}}";
        JsonNode out = JSON.readTree(relay.fromChild(list));
        assertThat(out.at("/result/tools/1/name").asText()).isEqualTo("headroom_retrieve");
        assertThat(out.at("/result/tools/1/inputSchema/required/0").asText()).isEqualTo("key");

        String notification = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{ \"p\" : 1 }}";
        assertThat(relay.fromChild(notification)).isEqualTo(notification);
        assertThat(relay.fromChild("not json at all")).isEqualTo("not json at all");
        String unknownId = "{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{ \"content\" : [] }}";
        assertThat(relay.fromChild(unknownId)).isEqualTo(unknownId);
    }

    @Test
    void smallOrLosslessOnlyResultsPassUnchanged() throws Exception {
        relay.fromClient(call(1, "read_file"));
        String small = textResult(1, "just one line\n");
        assertThat(relay.fromChild(small)).isEqualTo(small);

        McpRelay strict = new McpRelay(tools(true));
        strict.fromClient(call(2, "read_file"));
        String big = textResult(2, McpWithRealClientTest.numberedLog(60));
        assertThat(strict.fromChild(big)).isEqualTo(big);
    }

    @Test
    void retrieveOfUnknownKeyIsAToolErrorWithAHint() throws Exception {
        JsonNode a = JSON.readTree(relay.fromClient(
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"headroom_retrieve\","
                        + "\"arguments\":{\"key\":\"000000000000000000000000\"}}}"));
        assertThat(a.at("/result/isError").asBoolean()).isTrue();
        assertThat(a.at("/result/content/0/text").asText()).contains("re-read the file");
        assertThat(a.has("error")).isFalse(); // a tool result, not a protocol error
    }
}
