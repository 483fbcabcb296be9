package io.headroom4j.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.headroom4j.message.RetrieveTool;

/**
 * Relays a streamed response in which the model may call {@code headroom_retrieve}, event by event.
 *
 * <p>Events reach the client as soon as they are complete, except those of a retrieve call, which are
 * held back. When a round ends with retrieve calls only, the relay swallows that round's closing events and
 * returns the messages that continue the conversation (the model's turn plus the retrieved content); the
 * proxy sends them upstream and relays the next round into the same client stream, numbered on from where
 * the client's view left off. When the model called the client's own tools too, its retrieve calls are
 * dropped and the client's calls pass through (re-numbered only if a retrieve call came before them): the
 * client cannot answer a tool it never defined, and the proxy cannot continue without the client's
 * results. Not thread-safe: one instance per client request.
 */
abstract class StreamRelay {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Where client bytes go; each write is flushed at once. */
    interface Sink {
        void write(byte[] bytes) throws IOException;
    }

    /** Answers one retrieve call: returns the text for the model and counts it. */
    interface Answerer {
        RetrieveTool.Answer answer(RetrieveTool.Call call);
    }

    final Sink out;
    final Answerer answerer;
    int round;
    ProxyStats.Usage usage;

    StreamRelay(Sink out, Answerer answerer) {
        this.out = out;
        this.answerer = answerer;
    }

    /**
     * Relays one upstream round.
     *
     * @param in          the upstream body
     * @param mayContinue false on the last allowed round: retrieve calls then go to the client as they are
     * @return the JSON texts to append to the request's conversation for the next round, or null when the
     *         response is complete
     * @throws IOException when the upstream or the client connection fails
     */
    final List<String> relay(InputStream in, boolean mayContinue) throws IOException {
        SseEvents sse = new SseEvents();
        startRound();
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (SseEvents.Event e : sse.feed(buf, 0, n)) {
                onEvent(e);
            }
        }
        byte[] rest = sse.remainder();
        if (rest.length > 0) {
            out.write(rest);
        }
        List<String> next = endRound(mayContinue);
        round++;
        return next;
    }

    /** The array of the request the continuation messages are appended to. */
    abstract String conversationField();

    /** Writes an error to the client stream after a continuation request failed upstream. */
    abstract void writeError(int status, byte[] upstreamBody) throws IOException;

    abstract void startRound();

    abstract void onEvent(SseEvents.Event e) throws IOException;

    abstract List<String> endRound(boolean mayContinue) throws IOException;

    static JsonNode parse(String data) {
        if (data == null || data.isEmpty() || data.charAt(0) != '{') {
            return null;
        }
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            return null;
        }
    }

    static byte[] event(String name, JsonNode data) {
        String text = (name == null ? "" : "event: " + name + "\n") + "data: " + data.toString() + "\n\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The Anthropic user message answering {@code calls} (retrieve {@code tool_use} blocks): one
     * {@code tool_result} per call, {@code is_error} when the key is unknown. Streamed and buffered rounds share it.
     */
    static String anthropicResults(Iterable<? extends JsonNode> calls, Answerer answerer) {
        ObjectNode user = JSON.createObjectNode();
        user.put("role", "user");
        ArrayNode results = user.putArray("content");
        for (JsonNode call : calls) {
            RetrieveTool.Answer a = answerer.answer(RetrieveTool.parseCall(call.path("input")));
            ObjectNode r = results.addObject();
            r.put("type", "tool_result");
            r.put("tool_use_id", call.path("id").asText());
            r.put("content", a.text());
            if (!a.found()) {
                r.put("is_error", true);
            }
        }
        return user.toString();
    }

    /** The OpenAI Chat {@code tool} message answering one retrieve call. */
    static String openAiToolMessage(String callId, JsonNode arguments, Answerer answerer) {
        RetrieveTool.Answer a = answerer.answer(RetrieveTool.parseCall(arguments));
        ObjectNode tool = JSON.createObjectNode();
        tool.put("role", "tool");
        tool.put("tool_call_id", callId);
        tool.put("content", a.text());
        return tool.toString();
    }

    /** The Responses {@code function_call_output} item answering one retrieve call. */
    static String responsesOutput(String callId, JsonNode arguments, Answerer answerer) {
        RetrieveTool.Answer a = answerer.answer(RetrieveTool.parseCall(arguments));
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "function_call_output");
        o.put("call_id", callId);
        o.put("output", a.text());
        return o.toString();
    }

    /** The Anthropic Messages stream. */
    static final class Anthropic extends StreamRelay {
        private static final String MESSAGE_START = "{\"type\":\"message_start\"";
        private final Map<Integer, Integer> clientIndex = new HashMap<>();
        private final Map<Integer, ObjectNode> blocks = new LinkedHashMap<>();
        private final Map<Integer, StringBuilder> partialJson = new HashMap<>();
        /*
         * Text and thinking deltas of each block, joined when the block stops: re-setting the block's whole text
         * on each delta copied it every time, quadratic in a long answer (16,000 deltas: 184 ms of CPU).
         */
        private final Map<Integer, StringBuilder> texts = new HashMap<>();
        private final Map<Integer, StringBuilder> thinkings = new HashMap<>();
        private final List<Integer> retrieveBlocks = new ArrayList<>();
        private final List<SseEvents.Event> held = new ArrayList<>();
        private final List<SseEvents.Event> tail = new ArrayList<>();
        private boolean clientToolSeen;
        private int nextClientIndex;

        Anthropic(Sink out, Answerer answerer) {
            super(out, answerer);
        }

        @Override
        String conversationField() {
            return "messages";
        }

        @Override
        void startRound() {
            clientIndex.clear();
            blocks.clear();
            partialJson.clear();
            texts.clear();
            thinkings.clear();
            retrieveBlocks.clear();
            held.clear();
            tail.clear();
            clientToolSeen = false;
        }

        @Override
        void onEvent(SseEvents.Event e) throws IOException {
            if (round == 0 && "message_start".equals(e.name()) && e.data() != null
                    && e.data().startsWith(MESSAGE_START)) {
                // The stream's first event, which the client's time to first byte waits for: relayed before its
                // usage is parsed (that parse is cold, tens of microseconds, on every new stream).
                out.write(e.raw());
                JsonNode data = parse(e.data());
                if (data != null) {
                    usage = Usages.of(data.path("message").path("usage"), usage);
                }
                return;
            }
            JsonNode data = parse(e.data());
            if (data == null) {
                out.write(e.raw());
                return;
            }
            String type = data.path("type").asText("");
            int index = data.path("index").asInt(-1);
            switch (type) {
                case "message_start" -> {
                    usage = Usages.of(data.path("message").path("usage"), usage);
                    if (round == 0) {
                        out.write(e.raw());
                    }
                }
                case "content_block_start" -> {
                    JsonNode block = data.path("content_block");
                    blocks.put(index, block.isObject() ? ((ObjectNode) block).deepCopy() : JSON.createObjectNode());
                    boolean isRetrieve = "tool_use".equals(block.path("type").asText())
                            && RetrieveTool.NAME.equals(block.path("name").asText());
                    if (isRetrieve) {
                        retrieveBlocks.add(index);
                        held.add(e);
                    } else {
                        if ("tool_use".equals(block.path("type").asText())) {
                            clientToolSeen = true;
                        }
                        clientIndex.put(index, nextClientIndex++);
                        forward(e, data, index);
                    }
                }
                case "content_block_delta" -> {
                    applyDelta(index, data.path("delta"));
                    if (retrieveBlocks.contains(index)) {
                        held.add(e);
                    } else {
                        forward(e, data, index);
                    }
                }
                case "content_block_stop" -> {
                    finishBlock(index);
                    if (retrieveBlocks.contains(index)) {
                        held.add(e);
                    } else {
                        forward(e, data, index);
                    }
                }
                case "message_delta" -> {
                    usage = Usages.of(data.path("usage"), usage);
                    if (!retrieveBlocks.isEmpty() && !clientToolSeen) {
                        tail.add(e);
                    } else {
                        out.write(e.raw());
                    }
                }
                case "message_stop" -> {
                    if (!tail.isEmpty()) {
                        tail.add(e);
                    } else {
                        out.write(e.raw());
                    }
                }
                default -> out.write(e.raw());
            }
        }

        private void forward(SseEvents.Event e, JsonNode data, int index) throws IOException {
            Integer ci = clientIndex.get(index);
            if (ci == null || ci == index) {
                out.write(e.raw());
            } else {
                ObjectNode copy = ((ObjectNode) data).deepCopy();
                copy.put("index", ci);
                out.write(event(e.name(), copy));
            }
        }

        private void applyDelta(int index, JsonNode delta) {
            ObjectNode block = blocks.get(index);
            if (block == null) {
                return;
            }
            switch (delta.path("type").asText("")) {
                case "text_delta" -> texts.computeIfAbsent(index, k -> new StringBuilder(block.path("text").asText("")))
                        .append(delta.path("text").asText(""));
                case "thinking_delta" -> thinkings.computeIfAbsent(index,
                        k -> new StringBuilder(block.path("thinking").asText(""))).append(delta.path("thinking")
                        .asText(""));
                case "signature_delta" -> block.put("signature", delta.path("signature").asText(""));
                case "input_json_delta" -> partialJson.computeIfAbsent(index, k -> new StringBuilder())
                        .append(delta.path("partial_json").asText(""));
                case "citations_delta" -> {
                    JsonNode c = block.get("citations");
                    ArrayNode arr = c instanceof ArrayNode a ? a : block.putArray("citations");
                    arr.add(delta.path("citation"));
                }
                default -> {
                }
            }
        }

        /** Puts the text and thinking joined so far into block {@code index}. */
        private void joinDeltas(int index) {
            ObjectNode block = blocks.get(index);
            StringBuilder text = texts.remove(index);
            StringBuilder thinking = thinkings.remove(index);
            if (block != null && text != null) {
                block.put("text", text.toString());
            }
            if (block != null && thinking != null) {
                block.put("thinking", thinking.toString());
            }
        }

        private void finishBlock(int index) {
            joinDeltas(index);
            ObjectNode block = blocks.get(index);
            StringBuilder json = partialJson.get(index);
            if (block != null && json != null && !json.isEmpty()) {
                try {
                    block.set("input", JSON.readTree(json.toString()));
                } catch (IOException ex) {
                    block.putObject("input");
                }
            }
        }

        @Override
        List<String> endRound(boolean mayContinue) throws IOException {
            if (retrieveBlocks.isEmpty() || clientToolSeen || tail.isEmpty()) {
                return null;
            }
            if (!mayContinue) {
                // Out of rounds: hand the retrieve calls to the client after all, numbered on.
                Map<Integer, Integer> late = new HashMap<>();
                for (SseEvents.Event e : held) {
                    JsonNode data = parse(e.data());
                    int idx = data.path("index").asInt();
                    int ci = late.computeIfAbsent(idx, k -> nextClientIndex++);
                    ObjectNode copy = ((ObjectNode) data).deepCopy();
                    copy.put("index", ci);
                    out.write(event(e.name(), copy));
                }
                for (SseEvents.Event e : tail) {
                    out.write(e.raw());
                }
                return null;
            }
            // A block the upstream never stopped still goes back with what it streamed.
            List.copyOf(texts.keySet()).forEach(this::joinDeltas);
            List.copyOf(thinkings.keySet()).forEach(this::joinDeltas);
            ObjectNode assistant = JSON.createObjectNode();
            assistant.put("role", "assistant");
            ArrayNode content = assistant.putArray("content");
            blocks.values().forEach(content::add);
            List<ObjectNode> calls = new ArrayList<>();
            for (int idx : retrieveBlocks) {
                calls.add(blocks.get(idx));
            }
            return List.of(assistant.toString(), anthropicResults(calls, answerer));
        }

        @Override
        void writeError(int status, byte[] upstreamBody) throws IOException {
            JsonNode body = parseBytes(upstreamBody);
            if (body == null || !body.has("error")) {
                ObjectNode wrap = JSON.createObjectNode();
                wrap.put("type", "error");
                ObjectNode err = wrap.putObject("error");
                err.put("type", status == 429 ? "rate_limit_error" : status == 529 ? "overloaded_error" : "api_error");
                err.put("message", "headroom: continuing after headroom_retrieve failed upstream with HTTP " + status
                        + ": " + new String(upstreamBody, StandardCharsets.UTF_8));
                body = wrap;
            }
            out.write(event("error", body));
        }
    }

    /** The OpenAI Chat Completions stream. */
    static final class OpenAiChat extends StreamRelay {
        private final Map<Integer, Integer> clientIndex = new HashMap<>();
        private final Map<Integer, ObjectNode> retrieveCalls = new LinkedHashMap<>();
        private final StringBuilder text = new StringBuilder();
        private final List<SseEvents.Event> tail = new ArrayList<>();
        private boolean clientToolSeen;
        private boolean finished;
        private int nextClientIndex;
        private String firstId;

        OpenAiChat(Sink out, Answerer answerer) {
            super(out, answerer);
        }

        @Override
        String conversationField() {
            return "messages";
        }

        @Override
        void startRound() {
            clientIndex.clear();
            retrieveCalls.clear();
            text.setLength(0);
            tail.clear();
            clientToolSeen = false;
            finished = false;
            nextClientIndex = 0;
        }

        @Override
        void onEvent(SseEvents.Event e) throws IOException {
            if (finished && !tail.isEmpty()) {
                // After a retrieve-only finish: the usage chunk and [DONE] of this round are held too.
                JsonNode data = parse(e.data());
                if (data != null) {
                    usage = Usages.of(data.path("usage"), usage);
                }
                tail.add(e);
                return;
            }
            JsonNode data = parse(e.data());
            if (data == null) {
                out.write(e.raw());
                return;
            }
            if (data.has("usage") && !data.path("usage").isNull()) {
                usage = Usages.of(data.path("usage"), usage);
            }
            if (firstId == null) {
                firstId = data.path("id").asText(null);
            }
            boolean changed = false;
            ObjectNode copy = ((ObjectNode) data).deepCopy();
            if (round > 0 && firstId != null && !firstId.equals(copy.path("id").asText(null))) {
                copy.put("id", firstId);
                changed = true;
            }
            JsonNode choice = copy.path("choices").path(0);
            boolean retrieveOnlyFinish = false;
            if (choice.isObject()) {
                JsonNode delta = choice.path("delta");
                if (delta.path("content").isTextual()) {
                    text.append(delta.path("content").asText());
                }
                JsonNode calls = delta.path("tool_calls");
                if (calls.isArray() && !calls.isEmpty()) {
                    ArrayNode kept = JSON.createArrayNode();
                    for (JsonNode c : calls) {
                        int idx = c.path("index").asInt();
                        String name = c.path("function").path("name").asText(null);
                        if (retrieveCalls.containsKey(idx)) {
                            ObjectNode acc = retrieveCalls.get(idx);
                            acc.put("arguments", acc.path("arguments").asText("")
                                    + c.path("function").path("arguments").asText(""));
                            changed = true;
                        } else if (!clientIndex.containsKey(idx) && RetrieveTool.NAME.equals(name)) {
                            ObjectNode acc = JSON.createObjectNode();
                            acc.put("id", c.path("id").asText(""));
                            acc.put("arguments", c.path("function").path("arguments").asText(""));
                            retrieveCalls.put(idx, acc);
                            changed = true;
                        } else {
                            clientToolSeen = true;
                            int ci = clientIndex.computeIfAbsent(idx, k -> nextClientIndex++);
                            ObjectNode cc = ((ObjectNode) c).deepCopy();
                            if (ci != idx) {
                                cc.put("index", ci);
                                changed = true;
                            }
                            kept.add(cc);
                        }
                    }
                    if (kept.size() != calls.size() || changed) {
                        changed = true;
                        if (kept.isEmpty()) {
                            ((ObjectNode) delta).remove("tool_calls");
                        } else {
                            ((ObjectNode) delta).set("tool_calls", kept);
                        }
                    }
                }
                String finish = choice.path("finish_reason").asText(null);
                if (finish != null && !retrieveCalls.isEmpty() && !clientToolSeen) {
                    retrieveOnlyFinish = true;
                }
                if (changed && delta.isObject() && delta.isEmpty() && !choice.hasNonNull("finish_reason")) {
                    return;   // the chunk carried nothing but a retrieve call
                }
            }
            if (retrieveOnlyFinish) {
                finished = true;
                tail.add(new SseEvents.Event(changed ? event(e.name(), copy) : e.raw(), e.name(), e.data()));
                return;
            }
            out.write(changed ? event(e.name(), copy) : e.raw());
        }

        @Override
        List<String> endRound(boolean mayContinue) throws IOException {
            if (tail.isEmpty()) {
                return null;
            }
            if (!mayContinue) {
                for (Map.Entry<Integer, ObjectNode> c : retrieveCalls.entrySet()) {
                    ObjectNode chunk = JSON.createObjectNode();
                    chunk.put("id", firstId);
                    chunk.put("object", "chat.completion.chunk");
                    ObjectNode ch = chunk.putArray("choices").addObject();
                    ch.put("index", 0);
                    ObjectNode call = ch.putObject("delta").putArray("tool_calls").addObject();
                    call.put("index", nextClientIndex++);
                    call.put("id", c.getValue().path("id").asText());
                    call.put("type", "function");
                    call.putObject("function").put("name", RetrieveTool.NAME)
                            .put("arguments", c.getValue().path("arguments").asText());
                    ch.putNull("finish_reason");
                    out.write(event(null, chunk));
                }
                for (SseEvents.Event e : tail) {
                    out.write(e.raw());
                }
                return null;
            }
            ObjectNode assistant = JSON.createObjectNode();
            assistant.put("role", "assistant");
            if (text.isEmpty()) {
                assistant.putNull("content");
            } else {
                assistant.put("content", text.toString());
            }
            ArrayNode calls = assistant.putArray("tool_calls");
            List<String> messages = new ArrayList<>();
            List<String> answers = new ArrayList<>();
            for (ObjectNode c : retrieveCalls.values()) {
                ObjectNode call = calls.addObject();
                call.put("id", c.path("id").asText());
                call.put("type", "function");
                call.putObject("function").put("name", RetrieveTool.NAME).put("arguments", c.path("arguments").asText());
                answers.add(openAiToolMessage(c.path("id").asText(), c.path("arguments"), answerer));
            }
            messages.add(assistant.toString());
            messages.addAll(answers);
            return messages;
        }

        @Override
        void writeError(int status, byte[] upstreamBody) throws IOException {
            JsonNode body = parseBytes(upstreamBody);
            if (body == null || !body.has("error")) {
                ObjectNode wrap = JSON.createObjectNode();
                ObjectNode err = wrap.putObject("error");
                err.put("message", "headroom: continuing after headroom_retrieve failed upstream with HTTP " + status
                        + ": " + new String(upstreamBody, StandardCharsets.UTF_8));
                err.put("type", "upstream_error");
                err.put("code", status);
                body = wrap;
            }
            out.write(event(null, body));
        }
    }

    /**
     * The OpenAI Responses stream. Items are numbered by {@code output_index}; in a continued response the
     * relay renumbers them on, renumbers {@code sequence_number} across rounds, drops the next round's
     * {@code response.created}/{@code in_progress}, and makes the final {@code response.completed} list every
     * item the client saw, from all rounds.
     */
    static final class Responses extends StreamRelay {
        private final Map<Integer, Integer> clientIndex = new HashMap<>();
        private final Map<Integer, ObjectNode> retrieveItems = new LinkedHashMap<>();
        private final List<JsonNode> visible = new ArrayList<>();
        private final List<SseEvents.Event> tail = new ArrayList<>();
        private JsonNode roundOutput;
        private boolean clientToolSeen;
        private boolean rewrote;
        private int nextClientIndex;
        private long sequence;

        Responses(Sink out, Answerer answerer) {
            super(out, answerer);
        }

        @Override
        String conversationField() {
            return "input";
        }

        @Override
        void startRound() {
            clientIndex.clear();
            retrieveItems.clear();
            tail.clear();
            roundOutput = null;
            clientToolSeen = false;
        }

        private void forward(SseEvents.Event e, ObjectNode data, boolean changed) throws IOException {
            if (data.has("sequence_number") && data.path("sequence_number").asLong() != sequence) {
                data.put("sequence_number", sequence);
                changed = true;
            }
            sequence++;
            out.write(changed ? event(e.name(), data) : e.raw());
        }

        @Override
        void onEvent(SseEvents.Event e) throws IOException {
            JsonNode parsed = parse(e.data());
            if (parsed == null) {
                out.write(e.raw());
                return;
            }
            ObjectNode data = ((ObjectNode) parsed).deepCopy();
            String type = data.path("type").asText("");
            switch (type) {
                case "response.created", "response.in_progress", "response.queued" -> {
                    if (round == 0) {
                        forward(e, data, false);
                    }
                    return;
                }
                case "response.completed" -> {
                    usage = Usages.of(data.path("response").path("usage"), usage);
                    if (!retrieveItems.isEmpty() && !clientToolSeen) {
                        roundOutput = data.path("response").path("output");
                        tail.add(e);
                        return;
                    }
                    if (rewrote || !retrieveItems.isEmpty()) {
                        ArrayNode output = JSON.createArrayNode();
                        visible.forEach(output::add);
                        ((ObjectNode) data.path("response")).set("output", output);
                        forward(e, data, true);
                    } else {
                        forward(e, data, false);
                    }
                    return;
                }
                default -> {
                }
            }
            if (!data.has("output_index")) {
                forward(e, data, false);
                return;
            }
            int idx = data.path("output_index").asInt();
            if (type.equals("response.output_item.added")) {
                JsonNode item = data.path("item");
                boolean isCall = "function_call".equals(item.path("type").asText());
                if (isCall && RetrieveTool.NAME.equals(item.path("name").asText())) {
                    retrieveItems.put(idx, ((ObjectNode) item).deepCopy());
                    return;
                }
                clientToolSeen |= isCall;
                clientIndex.put(idx, nextClientIndex++);
            }
            if (retrieveItems.containsKey(idx)) {
                if (type.equals("response.output_item.done")) {
                    retrieveItems.put(idx, ((ObjectNode) data.path("item")).deepCopy());
                }
                return;
            }
            if (type.equals("response.output_item.done")) {
                visible.add(data.path("item"));
            }
            Integer ci = clientIndex.get(idx);
            boolean changed = false;
            if (ci != null && ci != idx) {
                data.put("output_index", ci);
                changed = true;
                rewrote = true;
            }
            forward(e, data, changed);
        }

        @Override
        List<String> endRound(boolean mayContinue) throws IOException {
            if (tail.isEmpty()) {
                return null;
            }
            if (!mayContinue) {
                for (SseEvents.Event e : tail) {
                    out.write(e.raw());
                }
                return null;
            }
            rewrote = true;
            List<String> append = new ArrayList<>();
            if (roundOutput != null && roundOutput.isArray()) {
                for (JsonNode item : roundOutput) {
                    append.add(item.toString());
                }
            }
            for (ObjectNode call : retrieveItems.values()) {
                append.add(responsesOutput(call.path("call_id").asText(), call.path("arguments"), answerer));
            }
            return append;
        }

        @Override
        void writeError(int status, byte[] upstreamBody) throws IOException {
            JsonNode body = parseBytes(upstreamBody);
            ObjectNode err = JSON.createObjectNode();
            err.put("type", "error");
            err.put("code", body != null ? body.path("error").path("code").asText(String.valueOf(status))
                    : String.valueOf(status));
            err.put("message", body != null ? body.path("error").path("message").asText("HTTP " + status)
                    : "headroom: continuing after headroom_retrieve failed upstream with HTTP " + status);
            err.put("sequence_number", sequence++);
            out.write(event("error", err));
        }
    }

    static JsonNode parseBytes(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
