package io.headroom4j.proxy;

import static io.headroom4j.proxy.TestProxies.post;
import static io.headroom4j.proxy.TestProxies.send;
import static io.headroom4j.proxy.TestProxies.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.headroom4j.compress.Markers;
import io.headroom4j.message.RetrieveTool;
import io.headroom4j.store.CompressionStore;

/** The proxy answers the model's headroom_retrieve calls itself; the client never sees the round trip. */
final class RetrieveInterceptionTest {

    private static final String LOG = buildLog();

    private FakeUpstream up;
    private HeadroomProxy proxy;
    private CompressionStore store;

    @BeforeEach
    void setUp() throws IOException {
        up = new FakeUpstream();
        store = TestProxies.store();
        proxy = TestProxies.start(up, store, TestProxies.marker(store, LOG));
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        up.close();
    }

    private static String buildLog() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 400; i++) {
            sb.append("2026-11-24T06:00:").append(i % 60).append(" INFO GET /api/items/").append(i)
                    .append(" 200 ").append(i % 17).append("ms\n");
        }
        sb.append("2026-11-24T06:07:00 ERROR payment-service: connection refused (port 5432) ✗\n");
        return sb.toString();
    }

    static String anthropicRequest(boolean stream, String toolResult) {
        return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":" + stream + ",\"system\":\"You fix"
                + " bugs.\",\"tools\":[{\"name\":\"Bash\",\"description\":\"Run a command\",\"input_schema\":{\"type\":"
                + "\"object\",\"properties\":{\"command\":{\"type\":\"string\"}}}}],\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Why does checkout fail?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\","
                + "\"input\":{\"command\":\"cat app.log\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":"
                + TestProxies.quoted(toolResult) + "}]}]}";
    }

    private static String keyIn(FakeUpstream.Received r) {
        List<String> keys = Markers.keysIn(r.text());
        assertThat(keys).as("the upstream request carries a retrieval key").isNotEmpty();
        return keys.get(0);
    }

    @Test
    void anthropicNonStreamingRetrieveIsAnsweredByTheProxy() throws Exception {
        up.then(FakeUpstream.jsonFrom(req -> "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"Let me look.\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_r1\",\"name\":\"headroom_retrieve\",\"input\":{\"key\":\""
                + keyIn(req) + "\"}}],\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}"));
        up.then(FakeUpstream.json(200, Map.of(), "{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\",\"text\":\"Port 5432 refused.\"}],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":900,\"output_tokens\":7}}"));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", anthropicRequest(false, LOG)));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = TestProxies.JSON.readTree(r.body());
        assertThat(text(r)).doesNotContain("headroom_retrieve");
        assertThat(body.path("content").get(0).path("text").asText()).isEqualTo("Let me look.");
        assertThat(body.path("content").get(1).path("text").asText()).isEqualTo("Port 5432 refused.");
        assertThat(body.path("stop_reason").asText()).isEqualTo("end_turn");

        FakeUpstream.Received first = up.take();
        assertThat(first.text()).contains("\"name\":\"headroom_retrieve\"").doesNotContain("ERROR payment");
        FakeUpstream.Received second = up.take();
        JsonNode cont = TestProxies.JSON.readTree(second.body());
        JsonNode messages = cont.path("messages");
        JsonNode result = messages.get(messages.size() - 1).path("content").get(0);
        assertThat(result.path("type").asText()).isEqualTo("tool_result");
        assertThat(result.path("tool_use_id").asText()).isEqualTo("toolu_r1");
        // The model gets the exact original bytes back, not compressed again.
        assertThat(result.path("content").asText()).isEqualTo(LOG);
        assertThat(messages.get(messages.size() - 2).path("content").get(1).path("name").asText())
                .isEqualTo(RetrieveTool.NAME);
        // Everything before the appended turn is byte-identical to the first request.
        String firstText = first.text();
        String prefix = firstText.substring(0, firstText.length() - 2);   // all but the closing "]}"
        assertThat(second.text()).startsWith(prefix);
        assertThat(TestProxies.statsWhen(proxy, "/retrieval/calls", 1).path("retrieval").path("calls").asLong())
                .isEqualTo(1);
    }

    private static String anthropicRetrieveRound(String key) {
        return Streams.messageStart("msg_1") + Streams.textBlock(0, "Let me look.")
                + Streams.toolUseBlock(1, "toolu_r1", RetrieveTool.NAME, "{\\\"key\\\": \\\"", key + "\\\"}")
                + Streams.messageEnd("tool_use", 30);
    }

    @Test
    void anthropicStreamingRetrieveContinuesInTheSameClientStream() throws Exception {
        up.then((req, ex) -> FakeUpstream.sse(Map.of(), Streams.cut(anthropicRetrieveRound(keyIn(req)), 29))
                .respond(req, ex));
        String round2 = Streams.messageStart("msg_2") + Streams.textBlock(0, "Port 5432 refused.")
                + Streams.messageEnd("end_turn", 12);
        up.then(FakeUpstream.sse(Map.of(), Streams.cut(round2, 31)));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", anthropicRequest(true, LOG)));
        assertThat(r.statusCode()).isEqualTo(200);
        String expected = Streams.messageStart("msg_1") + Streams.textBlock(0, "Let me look.")
                + Streams.textBlock(1, "Port 5432 refused.") + Streams.messageEnd("end_turn", 12);
        assertThat(text(r)).isEqualTo(expected);

        up.take();
        JsonNode cont = TestProxies.JSON.readTree(up.take().body());
        JsonNode messages = cont.path("messages");
        assertThat(cont.path("stream").asBoolean()).isTrue();
        JsonNode assistant = messages.get(messages.size() - 2);
        assertThat(assistant.path("content").get(0).path("text").asText()).isEqualTo("Let me look.");
        assertThat(assistant.path("content").get(1).path("input").path("key").asText()).hasSize(24);
        assertThat(messages.get(messages.size() - 1).path("content").get(0).path("content").asText()).isEqualTo(LOG);
    }

    @Test
    void openAiStreamingRetrieveContinuesInTheSameClientStream() throws Exception {
        up.then((req, ex) -> FakeUpstream.sse(Map.of(), Streams.cut(Streams.openAiRetrieveCall("call_r", keyIn(req)),
                41)).respond(req, ex));
        up.then(FakeUpstream.sse(Map.of(), Streams.cut(Streams.openAiText("Port 5432 refused."), 37)));
        String req = "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"why?\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"bash\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":"
                + "\"c1\",\"content\":" + TestProxies.quoted(LOG) + "}]}";
        HttpResponse<byte[]> r = send(post(proxy, "/v1/chat/completions", req));
        assertThat(r.statusCode()).isEqualTo(200);
        String expected = Streams.openAiChunk("{\"role\":\"assistant\",\"content\":null}", null)
                + Streams.openAiText("Port 5432 refused.");
        assertThat(text(r)).isEqualTo(expected).doesNotContain("headroom_retrieve");
        up.take();
        JsonNode messages = TestProxies.JSON.readTree(up.take().body()).path("messages");
        JsonNode tool = messages.get(messages.size() - 1);
        assertThat(tool.path("role").asText()).isEqualTo("tool");
        assertThat(tool.path("tool_call_id").asText()).isEqualTo("call_r");
        assertThat(tool.path("content").asText()).isEqualTo(LOG);
        assertThat(messages.get(messages.size() - 2).path("tool_calls").get(0).path("function").path("name").asText())
                .isEqualTo(RetrieveTool.NAME);
    }

    @Test
    void clientToolCallsMixedWithARetrieveCallPassToTheClient() throws Exception {
        up.then((req, ex) -> FakeUpstream.sse(Map.of(), Streams.cut(Streams.messageStart("msg_1")
                + Streams.textBlock(0, "Two things.")
                + Streams.toolUseBlock(1, "toolu_r1", RetrieveTool.NAME, "{\\\"key\\\": \\\"" + keyIn(req) + "\\\"}")
                + Streams.toolUseBlock(2, "toolu_b2", "Bash", "{\\\"command\\\": \\\"ls\\\"}")
                + Streams.messageEnd("tool_use", 40), 50)).respond(req, ex));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", anthropicRequest(true, LOG)));
        String expected = Streams.messageStart("msg_1") + Streams.textBlock(0, "Two things.")
                + Streams.toolUseBlock(1, "toolu_b2", "Bash", "{\\\"command\\\": \\\"ls\\\"}")
                + Streams.messageEnd("tool_use", 40);
        assertThat(text(r)).isEqualTo(expected);
        up.take();
        assertThat(up.received).as("no continuation: the client must answer its own tool first").isEmpty();
    }

    @Test
    void mixedCallsInANonStreamedResponseKeepOnlyTheClientsCall() throws Exception {
        up.then(FakeUpstream.jsonFrom(req -> "{\"id\":\"msg_1\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t_r\","
                + "\"name\":\"headroom_retrieve\",\"input\":{\"key\":\"" + keyIn(req) + "\"}},{\"type\":\"tool_use\","
                + "\"id\":\"t_b\",\"name\":\"Bash\",\"input\":{\"command\":\"ls\"}}],\"stop_reason\":\"tool_use\"}"));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", anthropicRequest(false, LOG)));
        JsonNode body = TestProxies.JSON.readTree(r.body());
        assertThat(body.path("content")).hasSize(1);
        assertThat(body.path("content").get(0).path("name").asText()).isEqualTo("Bash");
        up.take();
        assertThat(up.received).isEmpty();
    }

    @Test
    void retrieveToolStaysInEveryLaterRequestOfTheConversation() throws Exception {
        up.always(FakeUpstream.json(200, Map.of(), "{\"id\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],"
                + "\"stop_reason\":\"end_turn\"}"));
        send(post(proxy, "/v1/messages", anthropicRequest(false, LOG)));
        assertThat(up.take().text()).contains("\"name\":\"headroom_retrieve\"");
        // Same conversation, later turn, small tool result: nothing compressed, but the tool stays.
        send(post(proxy, "/v1/messages", anthropicRequest(false, "3 files")));
        String later = up.take().text();
        assertThat(later).contains("\"name\":\"headroom_retrieve\"");
        // Another conversation with nothing compressed gets no tool.
        send(post(proxy, "/v1/messages", anthropicRequest(false, "3 files").replace("You fix bugs.", "Other.")));
        assertThat(up.take().text()).doesNotContain("headroom_retrieve");
    }

    @Test
    void failedContinuationEndsTheStreamWithTheUpstreamError() throws Exception {
        up.then((req, ex) -> FakeUpstream.sse(Map.of(), Streams.cut(anthropicRetrieveRound(keyIn(req)), 64))
                .respond(req, ex));
        String err = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}";
        up.then(FakeUpstream.json(429, Map.of("retry-after", "3"), err));
        HttpResponse<byte[]> r = send(post(proxy, "/v1/messages", anthropicRequest(true, LOG)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(text(r)).startsWith(Streams.messageStart("msg_1") + Streams.textBlock(0, "Let me look."))
                .endsWith("event: error\ndata: " + err + "\n\n");
    }

    @Test
    void openAiNonStreamingAndResponsesRetrieveAreAnswered() throws Exception {
        up.then(FakeUpstream.jsonFrom(req -> "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_r\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"headroom_retrieve\",\"arguments\":\"{\\\"key\\\":\\\""
                + keyIn(req) + "\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}"));
        up.then(FakeUpstream.json(200, Map.of(), "{\"id\":\"c2\",\"object\":\"chat.completion\",\"choices\":[{\"index\""
                + ":0,\"message\":{\"role\":\"assistant\",\"content\":\"Port 5432.\"},\"finish_reason\":\"stop\"}]}"));
        String chat = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"why?\"},{\"role\":\"tool\","
                + "\"tool_call_id\":\"c1\",\"content\":" + TestProxies.quoted(LOG) + "}]}";
        HttpResponse<byte[]> r = send(post(proxy, "/v1/chat/completions", chat));
        assertThat(TestProxies.JSON.readTree(r.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("Port 5432.");
        up.take();
        JsonNode msgs = TestProxies.JSON.readTree(up.take().body()).path("messages");
        assertThat(msgs.get(msgs.size() - 1).path("content").asText()).isEqualTo(LOG);

        up.then(FakeUpstream.jsonFrom(req -> "{\"id\":\"resp_1\",\"object\":\"response\",\"output\":[{\"type\":"
                + "\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_x\",\"name\":\"headroom_retrieve\",\"arguments\":"
                + "\"{\\\"key\\\":\\\"" + keyIn(req) + "\\\"}\"}]}"));
        up.then(FakeUpstream.json(200, Map.of(), "{\"id\":\"resp_2\",\"object\":\"response\",\"output\":[{\"type\":"
                + "\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"5432\"}]}]}"));
        String responses = "{\"model\":\"gpt-5\",\"instructions\":\"Fix.\",\"input\":[{\"role\":\"user\",\"content\":"
                + "\"why?\"},{\"type\":\"function_call_output\",\"call_id\":\"c0\",\"output\":" + TestProxies.quoted(LOG)
                + "}]}";
        HttpResponse<byte[]> rr = send(post(proxy, "/v1/responses", responses));
        assertThat(TestProxies.JSON.readTree(rr.body()).path("id").asText()).isEqualTo("resp_2");
        assertThat(up.take().text()).contains("\"type\":\"function\",\"name\":\"headroom_retrieve\"");
        JsonNode input = TestProxies.JSON.readTree(up.take().body()).path("input");
        assertThat(input.get(input.size() - 1).path("type").asText()).isEqualTo("function_call_output");
        assertThat(input.get(input.size() - 1).path("output").asText()).isEqualTo(LOG);
    }

    @Test
    void responsesStreamingRetrieveContinuesInTheSameClientStream() throws Exception {
        up.then((req, ex) -> FakeUpstream.sse(Map.of(), Streams.cut(Streams.responsesRetrieve("resp_1", "call_r",
                keyIn(req)), 45)).respond(req, ex));
        up.then(FakeUpstream.sse(Map.of(), Streams.cut(Streams.responsesText("resp_2", "Port 5432."), 45)));
        String req = "{\"model\":\"gpt-5\",\"stream\":true,\"instructions\":\"Fix.\",\"input\":[{\"role\":"
                + "\"user\",\"content\":\"why?\"},{\"type\":\"function_call_output\",\"call_id\":\"c0\",\"output\":"
                + TestProxies.quoted(LOG) + "}]}";
        HttpResponse<byte[]> r = send(post(proxy, "/v1/responses", req));
        assertThat(r.statusCode()).isEqualTo(200);
        String out = text(r);
        assertThat(out).doesNotContain("headroom_retrieve").doesNotContain("\"id\":\"resp_2\",\"object\":\"response\","
                + "\"status\":\"in_progress\"");
        List<SseEvents.Event> events = new SseEvents().feed(r.body(), 0, r.body().length);
        assertThat(events).extracting(SseEvents.Event::name).containsExactly("response.created",
                "response.output_item.added", "response.output_text.delta", "response.output_item.done",
                "response.completed");
        for (int i = 0; i < events.size(); i++) {
            assertThat(TestProxies.JSON.readTree(events.get(i).data()).path("sequence_number").asInt()).isEqualTo(i);
        }
        JsonNode completed = TestProxies.JSON.readTree(events.get(4).data()).path("response");
        assertThat(completed.path("output")).hasSize(1);
        assertThat(completed.path("output").get(0).path("content").get(0).path("text").asText()).isEqualTo("Port 5432.");
        assertThat(up.take().text()).contains("\"name\":\"headroom_retrieve\"");
        JsonNode input = TestProxies.JSON.readTree(up.take().body()).path("input");
        assertThat(input.get(input.size() - 2).path("type").asText()).isEqualTo("function_call");
        assertThat(input.get(input.size() - 1).path("call_id").asText()).isEqualTo("call_r");
        assertThat(input.get(input.size() - 1).path("output").asText()).isEqualTo(LOG);
    }
}
