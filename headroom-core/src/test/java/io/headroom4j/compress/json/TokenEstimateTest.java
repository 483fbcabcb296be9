package io.headroom4j.compress.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token estimate behind the 30% savings bar: the same counts as the first (String.charAt) version, so no
 * decision moved when it was made faster; and on every fixture the true o200k ratio of the table to its input
 * lies within the margins the compressor allows the estimate ({@link JsonTableCompressor#ESTIMATE_LOW},
 * {@link JsonTableCompressor#ESTIMATE_HIGH}); and the probe of the leading items does not overstate the
 * whole document's ratio by more than {@link JsonTableCompressor#PROBE_MARGIN}.
 */
final class TokenEstimateTest {

    private static final String[] FIXTURES = {"app-logs-1000.jsonl", "github-issues-100.json",
        "github-search-issues-50.json", "kubectl-pods-60.json", "npm-search-100.json", "search-results-200.json",
        "sqlite-orders-1000.json"};

    @Test
    void countsAsTheFirstVersionDidOnFixturesTablesAndRandomText() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String f : FIXTURES) {
            String text = JsonTableCompressorTest.fixture(f);
            texts.add(text);
            texts.add(JsonTables.encode(text));
        }
        Random r = new Random(7);
        String alphabet = "aZ9 \n\t,.:{}\"'-_/\\éÉ日本\u00a0\u2028😀Ab12345678901234567890";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(200); k > 0; k--) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            texts.add(sb.toString());
        }
        for (String t : texts) {
            assertThat(TokenEstimate.of(t)).as(t.length() > 60 ? t.substring(0, 60) : t).isEqualTo(reference(t));
            int cut = t.length() / 3;
            assertThat(TokenEstimate.of(t, cut)).isEqualTo(reference(t.substring(0, cut)));
        }
    }

    @Test
    void trueTokenRatioOfEveryFixtureTableLiesWithinTheEstimateMargins() throws IOException {
        TokenCounter o200k = TokenCounters.o200k();
        ObjectMapper mapper = new ObjectMapper();
        for (String f : FIXTURES) {
            String compact = JsonTableCompressorTest.fixture(f);
            List<String> inputs = new ArrayList<>(List.of(compact));
            if (!f.endsWith(".jsonl")) {
                inputs.add(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(compact)));
            }
            for (String in : inputs) {
                String out = JsonTables.encode(in);
                double estimate = (double) TokenEstimate.of(out) / TokenEstimate.of(in);
                double exact = (double) o200k.count(out) / o200k.count(in);
                assertThat(exact).as(f).isBetween(estimate * JsonTableCompressor.ESTIMATE_LOW,
                        estimate * JsonTableCompressor.ESTIMATE_HIGH);
            }
        }
    }

    @Test
    void probeOfTheLeadingItemsDoesNotOverstateTheWholeDocumentsRatio() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        for (String f : FIXTURES) {
            String compact = JsonTableCompressorTest.fixture(f);
            List<String> inputs = new ArrayList<>(List.of(compact));
            if (!f.endsWith(".jsonl")) {
                inputs.add(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(mapper.readTree(compact)));
            }
            for (String in : inputs) {
                JsonReader.Head head = JsonReader.readHead(in, JsonTableCompressor.PROBE_CHARS);
                if (head == null) {
                    continue;   // not a root array or JSON lines: never probed
                }
                double whole = (double) TokenEstimate.of(JsonTables.encode(in)) / TokenEstimate.of(in);
                assertThat(JsonTableCompressor.probeRatio(in, head)).as(f)
                        .isLessThanOrEqualTo(whole * JsonTableCompressor.PROBE_MARGIN);
            }
        }
    }

    /** The estimator as first written (String.charAt in every loop), kept as the reference. */
    private static long reference(String s) {
        int n = s.length();
        long tokens = 0;
        int i = 0;
        while (i < n) {
            int k = kind(s.charAt(i));
            if (k == 1 || k == 2) {
                int start = i;
                while (i < n && kind(s.charAt(i)) == 1) {
                    i++;
                }
                while (i < n && kind(s.charAt(i)) == 2) {
                    i++;
                }
                int len = i - start;
                tokens += 1 + (len > 8 ? (len - 8 + 5) / 6 : 0);
            } else if (k == 3) {
                int start = i;
                while (i < n && kind(s.charAt(i)) == 3) {
                    i++;
                }
                tokens += (i - start + 2) / 3;
            } else if (k == 4) {
                int start = i;
                while (i < n && kind(s.charAt(i)) == 4) {
                    i++;
                }
                boolean leadsWord = i < n && s.charAt(i - 1) == ' ' && (kind(s.charAt(i)) == 1 || kind(s.charAt(i)) == 2);
                if (!(leadsWord && i - start == 1)) {
                    tokens++;
                }
            } else {
                int start = i;
                while (i < n && kind(s.charAt(i)) == 0) {
                    i++;
                }
                int len = i - start;
                if (i < n && (kind(s.charAt(i)) == 1 || kind(s.charAt(i)) == 2)) {
                    len--;
                }
                if (len > 0) {
                    tokens += 1 + (len > 3 ? (len - 1) / 3 : 0);
                }
            }
        }
        return tokens;
    }

    private static int kind(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? 1 : c >= 'a' && c <= 'z' ? 2 : c >= '0' && c <= '9' ? 3
                    : c == ' ' || c == '\n' || c == '\t' || c == '\r' ? 4 : 0;
        }
        if (Character.isLetter(c)) {
            return Character.isUpperCase(c) ? 1 : 2;
        }
        return Character.isDigit(c) ? 3 : Character.isWhitespace(c) ? 4 : 0;
    }
}
