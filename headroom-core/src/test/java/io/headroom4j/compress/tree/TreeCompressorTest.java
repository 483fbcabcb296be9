package io.headroom4j.compress.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.Fixtures;
import io.headroom4j.compress.Markers;
import io.headroom4j.internal.TextLines;
import io.headroom4j.store.CompressionStore;

final class TreeCompressorTest {

    private static final Pattern PROBLEM = Pattern.compile("invalid|UNMET|missing|extraneous|overridden|ERR!");
    private static final Pattern NPM_PKG = Pattern.compile("^(@?[^@\\s]+)@(\\S+)");
    private static final Pattern RANGE = Pattern.compile("^\\[lines ([\\d,]+)-([\\d,]+): ");

    private final TreeCompressor compressor = new TreeCompressor();

    @Test
    void npmLsAllOfAThousandPackagesSavesAtLeast84PercentKeepingProblemsAndVersions() {
        String input = Fixtures.read("tree/npm-ls-all.txt");
        Compressed c = compressor.compress(input, Fixtures.lossy(Fixtures.store(), ""));
        assertThat(Fixtures.saved(input, c.output())).isGreaterThanOrEqualTo(0.84);
        assertKeepsEveryProblemLine(input, c.output());
        assertKeepsEveryConflictingVersion(input, c.output());
    }

    @Test
    void npmLsWithAMissingPackageKeepsAllTwentyTwoUnmetLines() {
        String input = Fixtures.read("tree/npm-ls-all-missing.txt");
        Compressed c = compressor.compress(input, Fixtures.lossy(Fixtures.store(), ""));
        assertKeepsEveryProblemLine(input, c.output());
        assertKeepsEveryConflictingVersion(input, c.output());
        assertThat(c.output().split("UNMET DEPENDENCY chalk@\\^4.1.2", -1)).hasSize(23);
        assertThat(Fixtures.saved(input, c.output())).isGreaterThan(0.8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tree/npm-ls-all.txt", "tree/npm-ls-all-missing.txt", "tree/cargo-tree.txt", "tree/find-eslint.txt",
        "tree/tree-eslint.txt", "tree/ls-R-eslint.txt", "tree/tree-ascii-webpack-lib.txt",
        "tree/mvn-dependency-tree-verbose-cli-bench.txt"})
    void everyKeptLineComesFromTheInputAndMarkersRetrieveTheirExactRange(String fixture) {
        String input = Fixtures.read(fixture);
        CompressionStore store = Fixtures.store();
        Compressed c = compressor.compress(input, Fixtures.lossy(store, ""));
        assertThat(c.lossless()).isFalse();
        List<String> in = TextLines.split(input);
        Set<String> originals = new HashSet<>(in);
        Set<String> labels = new HashSet<>();
        TreeParser.Parsed tree = TreeParser.parse(in);
        for (int i = 0; i < in.size(); i++) {
            if (tree.depth()[i] >= 0) {
                labels.add(in.get(i).substring(tree.label()[i]));
            }
        }
        // Labels of the original lines that some marker retrieves: a re-indented line must be one of them.
        Set<String> retrievable = new HashSet<>();
        for (String line : TextLines.split(c.output())) {
            if (Markers.hasMarker(line)) {
                Matcher m = RANGE.matcher(line);
                assertThat(m.find()).isTrue();
                int from = Integer.parseInt(m.group(1).replace(",", ""));
                int to = Integer.parseInt(m.group(2).replace(",", ""));
                String key = Markers.keysIn(line).get(0);
                assertThat(store.get(key)).contains(TextLines.join(in, from - 1, to));
                for (int i = from - 1; i < to; i++) {
                    if (tree.depth()[i] >= 0) {
                        retrievable.add(in.get(i).substring(0, TreeParser.prefixEnd(in.get(i))) + "|"
                                + in.get(i).substring(tree.label()[i]));
                    }
                }
            }
        }
        for (String line : TextLines.split(c.output())) {
            if (!Markers.hasMarker(line) && !originals.contains(line)) {
                // Re-indented: the log prefix, then one space for the first level and two for each one
                // below, then the original label verbatim.
                int prefix = TreeParser.prefixEnd(line);
                String label = line.substring(prefix).stripLeading();
                assertThat(labels).as("output line %s", line).contains(label);
                assertThat(line.length() - prefix - label.length()).isOdd().isPositive();
                assertThat(retrievable).as("a marker retrieves the original of %s", line)
                        .contains(line.substring(0, prefix) + "|" + label);
            }
        }
        assertThat(Fixtures.saved(input, c.output())).isGreaterThan(0.6);
    }

    @Test
    void foldsCargoRepeatsMarkedWithAStar() {
        String input = Fixtures.read("tree/cargo-tree.txt");
        Compressed c = compressor.compress(input, Fixtures.lossy(Fixtures.store(), ""));
        assertThat(c.output()).doesNotContain("(*)").startsWith("treedemo v0.1.0");
    }

    @Test
    void keepsMavenConflictLinesAndDropsDuplicates() {
        String input = Fixtures.read("tree/mvn-dependency-tree-verbose-cli-bench.txt");
        Compressed c = compressor.compress(input, Fixtures.lossy(Fixtures.store(), ""));
        for (String line : TextLines.split(input)) {
            if (line.contains("omitted for conflict")) {
                assertThat(c.output()).contains(line.substring(line.indexOf("- ") + 2));
            }
        }
        assertThat(c.output()).doesNotContain("omitted for duplicate").contains("[INFO] BUILD SUCCESS");
    }

    @Test
    void leavesTreesUnchangedWhenLossless() {
        String input = Fixtures.read("tree/npm-ls-all.txt");
        assertThat(compressor.compress(input, Fixtures.lossless()).output()).isEqualTo(input);
    }

    @Test
    void writesFindListingsAsAnIndentedTreeLosslessly() {
        String input = Fixtures.read("tree/find-eslint.txt");
        Compressed c = compressor.compress(input, Fixtures.lossless());
        assertThat(c.lossless()).isTrue();
        assertThat(c.transform()).isEqualTo(TreeCompressor.LOSSLESS);
        assertThat(PathIndent.decode(c.output())).isEqualTo(input);
        assertThat(c.output()).startsWith("eslint\n  README.md\n  LICENSE\n  conf\n    globals.js\n");
        assertThat(Fixtures.saved(input, c.output())).isGreaterThan(0.3);
    }

    @Test
    void neverThrowsOnBadInput() {
        String huge = "├── " + "x".repeat(3_000_000);
        for (String bad : List.of(huge, "a\n" + huge + "\n├── b\n└── c", "\u0000\u0001├──\n│\n└", "├─┬\n│ └──\n",
                "./a\r\n./a/b\r\n./a/b/c\r\n", "\ud800\n├── \udc00\n└── x@1\n└── x@2", "x:\n\ny:\n")) {
            assertThat(compressor.compress(bad, Fixtures.lossless())).isNotNull();
            assertThat(compressor.compress(bad, Fixtures.lossy(Fixtures.store(), ""))).isNotNull();
        }
    }

    static void assertKeepsEveryProblemLine(String input, String output) {
        Set<String> outLabels = new HashSet<>();
        for (String line : TextLines.split(output)) {
            outLabels.add(label(line));
        }
        for (String line : TextLines.split(input)) {
            if (PROBLEM.matcher(line).find()) {
                assertThat(outLabels).contains(label(line));
            }
        }
    }

    static void assertKeepsEveryConflictingVersion(String input, String output) {
        Map<String, Set<String>> versions = new LinkedHashMap<>();
        for (String line : TextLines.split(input)) {
            String label = label(line);
            Matcher m = NPM_PKG.matcher(label);
            if (!label.startsWith("UNMET") && m.find()) {
                versions.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
            }
        }
        List<String> outLabels = new ArrayList<>();
        for (String line : TextLines.split(output)) {
            outLabels.add(label(line));
        }
        for (Map.Entry<String, Set<String>> e : versions.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            for (String v : e.getValue()) {
                String prefix = e.getKey() + "@" + v;
                assertThat(outLabels).as("a line for %s", prefix)
                        .anyMatch(l -> l.equals(prefix) || l.startsWith(prefix + " "));
            }
        }
    }

    private static String label(String line) {
        int i = 0;
        while (i < line.length() && "│├└─┬ ".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        return line.substring(i);
    }
}
