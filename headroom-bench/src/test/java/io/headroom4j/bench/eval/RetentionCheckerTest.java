package io.headroom4j.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.headroom4j.compress.Markers;

final class RetentionCheckerTest {

    private static final String KEY = "0123456789abcdef01234567";

    @Test
    void countsFactsInTheOutputAsKept() {
        List<Fact> facts = List.of(Fact.of(Fact.Kind.ERROR, "ERROR boom"), new Fact(Fact.Kind.NUMBER, "42", "count"));
        Retention r = RetentionChecker.check(facts, "x\nERROR boom\ncount: 42\n", k -> Optional.empty(), List.of());
        assertThat(r.kept()).isEqualTo(2);
        assertThat(r.lost()).isZero();
    }

    @Test
    void countsFactsAsRecoverableOnlyWhenTheStoreGivesThemBack() {
        String original = "line 1\nERROR disk full on /var/lib/db\nline 3\n";
        String output = "line 1\n" + Markers.omitted("lines 2-3: 2 lines", KEY) + "\n";
        List<Fact> facts = List.of(Fact.of(Fact.Kind.ERROR, "ERROR disk full on /var/lib/db"));

        Retention withStore = RetentionChecker.check(facts, output, k -> Optional.ofNullable(Map.of(KEY, original).get(k)),
                List.of());
        Retention unknownKey = RetentionChecker.check(facts, output, k -> Optional.empty(), List.of());

        assertThat(withStore.recoverable()).isEqualTo(1);
        assertThat(unknownKey.lost()).isEqualTo(1);
        assertThat(unknownKey.lostSamples()).containsExactly(facts.get(0));
    }

    @Test
    void matchesNumbersOnlyAsWholeNumbers() {
        assertThat(RetentionChecker.containsToken("took 300361ms", "30036")).isFalse();
        assertThat(RetentionChecker.containsToken("took 30036ms", "30036")).isTrue();
        assertThat(RetentionChecker.containsToken("v1.2.3", "1.2")).isFalse();
        assertThat(RetentionChecker.containsToken("cost 1.2.", "1.2")).isTrue();
    }

    @Test
    void acceptsFactsInsideEscapedJsonStrings() {
        Fact f = Fact.of(Fact.Kind.ERROR, "Expected: \"50.98\"\tReceived: 50.97");
        Retention r = RetentionChecker.check(List.of(f), "{\"msg\":\"Expected: \\\"50.98\\\"\\tReceived: 50.97\"}",
                k -> Optional.empty(), List.of());
        assertThat(r.kept()).isEqualTo(1);
    }

    @Test
    void findsALineSplitBetweenKeptTextAndAnOmittedPart() {
        String original = "In this case Ajv can either fail schema compilation.";
        String output = "The option allows changing the behaviour. " + Markers.omitted("1 sentence", KEY);
        Fact f = Fact.of(Fact.Kind.ERROR, "The option allows changing the behaviour. In this case Ajv can either fail");
        Retention r = RetentionChecker.check(List.of(f), output, k -> Optional.ofNullable(Map.of(KEY, original).get(k)),
                List.of());
        assertThat(r.recoverable()).isEqualTo(1);
    }

    @Test
    void countsMissingFactsOfALosslessOutputAsEncodedNotLost() {
        Fact url = Fact.of(Fact.Kind.URL, "https://api.example.com/issues/3999");
        String templated = "[2]{url~\"https://api.example.com/issues/{number}\",number=4000..3999}:";
        Retention lossless = RetentionChecker.check(List.of(url), templated, true, k -> Optional.empty(), List.of());
        Retention lossy = RetentionChecker.check(List.of(url), templated, false, k -> Optional.empty(), List.of());
        assertThat(lossless.encoded()).isEqualTo(1);
        assertThat(lossless.lost()).isZero();
        assertThat(lossy.lost()).isEqualTo(1);
    }
}
