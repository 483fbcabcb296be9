package io.headroom4j.compress.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native library allocates each parse's memory from an arena (see headroom4j_treesitter.c): parses on
 * several threads at once, and a parse too large for one arena, give the same trees as a lone parse.
 */
final class NativeArenaTest {

    @BeforeAll
    static void needsTheLibrary() {
        assumeTrue(NativeTreeSitter.available(), () -> "native tree-sitter not built: " + NativeTreeSitter.unavailable());
    }

    private static int[] parse(SourceLanguage lang, String text) {
        try (FlatTree tree = NativeTreeSitter.parse(lang, text, null)) {
            return tree.nodes().clone();
        }
    }

    @Test
    void parsesOnFourThreadsAtOnceGiveTheTreesOfALoneParse() throws Exception {
        List<String> files = RangedParseEquivalenceTest.FILES;
        List<int[]> expected = new ArrayList<>();
        for (String f : files) {
            expected.add(parse(SourceLanguage.forPath(f), CodeCompressorTest.fixture(f)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int shift = t;
                runs.add(pool.submit(() -> {
                    for (int round = 0; round < 10; round++) {
                        for (int k = 0; k < files.size(); k++) {
                            int i = (k + shift + round) % files.size();
                            String f = files.get(i);
                            assertThat(parse(SourceLanguage.forPath(f), CodeCompressorTest.fixture(f)))
                                    .as(f).isEqualTo(expected.get(i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aParseLargerThanOneArenaGivesTheWholeTree() {
        // About 2.8 MB of Python: tree-sitter allocates more than an arena's 64 MB for it, so the rest of its
        // blocks come from malloc and the tree is freed by ts_tree_delete; parsed three times to catch a
        // double free or a leak that would crash.
        String one = CodeCompressorTest.fixture("blinker_base.py");
        assertThat(one).endsWith("\n");
        int copies = 150;
        int single = parse(SourceLanguage.PYTHON, one).length / FlatTree.STRIDE;
        String many = one.repeat(copies);
        for (int i = 0; i < 3; i++) {
            int[] nodes = parse(SourceLanguage.PYTHON, many);
            // The module node, then each copy's top-level statements with everything under them.
            assertThat(nodes.length / FlatTree.STRIDE).isEqualTo(1 + copies * (single - 1));
        }
    }
}
