package io.headroom4j.compress.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Fixtures;
import io.headroom4j.compress.Markers;
import io.headroom4j.internal.TextLines;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.token.TokenCounters;

final class TreeCompressorProperties {

    private static final Pattern RANGE = Pattern.compile("^\\[lines ([\\d,]+)-([\\d,]+): ");
    private static final String[] NAMES = {"ms", "debug", "semver", "@scope/util", "glob", "chalk", "lru-cache"};
    private static final String[] STATUS = {"", "", "", " deduped", " deduped", " extraneous",
        " invalid: \"^9.0.0\" from the root project", " overridden"};

    private final TreeCompressor compressor = new TreeCompressor();

    @Property(tries = 200)
    void neverDropsAProblemLineOrAVersionAndKeysRetrieveTheirRange(@ForAll long seed,
                                                                  @ForAll @IntRange(min = 5, max = 400) int size) {
        String input = npmTree(new Random(seed), size);
        CompressionStore store = Fixtures.store();
        CompressionContext ctx = new CompressionContext(HeadroomConfig.builder().minTokens(1).lossyMinTokens(1).build(),
                "", null, TokenCounters.o200k(), store);
        Compressed c = compressor.compress(input, ctx);
        TreeCompressorTest.assertKeepsEveryProblemLine(input, c.output());
        TreeCompressorTest.assertKeepsEveryConflictingVersion(input, c.output());
        List<String> in = TextLines.split(input);
        for (String line : TextLines.split(c.output())) {
            if (Markers.hasMarker(line)) {
                Matcher m = RANGE.matcher(line);
                assertThat(m.find()).isTrue();
                int from = Integer.parseInt(m.group(1).replace(",", ""));
                int to = Integer.parseInt(m.group(2).replace(",", ""));
                assertThat(store.get(Markers.keysIn(line).get(0))).contains(TextLines.join(in, from - 1, to));
            }
        }
    }

    @Property(tries = 300)
    void indentedPathsDecodeToTheFindListing(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int size) {
        Random random = new Random(seed);
        List<String> paths = new ArrayList<>();
        List<String> stack = new ArrayList<>();
        stack.add(random.nextBoolean() ? "." : "root dir");
        paths.add(stack.get(0));
        for (int i = 1; i < size; i++) {
            while (stack.size() > 1 && random.nextInt(3) == 0) {
                stack.remove(stack.size() - 1);
            }
            String name = random.nextInt(10) == 0 ? " lead" : "n" + random.nextInt(5) + (random.nextBoolean() ? ".js" : "");
            String path = stack.get(stack.size() - 1) + "/" + name;
            paths.add(path);
            if (random.nextBoolean()) {
                stack.add(path);
            }
        }
        String input = String.join("\n", paths) + (random.nextBoolean() ? "\n" : "");
        Compressed c = compressor.compress(input, Fixtures.lossless());
        assertThat(c.lossless()).isTrue();
        if (!c.output().equals(input)) {
            assertThat(PathIndent.decode(c.output())).isEqualTo(input);
        }
    }

    /** An {@code npm ls --all}-shaped tree drawn exactly as npm draws it. */
    static String npmTree(Random random, int size) {
        List<Integer> depth = new ArrayList<>();
        depth.add(0);
        for (int i = 1; i < size; i++) {
            int prev = depth.get(i - 1);
            depth.add(Math.max(1, Math.min(prev + 1, 1 + random.nextInt(prev + 1))));
        }
        StringBuilder sb = new StringBuilder("proj@1.0.0 /tmp/proj\n");
        for (int i = 1; i < size; i++) {
            int d = depth.get(i);
            StringBuilder prefix = new StringBuilder();
            for (int level = 1; level < d; level++) {
                prefix.append(hasLaterSibling(depth, ancestorAt(depth, i, level)) ? "│ " : "  ");
            }
            boolean last = !hasLaterSibling(depth, i);
            boolean children = i + 1 < size && depth.get(i + 1) > d;
            prefix.append(last ? "└─" : "├─").append(children ? "┬ " : "─ ");
            String label;
            if (random.nextInt(20) == 0) {
                label = "UNMET DEPENDENCY " + NAMES[random.nextInt(NAMES.length)] + "@^" + random.nextInt(5);
            } else {
                label = NAMES[random.nextInt(NAMES.length)] + "@" + random.nextInt(4) + "." + random.nextInt(2) + ".0"
                        + STATUS[random.nextInt(STATUS.length)];
            }
            sb.append(prefix).append(label).append('\n');
        }
        return sb.toString();
    }

    private static int ancestorAt(List<Integer> depth, int i, int level) {
        for (int j = i; j >= 0; j--) {
            if (depth.get(j) == level) {
                return j;
            }
        }
        return 0;
    }

    private static boolean hasLaterSibling(List<Integer> depth, int i) {
        int d = depth.get(i);
        for (int j = i + 1; j < depth.size(); j++) {
            if (depth.get(j) < d) {
                return false;
            }
            if (depth.get(j) == d) {
                return true;
            }
        }
        return false;
    }
}
