package io.headroom4j.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

final class FactExtractorTest {

    @Test
    void findsErrorLinesAndStackFramesVerbatim() {
        String log = """
                2026-03-14T09:00:00.085Z INFO  [exec-5] order-api : GET /api/v1/orders status=200 duration=152ms
                2026-03-14T09:00:17.052Z ERROR [exec-1] order-api : Request req-37c714cf /api/v1/cart failed after 30036ms
                \tat com.example.orders.repo.OrderRepository.findById(OrderRepository.java:57)
                """;
        List<Fact> facts = FactExtractor.extract(log);
        assertThat(facts).contains(
                Fact.of(Fact.Kind.ERROR, "2026-03-14T09:00:17.052Z ERROR [exec-1] order-api : Request req-37c714cf "
                        + "/api/v1/cart failed after 30036ms"),
                Fact.of(Fact.Kind.ERROR, "at com.example.orders.repo.OrderRepository.findById(OrderRepository.java:57)"),
                Fact.of(Fact.Kind.ID, "req-37c714cf"),
                Fact.of(Fact.Kind.PATH, "/api/v1/cart"));
        assertThat(facts).noneMatch(f -> f.kind() == Fact.Kind.ERROR && f.needle().contains("status=200"));
    }

    @Test
    void pairsNumbersWithTheirKeys() {
        List<Fact> facts = FactExtractor.extract("HikariPool-1 - Pool stats (total=20, active=12, idle=8, waiting=0)\n");
        assertThat(facts).contains(new Fact(Fact.Kind.NUMBER, "20", "total"), new Fact(Fact.Kind.NUMBER, "12", "active"),
                new Fact(Fact.Kind.NUMBER, "0", "waiting"));
    }

    @Test
    void readsJsonByValueSoLosslessRewritesKeepTheirFacts() {
        String json = """
                [{"name": "ajv", "bytes": 5120, "status": "install failed: EACCES",
                  "url": "https://github.com/ajv-validator/ajv.git", "sha": "3f2a9c1b7d"}]
                """;
        List<Fact> facts = FactExtractor.extract(json);
        assertThat(facts).contains(new Fact(Fact.Kind.NUMBER, "5120", "bytes"),
                Fact.of(Fact.Kind.ERROR, "install failed: EACCES"),
                Fact.of(Fact.Kind.URL, "https://github.com/ajv-validator/ajv.git"),
                Fact.of(Fact.Kind.HASH, "3f2a9c1b7d"));
    }

    @Test
    void findsMavenVersionConflicts() {
        String tree = "[INFO]    +- (net.bytebuddy:byte-buddy:jar:1.15.4:test - omitted for conflict with 1.14.18)\n";
        assertThat(FactExtractor.extract(tree)).contains(Fact.of(Fact.Kind.CONFLICT, "net.bytebuddy:byte-buddy:jar:1.15.4:test"));
    }

    @Test
    void givesTheSameFactsEveryTimeAndCapsEachKind() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            sb.append("GET /api/v1/items/").append(i).append(" id=SKU-").append(i).append(" took=").append(i).append("ms\n");
        }
        List<Fact> first = FactExtractor.extract(sb.toString());
        assertThat(FactExtractor.extract(sb.toString())).isEqualTo(first);
        assertThat(first.stream().filter(f -> f.kind() == Fact.Kind.ID).count()).isEqualTo(FactExtractor.MAX_PER_KIND);
    }

    @Test
    void splitsPathAndLineSoRegroupedGrepHitsStillCount() {
        List<Fact> facts = FactExtractor.extract("node_modules/express/lib/response.js:69:  deprecate('res.send')\n");
        assertThat(facts).contains(Fact.of(Fact.Kind.PATH, "node_modules/express/lib/response.js"),
                new Fact(Fact.Kind.NUMBER, "69", "node_modules/express/lib/response.js"));
    }

    @Test
    void doesNotTakeAFileNamedErrorForAnErrorLine() {
        assertThat(FactExtractor.extract("--- a/lib/error.js\n")).noneMatch(f -> f.kind() == Fact.Kind.ERROR);
        assertThat(FactExtractor.extract("TypeError: Cannot read properties of null\n"))
                .anyMatch(f -> f.kind() == Fact.Kind.ERROR);
    }

    @Test
    void takesTheTextOfAGrepHitAsItsErrorLine() {
        List<Fact> facts = FactExtractor.extract("node_modules/webpack/lib/Compiler.js:349:\t\t\tthrow new TypeError(\n");
        assertThat(facts).contains(Fact.of(Fact.Kind.ERROR, "throw new TypeError("),
                new Fact(Fact.Kind.NUMBER, "349", "node_modules/webpack/lib/Compiler.js"));
    }
}
