package io.headroom4j.compress.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Fixtures;
import io.headroom4j.compress.Markers;
import io.headroom4j.internal.TextLines;
import io.headroom4j.store.CompressionStore;

final class SearchResultCompressorTest {

    private final SearchResultCompressor compressor = new SearchResultCompressor();

    @ParameterizedTest
    @ValueSource(strings = {
        "search/grep-rn-express-function.txt", "search/grep-rn-C2-eslint-throw.txt", "search/rg-webpack-require.txt",
        "search/git-grep-n-core-string.txt", "search/grep-rn-eslint-rules-context.txt"})
    void groupsFlatResultsByFileLosslessly(String fixture) {
        String input = Fixtures.read(fixture);
        Compressed c = compressor.compress(input, Fixtures.lossless());
        assertThat(c.lossless()).isTrue();
        assertThat(c.transform()).isEqualTo(SearchResultCompressor.TRANSFORM);
        assertThat(c.output()).isNotEqualTo(input);
        assertThat(SearchGrouping.decode(c.output())).isEqualTo(input);
        assertThat(Fixtures.saved(input, c.output())).isGreaterThan(0.25);
    }

    @Test
    void statesEachPathOnceInTheGroupedForm() {
        String input = Fixtures.read("search/rg-webpack-require.txt");
        String out = compressor.compress(input, Fixtures.lossless()).output();
        assertThat(out).startsWith("webpack/lib/optimize/");
        long headers = TextLines.split(out).stream().filter(l -> l.startsWith("webpack/")).count();
        long files = TextLines.split(input).stream().filter(l -> !l.isEmpty())
                .map(l -> l.substring(0, l.indexOf(':'))).distinct().count();
        assertThat(headers).isEqualTo(files);
    }

    @Test
    void leavesHeadingAndSingleFileOutputUnchangedWhenLossless() {
        for (String f : List.of("search/rg-heading-webpack-require.txt", "search/grep-n-single-file.txt")) {
            String input = Fixtures.read(f);
            Compressed c = compressor.compress(input, Fixtures.lossless());
            assertThat(c.output()).isEqualTo(input);
            assertThat(c.lossless()).isTrue();
        }
    }

    @Test
    void leavesColouredOutputUnchangedWhenLossless() {
        String input = Fixtures.read("search/rg-color-webpack-todo.txt");
        assertThat(compressor.compress(input, Fixtures.lossless()).output()).isEqualTo(input);
    }

    @Test
    void removesColoursOnlyBehindAMarkerThatRetrievesTheColouredOriginal() {
        String input = Fixtures.read("search/rg-color-webpack-todo.txt");
        CompressionStore store = Fixtures.store();
        Compressed c = compressor.compress(input, Fixtures.lossy(store, "TODO major release"));
        assertThat(c.lossless()).isFalse();
        assertThat(c.output()).doesNotContain("\u001b");
        String firstKey = Markers.keysIn(TextLines.split(c.output()).get(0)).get(0);
        assertThat(store.get(firstKey)).contains(input);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "search/grep-rn-express-function.txt", "search/grep-rn-C2-eslint-throw.txt", "search/rg-webpack-require.txt",
        "search/rg-heading-webpack-require.txt", "search/git-grep-n-core-string.txt",
        "search/grep-rn-eslint-rules-context.txt"})
    void lossyOutputPairsEveryLineNumberWithItsOwnLine(String fixture) {
        String input = Fixtures.read(fixture);
        CompressionStore store = Fixtures.store();
        Compressed c = compressor.compress(input, Fixtures.lossy(store, "error"));
        assertThat(c.lossless()).isFalse();
        Set<String> originals = flatOriginals(input);
        assertEveryResultLineIsOriginal(c.output(), originals);
        assertThat(Fixtures.saved(input, c.output())).isGreaterThan(0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "search/grep-rn-express-function.txt", "search/rg-webpack-require.txt",
        "search/grep-rn-eslint-rules-context.txt", "search/grep-rn-C2-eslint-throw.txt"})
    void markersCountAndRetrieveExactlyTheOmittedLines(String fixture) {
        String input = Fixtures.read(fixture);
        CompressionStore store = Fixtures.store();
        Compressed c = compressor.compress(input, Fixtures.lossy(store, "require function"));
        List<String> inputLines = TextLines.split(input);
        int kept = 0;
        for (String line : TextLines.split(c.output())) {
            if (SearchParser.numberEnd(line, 0) > 0) {
                kept++;
            }
        }
        int omitted = 0;
        for (String key : c.retrievalKeys()) {
            String stored = store.get(key).orElseThrow();
            for (String line : TextLines.split(stored)) {
                assertThat(inputLines).contains(line);
                omitted++;
            }
        }
        long results = inputLines.stream().filter(l -> !l.isEmpty() && !l.equals("--")).count();
        assertThat(kept + omitted).isEqualTo(results);
        assertThat(c.retrievalKeys()).containsExactlyElementsOf(Markers.keysIn(c.output()));
    }

    @Test
    void ranksTheFileMatchingTheQueryFirst() {
        StringBuilder input = new StringBuilder();
        for (int f = 0; f < 30; f++) {
            for (int l = 1; l <= 8; l++) {
                String text = f == 17 ? "retryBackoff(timeout) // retry with backoff" : "const value = compute(" + l + ")";
                input.append("src/module").append(f).append(".js:").append(l * 10).append(':').append(text).append('\n');
            }
        }
        Compressed c = compressor.compress(input.toString(), Fixtures.lossy(Fixtures.store(), "retry backoff"));
        assertThat(c.output()).startsWith("src/module17.js\n");
        assertThat(c.output()).contains(" in 15 more files: ");
    }

    @Test
    void dropsExactDuplicatesAndCountsThem() {
        StringBuilder input = new StringBuilder();
        for (int rep = 0; rep < 3; rep++) {
            for (int l = 1; l <= 40; l++) {
                input.append("lib/a.js:").append(l).append(":call(").append(l).append(")\n");
            }
        }
        Compressed c = compressor.compress(input.toString(), Fixtures.lossy(Fixtures.store(), ""));
        assertThat(c.output()).contains("incl. 80 exact duplicates");
    }

    @Test
    void keepsToolErrorLinesFirstAndVerbatim() {
        StringBuilder input = new StringBuilder("grep: secrets: Permission denied\n");
        for (int l = 1; l <= 300; l++) {
            input.append("src/f").append(l % 40).append(".c:").append(l).append(":int x").append(l).append(" = 0;\n");
        }
        input.append("Binary file build/app.o matches\n");
        Compressed c = compressor.compress(input.toString(), Fixtures.lossy(Fixtures.store(), ""));
        assertThat(c.output()).startsWith("grep: secrets: Permission denied\nBinary file build/app.o matches\n");
    }

    @Test
    void roundTripsLiveGrepOverTheProjectSources() throws Exception {
        String out = run(List.of("grep", "-rn", "return", "src/main/java"));
        assumeThat(out).isNotNull();
        assumeThat(out).isNotEmpty();
        Compressed c = compressor.compress(out, Fixtures.lossless());
        assertThat(c.output()).isNotEqualTo(out);
        assertThat(SearchGrouping.decode(c.output())).isEqualTo(out);
        Compressed lossy = compressor.compress(out, Fixtures.lossy(Fixtures.store(), "return null"));
        assertEveryResultLineIsOriginal(lossy.output(), flatOriginals(out));
    }

    @Test
    void keepsCrlfLinesByteForByte() {
        StringBuilder input = new StringBuilder();
        for (int l = 1; l <= 50; l++) {
            input.append("dir/file").append(l % 5).append(".txt:").append(l).append(":line ").append(l).append("\r\n");
        }
        Compressed c = compressor.compress(input.toString(), Fixtures.lossless());
        assertThat(SearchGrouping.decode(c.output())).isEqualTo(input.toString());
    }

    @Test
    void neverThrowsOnBadInput() {
        String huge = "a".repeat(3_000_000);
        String binary = new String(new byte[] {0, 1, 2, (byte) 0xff, 0x1b, '[', '3', '1'}, StandardCharsets.ISO_8859_1);
        for (String bad : List.of(huge, "x:1:" + huge, binary, "\ud800:1:lone\n\udc00:2:surrogate", "\n\n\n", ":1:",
                "1:", "-1-", "a:99999999999999:overflow\na:1:x")) {
            assertThat(compressor.compress(bad, Fixtures.lossless())).isNotNull();
            assertThat(compressor.compress(bad, Fixtures.lossy(Fixtures.store(), "x"))).isNotNull();
        }
    }

    /**
     * Every {@code N:text} line under a heading re-forms, with that heading, a line of the original. A heading
     * is the line after a blank line (or the first line) when a result line follows it.
     */
    static void assertEveryResultLineIsOriginal(String output, Set<String> originals) {
        String path = null;
        List<String> lines = TextLines.split(output);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int end = SearchParser.numberEnd(line, 0);
            boolean heading = (i == 0 || lines.get(i - 1).isEmpty()) && !line.isEmpty() && !line.startsWith("[")
                    && i + 1 < lines.size() && SearchParser.numberEnd(lines.get(i + 1), 0) > 0;
            if (heading) {
                path = line;
            } else if (end > 0 && path != null) {
                char sep = line.charAt(end);
                String flat = path.isEmpty() ? line : path + sep + line.substring(0, end) + sep + line.substring(end + 1);
                assertThat(originals).as("line %d of output", i).contains(flat);
            }
        }
    }

    /** The input's results in flat {@code path:N:text} form, whatever layout it had. */
    static Set<String> flatOriginals(String input) {
        Set<String> out = new HashSet<>();
        List<String> lines = TextLines.split(input);
        SearchParser.Parsed p = SearchParser.parse(lines);
        for (Hit h : p.hits()) {
            if (h != null) {
                out.add(h.flat());
            }
        }
        return out;
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(false);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return null;
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
