package io.headroom4j.compress.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Fixtures;
import io.headroom4j.internal.TextLines;
import io.headroom4j.store.CompressionStore;

final class SearchGroupingProperties {

    private static final java.util.regex.Pattern IMPORTANT_REGEX = java.util.regex.Pattern.compile(
            "(?i)\\b(error|exception|fail(ed|ure)?|fatal|panic|warn(ing)?|todo|fixme|deprecated|security)\\b");

    private final SearchResultCompressor compressor = new SearchResultCompressor(3, 2);

    @Property(tries = 1000)
    void importantWordScanAgreesWithTheRegexItReplaced(@ForAll("wordySoup") String text) {
        assertThat(SearchResultCompressor.hasImportantWord(text)).isEqualTo(IMPORTANT_REGEX.matcher(text).find());
    }

    @Provide
    Arbitrary<String> wordySoup() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("error", "ERROR", "Errors", "exception", "fail", "FAILED", "failure", "failures",
                        "fatal", "panic", "warn", "Warning", "todo", "TODO", "fixme", "deprecated", "security",
                        "TypeError", "error_code", "err0r", "\u00e9rror", "error\u00e9", "warn2", "x"),
                Arbitraries.strings().withChars(" _-.:/()[]\t1aZ\u00e9\u0130").ofMaxLength(3));
        return piece.list().ofMaxSize(8).map(l -> String.join("", l));
    }

    @Property(tries = 300)
    void losslessOutputDecodesToTheInput(@ForAll("searchOutputs") String input) {
        Compressed c = compressor.compress(input, Fixtures.lossless());
        assertThat(c.lossless()).isTrue();
        if (!c.output().equals(input)) {
            assertThat(SearchGrouping.decode(c.output())).isEqualTo(input);
        }
    }

    @Property(tries = 300)
    void groupingRoundTripsPureResultLists(@ForAll("resultOnlyOutputs") String input) {
        List<String> lines = TextLines.split(input);
        SearchParser.Parsed parsed = SearchParser.parse(lines);
        String grouped = SearchGrouping.encode(lines, parsed.hits());
        if (!parsed.heading()) {
            assertThat(SearchGrouping.decode(grouped)).isEqualTo(input);
        }
    }

    @Property(tries = 200)
    void lossyOutputNeverPairsANumberWithAnotherLine(@ForAll("searchOutputs") String input,
                                                     @ForAll("queries") String query) {
        CompressionStore store = Fixtures.store();
        Compressed c = new SearchResultCompressor(2, 2).compress(input,
                new io.headroom4j.compress.CompressionContext(io.headroom4j.HeadroomConfig.builder()
                        .minTokens(1).lossyMinTokens(1).build(), query, null, io.headroom4j.token.TokenCounters.o200k(), store));
        Set<String> originals = SearchResultCompressorTest.flatOriginals(input);
        if (!c.lossless()) {
            assertThat(c.retrievalKeys()).allSatisfy(k -> assertThat(store.get(k)).isPresent());
            for (String key : c.retrievalKeys()) {
                for (String line : TextLines.split(store.get(key).orElseThrow())) {
                    assertThat(TextLines.split(input)).contains(line);
                }
            }
        }
        if (!c.lossless() && !input.contains("\n\n")) {
            SearchResultCompressorTest.assertEveryResultLineIsOriginal(c.output(), originals);
        }
    }

    @Provide
    Arbitrary<String> resultOnlyOutputs() {
        return result().list().ofMinSize(1).ofMaxSize(40).map(ls -> String.join("\n", ls))
                .flatMap(s -> Arbitraries.of(s, s + "\n"));
    }

    private static Arbitrary<String> result() {
        Arbitrary<String> path = Arbitraries.of("src/a.js", "src/b-2-c.js", "lib/x:1:y.c", "2024-01-05-post.md",
                "C:\\w\\d.cs", "dir with space/f.txt", "12-foo.js", "a");
        Arbitrary<String> rest = Arbitraries.strings().withChars("abc :-019\t\r{}\"é")
                .ofMinLength(0).ofMaxLength(20);
        return Combinators.combine(path, Arbitraries.of(':', '-'), Arbitraries.integers().between(1, 500), rest)
                .as((p, sep, n, r) -> p + sep + n + sep + r);
    }

    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.of("", "error", "foo bar", "path");
    }

    @Provide
    Arbitrary<String> searchOutputs() {
        Arbitrary<String> result = result();
        Arbitrary<String> other = Arbitraries.of("--", "Binary file x matches", "grep: y: Permission denied", "",
                "7:no path", "src/a.js");
        Arbitrary<String> line = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, result), net.jqwik.api.Tuple.of(1, other));
        return line.list().ofMinSize(0).ofMaxSize(40).map(ls -> String.join("\n", ls))
                .flatMap(s -> Arbitraries.of(s, s + "\n"));
    }
}
