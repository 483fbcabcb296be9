package io.headroom4j.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.headroom4j.CompressionResult;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.Mode;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Markers;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.route.ContentType;
import io.headroom4j.store.InMemoryCompressionStore;

final class MessageCompressorTest {

    /** Keeps the first line and offloads the rest: enough to see where the pipeline puts output. */
    private static final Compressor FIRST_LINE = (content, ctx) -> {
        if (!ctx.allowsLossy()) {
            return Compressed.unchanged(content, "test.first-line", "lossless mode");
        }
        String key = ctx.offload(content, "test.first-line");
        String first = content.substring(0, content.indexOf('\n'));
        long lines = content.lines().count();
        return Compressed.lossy(first + "\n" + Markers.omitted("lines 2-" + lines, key), "test.first-line",
                List.of(key), "kept line 1");
    };

    private static final Compressor BOOM = (content, ctx) -> {
        throw new IllegalStateException("boom");
    };

    private final InMemoryCompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 1 << 26);

    private MessageCompressor compressor(HeadroomConfig config, Compressor c) {
        ContentRouter router = ContentRouter.builder()
                .detector(content -> ContentType.LOG)
                .register(ContentType.LOG, c)
                .build();
        return new MessageCompressor(config, store, router);
    }

    private MessageCompressor compressor(Compressor c) {
        return compressor(HeadroomConfig.builder().mode(Mode.TOKEN).build(), c);
    }

    static String bigLog(String tag) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            sb.append("2024-05-01T10:00:").append(i % 60).append(" INFO ").append(tag).append(" request ").append(i)
                    .append(" served in ").append(i * 7 % 100).append("ms\n");
        }
        return sb.toString();
    }

    static String json(String s) {
        return new String(Json.stringLiteral(s), StandardCharsets.UTF_8);
    }

    @Test
    void copiesEveryByteOutsideTheCompressedToolResult() {
        String log = bigLog("api");
        // Odd spacing, key order, number literals and escapes that a re-serialisation would change.
        String before = "{ \"model\":\"gpt-4o\",  \"temperature\": 1.0e0, \"messages\": [\n"
                + "  {\"role\":\"system\",\"content\":\"Be brief \\u00e9 \\/ ok\"},\n"
                + "  {\"role\":\"user\",\"content\":\"why are requests slow?\"},\n"
                + "  {\"content\":null,\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"bash\",\"arguments\":\"{\\\"cmd\\\":\\\"tail\\\"}\"}}]},\n"
                + "  {\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":" + json(log) + "}\n"
                + "], \"max_tokens\" : 100 }";
        CompressionResult r = compressor(FIRST_LINE).compress(before.getBytes(StandardCharsets.UTF_8),
                RequestFormat.OPENAI_CHAT);

        assertThat(r.changed()).isTrue();
        assertThat(r.failedOpen()).isFalse();
        String after = r.bodyText();
        int start = before.indexOf(json(log));
        assertThat(after).startsWith(before.substring(0, start));
        assertThat(after).endsWith(before.substring(start + json(log).length()));
        assertThat(after).contains("lines 2-400 omitted; retrieve: ");
        assertThat(r.tokensAfter()).isLessThan(r.tokensBefore());
        assertThat(r.retrievalKeys()).hasSize(1);
        assertThat(store.get(r.retrievalKeys().get(0))).contains(log);
        assertThat(r.appliedTransforms()).containsExactly("test.first-line");
    }

    @Test
    void deferringCountsSendsTheSameBodyAndCountsTheSameLater() {
        String log = bigLog("deferred").repeat(2);   // ~40K chars never counted: more than is counted at once
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"why?\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":" + json(log) + "}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        CompressionResult exact = compressor(FIRST_LINE).compress(bytes, RequestFormat.OPENAI_CHAT);

        CompressionResult.Pending p = compressor(FIRST_LINE).compressDeferringCounts(bytes, RequestFormat.OPENAI_CHAT);

        assertThat(p.isCounted()).isFalse();
        assertThat(p.body()).isEqualTo(exact.body());
        assertThat(p.changed()).isTrue();
        assertThat(p.appliedTransforms()).isEqualTo(exact.appliedTransforms());
        assertThat(p.retrievalKeys()).isEqualTo(exact.retrievalKeys());
        CompressionResult later = p.result();
        assertThat(p.isCounted()).isTrue();
        assertThat(later.tokensBefore()).isEqualTo(exact.tokensBefore());
        assertThat(later.tokensAfter()).isEqualTo(exact.tokensAfter());
        assertThat(later.records()).isEqualTo(exact.records());
        assertThat(p.result()).isSameAs(later);
    }

    @Test
    void deferringCountsCountsAtOnceWhatIsShortOrCountedBefore() {
        MessageCompressor c = compressor(FIRST_LINE);
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"why?\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":" + json(bigLog("x").repeat(2)) + "}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] small = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(c.compressDeferringCounts(small, RequestFormat.OPENAI_CHAT).isCounted()).isTrue();
        c.compress(bytes, RequestFormat.OPENAI_CHAT);   // counts it once

        assertThat(c.compressDeferringCounts(bytes, RequestFormat.OPENAI_CHAT).isCounted()).isTrue();
    }

    @Test
    void leavesUserSystemAndAssistantTextAlone() {
        String log = bigLog("x");
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":" + json(log) + "},"
                + "{\"role\":\"user\",\"content\":" + json(log) + "},"
                + "{\"role\":\"assistant\",\"content\":" + json(log) + "}]}";
        CompressionResult r = compressor(FIRST_LINE).compress(body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(r.changed()).isFalse();
        assertThat(r.bodyText()).isEqualTo(body);
        assertThat(r.records()).extracting(rec -> rec.note())
                .containsExactly("protected: system message", "protected: user message", "protected: assistant message");
    }

    @Test
    void compressesUserTextWhenProtectionIsOff() {
        String log = bigLog("x");
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":" + json(log) + "}]}";
        HeadroomConfig config = HeadroomConfig.builder().mode(Mode.TOKEN).protectUserMessages(false).build();
        CompressionResult r = compressor(config, FIRST_LINE).compress(body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(r.changed()).isTrue();
    }

    @Test
    void neverTouchesExcludedToolsSmallResultsOrRetrievedContent() {
        String log = bigLog("x");
        String body = "{\"model\":\"claude-sonnet-4-5\",\"messages\":["
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"a\",\"name\":\"Read\",\"input\":{}},"
                + "{\"type\":\"tool_use\",\"id\":\"b\",\"name\":\"headroom_retrieve\",\"input\":{}},"
                + "{\"type\":\"tool_use\",\"id\":\"c\",\"name\":\"Bash\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"a\",\"content\":" + json(log) + "},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"b\",\"content\":" + json(log) + "},"
                + "{\"type\":\"tool_result\",\"tool_use_id\":\"c\",\"content\":\"ok\\nfine\"}]}]}";
        CompressionResult r = compressor(FIRST_LINE).compress(body.getBytes(StandardCharsets.UTF_8),
                RequestFormat.ANTHROPIC_MESSAGES);

        assertThat(r.changed()).isFalse();
        assertThat(r.records()).extracting(rec -> rec.note())
                .containsExactly("excluded tool Read", "retrieved content is never compressed again",
                        "under 200 tokens");
    }

    @Test
    void keepsEverythingUpToTheLastCacheControlBreakpoint() {
        String log1 = bigLog("one");
        String log2 = bigLog("two");
        String body = "{\"model\":\"claude-sonnet-4-5\",\"system\":\"s\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"go\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"a\",\"name\":\"Bash\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"a\",\"content\":" + json(log1)
                + ",\"cache_control\":{\"type\":\"ephemeral\"}}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"b\",\"name\":\"Bash\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"b\",\"content\":[{\"type\":\"text\",\"text\":"
                + json(log2) + "}]}]}]}";
        CompressionResult r = compressor(FIRST_LINE).compress(body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(r.changed()).isTrue();
        assertThat(r.bodyText()).contains(json(log1)).doesNotContain(json(log2));
        assertThat(r.records().get(1).note()).isEqualTo("protected: before the last cache_control breakpoint");
        assertThat(r.records().get(2).location()).isEqualTo("/messages/4/content/0/content/0/text");
    }

    @Test
    void compressesBeforeTheBreakpointOnlyWhenThatProtectionIsOff() {
        String log = bigLog("one");
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"a\","
                + "\"content\":" + json(log) + ",\"cache_control\":{\"type\":\"ephemeral\"}}]},"
                + "{\"role\":\"assistant\",\"content\":\"seen\"},{\"role\":\"user\",\"content\":\"next\"}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        assertThat(compressor(FIRST_LINE).compress(bytes, null).changed()).isFalse();
        HeadroomConfig off = HeadroomConfig.builder().mode(Mode.TOKEN).protectCachePrefix(false).build();
        CompressionResult r = compressor(off, FIRST_LINE).compress(bytes, null);
        assertThat(r.changed()).isTrue();
        assertThat(r.bodyTree().at("/messages/0/content/0/cache_control/type").asText()).isEqualTo("ephemeral");
    }

    @Test
    void compressesTheNewestToolResultEvenWhenItCarriesTheBreakpoint() {
        // Claude Code puts cache_control on its newest tool result: that content has never been cached.
        String log = bigLog("new");
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"run it\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"a\",\"name\":\"Bash\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"a\",\"content\":" + json(log)
                + ",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}";

        CompressionResult r = compressor(HeadroomConfig.defaults(), FIRST_LINE)
                .compress(body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(r.changed()).isTrue();
        assertThat(r.bodyTree().at("/messages/2/content/0/cache_control/type").asText()).isEqualTo("ephemeral");
        assertThat(r.bodyText()).endsWith(",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}");
    }

    @Test
    void compressesResponsesApiFunctionCallOutput() {
        String log = bigLog("r");
        String body = "{\"model\":\"gpt-5\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":\"check logs\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"x\",\"name\":\"shell\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"x\",\"output\":" + json(log) + "}]}";
        CompressionResult r = compressor(HeadroomConfig.defaults(), FIRST_LINE)
                .compress(body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(r.changed()).isTrue();
        assertThat(r.records().get(1).location()).isEqualTo("/input/2/output");
        assertThat(r.bodyText()).startsWith(body.substring(0, body.indexOf(json(log))));
    }

    @Test
    void cacheModeSendsEarlierTurnsWithTheBytesTheyHadBefore() {
        MessageCompressor mc = compressor(HeadroomConfig.defaults(), FIRST_LINE);
        String log1 = bigLog("one");
        String log2 = bigLog("two");
        String history = "{\"role\":\"user\",\"content\":\"look\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"1\",\"function\":{\"name\":\"sh\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"1\",\"content\":" + json(log1) + "}";
        String turn1 = "{\"model\":\"gpt-4o\",\"messages\":[" + history + "]}";
        String turn2 = "{\"model\":\"gpt-4o\",\"messages\":[" + history
                + ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"2\",\"function\":{\"name\":\"sh\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"2\",\"content\":" + json(log2) + "},"
                + "{\"role\":\"user\",\"content\":\"and now a different question\"}]}";

        String sent1 = mc.compress(turn1.getBytes(StandardCharsets.UTF_8), null).bodyText();
        String sent2 = mc.compress(turn2.getBytes(StandardCharsets.UTF_8), null).bodyText();

        String sentPrefix = sent1.substring(0, sent1.length() - 2);   // without the closing "]}"
        assertThat(sent2).startsWith(sentPrefix);
        assertThat(sent2).doesNotContain(json(log2));
    }

    @Test
    void cacheModeLeavesHistoryItNeverCompressedAlone() {
        MessageCompressor mc = compressor(HeadroomConfig.defaults(), FIRST_LINE);
        String log1 = bigLog("old");
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"look\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"1\",\"function\":{\"name\":\"sh\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"1\",\"content\":" + json(log1) + "},"
                + "{\"role\":\"assistant\",\"content\":\"done\"},{\"role\":\"user\",\"content\":\"thanks\"}]}";

        CompressionResult r = mc.compress(body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(r.changed()).isFalse();
        assertThat(r.records().get(1).note()).isEqualTo("cache mode: sent before the live zone");
    }

    @Test
    void failsOpenWithTheOriginalBytesWhenACompressorThrows() {
        String body = "{\"messages\":[{\"role\":\"tool\",\"content\":" + json(bigLog("x")) + "}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        CompressionResult r = compressor(BOOM).compress(bytes, null);

        assertThat(r.failedOpen()).isTrue();
        assertThat(r.body()).isSameAs(bytes);
        assertThat(r.error()).contains("boom");
        assertThat(r.records().get(0).note()).startsWith("failed open: java.lang.IllegalStateException: boom");
    }

    @Test
    void aFailingPieceDoesNotStopTheOthersFromShrinking() {
        Compressor picky = (content, ctx) -> content.contains("bad") ? BOOM.compress(content, ctx)
                : FIRST_LINE.compress(content, ctx);
        String body = "{\"messages\":[{\"role\":\"tool\",\"content\":" + json(bigLog("bad")) + "},"
                + "{\"role\":\"tool\",\"content\":" + json(bigLog("good")) + "}]}";

        CompressionResult r = compressor(picky).compress(body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(r.failedOpen()).isTrue();
        assertThat(r.changed()).isTrue();
        assertThat(r.bodyText()).contains(json(bigLog("bad"))).doesNotContain(json(bigLog("good")));
    }

    @Test
    void passesMalformedOrOddBodiesThrough() {
        for (String body : new String[] {"{\"messages\": [", "[1,2]", "null", "not json", "{}",
                                         "{\"messages\":\"oops\"}", "{\"messages\":[1,null,{\"role\":5}]}"}) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            CompressionResult r = compressor(FIRST_LINE).compress(bytes, null);
            assertThat(r.body()).as(body).isEqualTo(bytes);
            assertThat(r.failedOpen()).as(body).isFalse();
        }
    }

    @Test
    void losslessModeDropsNothing() {
        String body = "{\"messages\":[{\"role\":\"tool\",\"content\":" + json(bigLog("x")) + "}]}";
        HeadroomConfig config = HeadroomConfig.builder().mode(Mode.TOKEN).lossless(true).build();

        CompressionResult r = compressor(config, FIRST_LINE).compress(body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(r.changed()).isFalse();
        assertThat(r.records().get(0).note()).isEqualTo("lossless mode");
    }

    @Test
    void handlesNonAsciiAndEscapesAroundTheReplacedString() {
        String log = "héllo \"wörld\" \t😀\n" + bigLog("ü");
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"ça va? 😀\"},"
                + "{\"role\":\"tool\",\"content\":" + json(log) + ",\"name\":\"x\\u0041\"}]}";

        CompressionResult r = compressor(FIRST_LINE).compress(body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(r.bodyText()).startsWith("{\"messages\":[{\"role\":\"user\",\"content\":\"ça va? 😀\"},"
                + "{\"role\":\"tool\",\"content\":\"héllo \\\"wörld\\\" \\t😀\\n[lines 2-401 omitted; retrieve: ");
        assertThat(r.bodyText()).endsWith(",\"name\":\"x\\u0041\"}]}");
    }

    @Test
    void textWithFewerCharsThanTheMinimumButMoreTokensIsStillCompressed() {
        // 150 lines of rare CJK: 450 chars, 900 o200k tokens (each of these chars is 3 tokens).
        StringBuilder cjk = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            cjk.append("鱻麤\n");
        }
        String text = cjk.toString();
        int minTokens = text.length() + 50;
        HeadroomConfig config = HeadroomConfig.builder().mode(Mode.TOKEN).minTokens(minTokens).build();
        assertThat(io.headroom4j.token.TokenCounters.o200k().count(text)).isGreaterThanOrEqualTo(minTokens);
        String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"why\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":" + json(text) + "}]}";

        CompressionResult r = compressor(config, FIRST_LINE).compress(body.getBytes(StandardCharsets.UTF_8),
                RequestFormat.OPENAI_CHAT);

        assertThat(r.changed()).isTrue();
        assertThat(r.records()).extracting(rec -> rec.note()).noneMatch(n -> n.startsWith("under "));
    }
}
