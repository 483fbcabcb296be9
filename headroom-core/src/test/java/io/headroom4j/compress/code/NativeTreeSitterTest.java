package io.headroom4j.compress.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

import org.treesitter.TSParser;
import org.treesitter.TSTree;

import io.headroom4j.compress.Compressed;

/**
 * Our -O2 tree-sitter build ({@link NativeTreeSitter}) and the io.github.bonede bindings must give the same
 * trees and therefore the same compressor output, byte for byte: node by node on real files, and output by
 * output on real, mutated and arbitrary text, for the ranged and the full parse. Skipped where the library is
 * not built (another OS, no gcc), where only the bonede path runs.
 */
@AddLifecycleHook(NativeTreeSitterTest.NeedsTheLibrary.class)
final class NativeTreeSitterTest {

    /** Skips the jqwik properties where the library is not built (JUnit's assumptions do not apply there). */
    static final class NeedsTheLibrary implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return NativeTreeSitter.available() ? SkipResult.doNotSkip()
                    : SkipResult.skip("native tree-sitter not built: " + NativeTreeSitter.unavailable());
        }
    }

    /** The fields the compressor asks for. */
    private static final String[] FIELDS = {"body", "name", "declarator", "key", "property", "left"};

    @BeforeAll
    static void needsTheLibrary() {
        assumeTrue(NativeTreeSitter.available(), () -> "native tree-sitter not built: " + NativeTreeSitter.unavailable());
    }

    static Stream<String[]> files() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String f : RangedParseEquivalenceTest.FILES) {
            out.add(new String[] {f, CodeCompressorTest.fixture(f)});
        }
        try (Stream<Path> files = Files.list(Path.of("..", "headroom-bench", "corpus", "code"))) {
            for (Path p : files.sorted().toList()) {
                out.add(new String[] {p.getFileName().toString(), Files.readString(p)});
            }
        }
        return out.stream();
    }

    /**
     * The real files below 120 KB: the three largest corpus files (112, 166 and 388 KB) are compared only by
     * output below, since asking the bonede bindings about every node costs about 2 µs a question.
     */
    static Stream<String[]> filesUnder120K() throws IOException {
        return files().filter(f -> f[1].length() < 120_000);
    }

    private static SourceLanguage language(String file) {
        return SourceLanguage.forPath(file);
    }

    /** Every node: type, positions, flags, child counts, field children, and the node at each row's indent. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("filesUnder120K")
    void everyNodeOfEveryRealFileIsTheSameInBothTrees(String file, String source) {
        SourceLanguage lang = language(file);
        try (TSParser parser = new TSParser()) {
            assertThat(parser.setLanguage(lang.newGrammar())).isTrue();
            try (TSTree t = parser.parseString(null, source);
                 SyntaxTree bonede = new BonedeTree(t);
                 FlatTree flat = NativeTreeSitter.parse(lang, source, null)) {
                int nodes = compare(bonede, bonede.root(), flat, flat.root());
                assertThat(nodes).isEqualTo(flat.size());
                String[] rows = source.split("\n", -1);
                for (int row = 0; row < rows.length; row++) {
                    int col = rows[row].length() - rows[row].stripLeading().length();
                    assertThat(flat.typeAt(row, col)).as("row %d", row).isEqualTo(bonede.typeAt(row, col));
                }
            }
        }
    }

    /** Compares two subtrees; returns how many nodes they hold. */
    private static int compare(SyntaxTree a, int x, FlatTree b, int y) {
        assertThat(b.type(y)).isEqualTo(a.type(x));
        assertThat(new int[] {b.startByte(y), b.endByte(y), b.startRow(y), b.startColumn(y), b.endRow(y),
                b.endColumn(y), b.childCount(y), b.namedChildCount(y)}).as("node %s at byte %d", a.type(x),
                        a.startByte(x)).containsExactly(a.startByte(x), a.endByte(x), a.startRow(x),
                                a.startColumn(x), a.endRow(x), a.endColumn(x), a.childCount(x), a.namedChildCount(x));
        assertThat(new boolean[] {b.hasError(y), b.isError(y), b.isMissing(y)})
                .containsExactly(a.hasError(x), a.isError(x), a.isMissing(x));
        for (String field : FIELDS) {
            int fa = a.childByField(x, field);
            int fb = b.childByField(y, field);
            assertThat(fb == SyntaxTree.NONE).as("field %s of %s", field, a.type(x)).isEqualTo(fa == SyntaxTree.NONE);
            if (fa != SyntaxTree.NONE) {
                assertThat(new Object[] {b.type(fb), b.startByte(fb), b.endByte(fb)})
                        .containsExactly(a.type(fa), a.startByte(fa), a.endByte(fa));
            }
        }
        int n = 1;
        int count = a.childCount(x);
        for (int i = 0; i < count; i++) {
            n += compare(a, a.child(x, i), b, b.child(y, i));
        }
        int named = a.namedChildCount(x);
        for (int i = 0; i < named; i++) {
            assertThat(b.startByte(b.namedChild(y, i))).isEqualTo(a.startByte(a.namedChild(x, i)));
        }
        if (x != a.root()) {
            assertThat(b.startByte(b.parent(y))).isEqualTo(a.startByte(a.parent(x)));
        }
        return n;
    }

    private static void assertSameOutput(String source, String tool) {
        for (boolean ranged : new boolean[] {true, false}) {
            CodeCompressor fast = new CodeCompressor(ranged, true);
            CodeCompressor slow = new CodeCompressor(ranged, false);
            assertThat(analysed(fast, source, tool)).isEqualTo(analysed(slow, source, tool));
            Compressed a = fast.compress(source, RangedParseEquivalenceTest.ctx(tool));
            Compressed b = slow.compress(source, RangedParseEquivalenceTest.ctx(tool));
            assertThat(a).isEqualTo(b);
        }
    }

    /** The analysis, or the exception it threw (which the compressor turns into "failed open"). */
    private static Object analysed(CodeCompressor compressor, String source, String tool) {
        try {
            return compressor.analyse(source, tool);
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyRealFileGivesTheSameOutputOnBothPaths(String file, String source) {
        for (String tool : new String[] {null, "src/" + file}) {
            assertSameOutput(source, tool);
            assertSameOutput(source.replace("\n", "\r\n"), tool);
        }
    }

    @Test
    void nonAsciiLoneSurrogatesAndBadInputGiveTheSameOutputOnBothPaths() {
        String java = CodeCompressorTest.fixture("jsoup_StringUtil.java");
        assertSameOutput(java.replace("return", "return \uD800"), null);
        assertSameOutput(java.replace("return", "return \uDC00x"), "a.java");
        assertSameOutput(java.replace("return", "return \uD83D\uDE00\u00e9\u4e2d"), "a.java");
        assertSameOutput("void f() {\n" + "x".repeat(200_000) + "\n}\n".repeat(3), "a.c");
        assertSameOutput(java.replace('\n', '\r'), "a.java");
        assertSameOutput("", "a.py");
        assertSameOutput("}}}{{{", "a.rs");
        assertSameOutput(java.replace("return", "return \uFEFF\uFFFE\uFFFF"), "a.java");
        assertSameOutput("\uFEFF" + java, null);
    }

    @Provide
    Arbitrary<String[]> mutatedFiles() {
        return Combinators.combine(Arbitraries.of(RangedParseEquivalenceTest.FILES), Arbitraries.longs(),
                Arbitraries.integers().between(0, 12), Arbitraries.of("", "\r\n", "tool")).as((file, seed, edits,
                        twist) -> RangedParseEquivalenceTest.mutated(CodeCompressorTest.fixture(file),
                        RangedParseEquivalenceTest.TRICKY.get(RangedParseEquivalenceTest.extension(file)), seed, edits,
                        twist, "x/" + file));
    }

    @Property(tries = 80)
    void mutatedFilesGiveTheSameOutputOnBothPaths(@ForAll("mutatedFiles") String[] input) {
        assertSameOutput(input[0], input[1]);
    }

    @Provide
    Arbitrary<String> fragments() {
        return Combinators.combine(Arbitraries.of(RangedParseEquivalenceTest.FILES),
                Arbitraries.integers().between(0, 30_000), Arbitraries.integers().between(200, 30_000))
                .as((file, from, len) -> {
                    String s = CodeCompressorTest.fixture(file);
                    int start = Math.min(from, s.length() - 1);
                    return s.substring(start, Math.min(s.length(), start + len));
                });
    }

    @Property(tries = 40)
    void fragmentsGiveTheSameOutputOnBothPaths(@ForAll("fragments") String source) {
        assertSameOutput(source, null);
    }

    @Property(tries = 40)
    void arbitraryTextGivesTheSameOutputOnBothPaths(@ForAll String text) {
        assertSameOutput(text, null);
        assertSameOutput(text, "a.go");
    }
}
