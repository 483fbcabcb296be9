package io.headroom4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

final class RetrievalFilterTest {

    @Test
    void blankQueryReturnsTheOriginalItself() {
        String original = "a\r\nb\n";
        assertThat(RetrievalFilter.filter(original, null)).isSameAs(original);
        assertThat(RetrievalFilter.filter(original, "  \t")).isSameAs(original);
        assertThat(RetrievalFilter.filter(original, "!!! ???")).isSameAs(original);
    }

    @Test
    void returnsMatchingLinesInOriginalOrderWithTheirNumbers() {
        String log = String.join("\r\n",
                "2026-01-15 10:00:01 INFO  pool started size=10",
                "2026-01-15 10:00:02 INFO  GET /api/orders 200 12ms",
                "2026-01-15 10:00:03 WARN  pool exhausted, waiting for connection",
                "2026-01-15 10:00:04 INFO  GET /api/orders 200 15ms",
                "2026-01-15 10:00:05 ERROR SQLTransientConnectionException: Connection is not available,"
                        + " request timed out after 30000ms",
                "");
        String out = RetrievalFilter.filter(log, "connection timed out");
        assertThat(out).isEqualTo("[2 of 5 lines match \"connection timed out\"; in original order,"
                + " line 1 = the first line of this stored text]\n"
                + "3:2026-01-15 10:00:03 WARN  pool exhausted, waiting for connection\n"
                + "5:2026-01-15 10:00:05 ERROR SQLTransientConnectionException: Connection is not available,"
                + " request timed out after 30000ms");
    }

    @Test
    void splitsCamelCaseSoExceptionNamesMatchWords() {
        String out = RetrievalFilter.filter("x\nat com.acme.PaymentGatewayTimeoutException\ny", "timeout");
        assertThat(out).endsWith("\n2:at com.acme.PaymentGatewayTimeoutException");
    }

    @Test
    void keepsOnlyTheBestLinesWhenManyMatchAndSaysSo() {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            lines.add(i == 250 ? "request 250 failed: timeout timeout timeout"
                    : "request " + i + " ok after timeout check");
        }
        String out = RetrievalFilter.filter(String.join("\n", lines), "timeout failed");
        String[] rows = out.split("\n");
        assertThat(rows[0]).isEqualTo("[500 of 500 lines match \"timeout failed\"; showing the best 100 by BM25;"
                + " in original order, line 1 = the first line of this stored text]");
        assertThat(rows).hasSize(1 + RetrievalFilter.MAX_LINES);
        assertThat(out).contains("\n250:request 250 failed: timeout timeout timeout");
        int previous = 0;
        for (int i = 1; i < rows.length; i++) {
            int n = Integer.parseInt(rows[i].substring(0, rows[i].indexOf(':')));
            assertThat(n).isGreaterThan(previous);
            assertThat(rows[i].substring(rows[i].indexOf(':') + 1)).isEqualTo(lines.get(n - 1));
            previous = n;
        }
    }

    @Test
    void saysWhenNothingMatches() {
        assertThat(RetrievalFilter.filter("alpha\nbeta", "gamma"))
                .isEqualTo("[0 of 2 lines match \"gamma\"; retrieve without a query for the whole original]");
    }

    @Test
    void jsonArrayYieldsMatchingItemsVerbatimAsAJsonArray() throws Exception {
        String json = "[\n  {\"id\": 1, \"status\": \"ok\", \"msg\": \"fine\"},\n"
                + "  {\"id\": 2, \"status\": \"error\", \"msg\": \"disk  full\"},\n"
                + "  \"a plain string mentioning error\",\n"
                + "  42,\n"
                + "  {\"id\": 3, \"nested\": {\"deep\": [\"error\", null]}}\n]\n";
        String out = RetrievalFilter.filter(json, "error");
        String header = out.substring(0, out.indexOf('\n'));
        assertThat(header).isEqualTo("[3 of 5 items match \"error\"; in original order, indexes 1, 2, 4]");
        JsonNode items = new ObjectMapper().readTree(out.substring(out.indexOf('\n') + 1));
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("id").asInt()).isEqualTo(2);
        assertThat(items.get(1).asText()).isEqualTo("a plain string mentioning error");
        assertThat(items.get(2).get("id").asInt()).isEqualTo(3);
        assertThat(out).contains("{\"id\": 2, \"status\": \"error\", \"msg\": \"disk  full\"}");
    }

    @Test
    void objectWithAnArraySearchesTheLargestArraysItems() throws Exception {
        String json = "{\"page\": {\"total\": 3}, \"tags\": [\"a\", \"b\"],\n \"data\": [\n"
                + "  {\"id\": 1, \"status\": \"PAID\"},\n"
                + "  {\"id\": 2, \"status\": \"PAYMENT_FAILED\", \"reason\": \"acquirer timeout\"},\n"
                + "  {\"id\": 3, \"status\": \"SHIPPED\"}\n ]}";
        String out = RetrievalFilter.filter(json, "payment failed");
        assertThat(out.substring(0, out.indexOf('\n')))
                .isEqualTo("[1 of 3 items of /data match \"payment failed\"; in original order, indexes 1]");
        JsonNode items = new ObjectMapper().readTree(out.substring(out.indexOf('\n') + 1));
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("reason").asText()).isEqualTo("acquirer timeout");
    }

    @Test
    void objectWithoutArraysIsSearchedAsLines() {
        String json = "{\n  \"status\": \"error\",\n  \"message\": \"disk full\"\n}";
        assertThat(RetrievalFilter.filter(json, "disk")).endsWith("\n3:  \"message\": \"disk full\"");
    }

    @Test
    void malformedJsonArrayIsSearchedAsLines() {
        String notJson = "[1, 2,\nerror here\n";
        assertThat(RetrievalFilter.jsonArrayItemSpans(notJson)).isNull();
        assertThat(RetrievalFilter.filter(notJson, "error")).endsWith("\n2:error here");
        assertThat(RetrievalFilter.jsonArrayItemSpans("[1] trailing")).isNull();
        assertThat(RetrievalFilter.jsonArrayItemSpans(" [ ] ")).isEmpty();
    }

    @Test
    void jsonItemSpansCoverStringsWithEscapes() {
        String json = "[\"a \\\"quoted\\\" \\u00e9 \uD83D\uDE00\", {\"k\": \"]\"}, -1.5e3, true]";
        int[] spans = RetrievalFilter.jsonArrayItemSpans(json);
        assertThat(spans).isNotNull();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < spans.length; i += 2) {
            items.add(json.substring(spans[i], spans[i + 1]));
        }
        assertThat(items).containsExactly("\"a \\\"quoted\\\" \\u00e9 \uD83D\uDE00\"", "{\"k\": \"]\"}", "-1.5e3",
                "true");
    }
}
