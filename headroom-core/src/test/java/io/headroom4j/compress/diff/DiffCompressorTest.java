package io.headroom4j.compress.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Fixtures;
import io.headroom4j.compress.Markers;
import io.headroom4j.internal.TextLines;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.token.TokenCounters;

final class DiffCompressorTest {

    private final DiffCompressor compressor = new DiffCompressor();

    @ParameterizedTest
    @ValueSource(strings = {"diff/git-log-p.txt", "diff/git-show.txt", "diff/git-diff.txt", "diff/git-diff-U15.txt"})
    void foldsRepeatedPathLinesLosslessly(String fixture) {
        String input = Fixtures.read(fixture);
        Compressed c = compressor.compress(input, Fixtures.lossless());
        assertThat(c.lossless()).isTrue();
        assertThat(c.output()).isNotEqualTo(input);
        assertThat(DiffFold.decode(c.output())).isEqualTo(input);
        assertThat(c.output()).doesNotContain("\n--- a/src/request.js\n+++ b/src/request.js\n");
    }

    @Test
    void leavesPlainDiffUnchangedWhenLossless() {
        String input = Fixtures.read("diff/diff-u-plain.txt");
        assertThat(compressor.compress(input, Fixtures.lossless()).output()).isEqualTo(input);
    }

    @ParameterizedTest
    @ValueSource(strings = {"diff/git-log-p.txt", "diff/git-show.txt", "diff/git-diff.txt", "diff/git-diff-U15.txt"})
    void lossyKeepsEveryHeaderHunkHeaderAndChangedLineOutsideSummarisedFiles(String fixture) {
        String input = Fixtures.read(fixture);
        CompressionStore store = Fixtures.store();
        Compressed c = compressor.compress(input, Fixtures.lossy(store, ""));
        assertThat(c.lossless()).isFalse();
        List<String> out = TextLines.split(c.output());
        List<String> in = TextLines.split(input);
        List<DiffParser.FileSection> sections = DiffParser.parse(in);
        for (DiffParser.FileSection s : sections) {
            boolean summarised = isSummarised(s.path());
            assertThat(out).contains(in.get(s.start()));
            for (DiffParser.Hunk h : s.hunks()) {
                for (int i = h.header(); i < h.end(); i++) {
                    String line = in.get(i);
                    boolean changed = i == h.header() || line.startsWith("+") || line.startsWith("-")
                            || line.startsWith("\\");
                    if (changed && !summarised) {
                        assertThat(out).as("%s line %d", s.path(), i + 1).contains(line);
                    }
                }
            }
        }
        boolean[] inSection = new boolean[in.size()];
        for (DiffParser.FileSection s : sections) {
            for (int i = s.start(); i < s.end(); i++) {
                inSection[i] = true;
            }
        }
        for (int i = 0; i < in.size(); i++) {
            if (!inSection[i]) {
                assertThat(out).as("commit header or message line %d", i + 1).contains(in.get(i));
            }
        }
    }

    @Test
    void summarisesLockfileGeneratedAndBinaryBodiesWithCountsAndExactKeys() {
        String input = Fixtures.read("diff/git-diff.txt");
        CompressionStore store = Fixtures.store();
        Compressed c = compressor.compress(input, Fixtures.lossy(store, ""));
        assertThat(c.output()).contains("diff --git a/package-lock.json b/package-lock.json")
                .containsPattern("\\[lockfile package-lock.json diff body: 2 hunks, \\+\\d+ -\\d+ lines omitted; retrieve: "
                        + "[0-9a-f]{24}]")
                .containsPattern("\\[generated file bundle.min.js diff body: 1 hunk, \\+2 -0 lines omitted")
                .contains("Binary files a/logo.png and b/logo.png differ");
        for (String key : Markers.keysIn(c.output())) {
            String stored = store.get(key).orElseThrow();
            assertThat(input).contains(stored);
        }
    }

    @Test
    void trimsLongUnchangedContextWithOldAndNewRangesThatRetrieveExactly() {
        String input = Fixtures.read("diff/git-diff-U15.txt");
        CompressionStore store = Fixtures.store();
        Compressed c = compressor.compress(input, Fixtures.lossy(store, ""));
        assertThat(c.output()).containsPattern("\\[\\d+ unchanged lines \\((old )?lines \\d+-\\d+");
        assertThat(Fixtures.saved(input, c.output())).isGreaterThan(0.3);
        for (String key : c.retrievalKeys()) {
            String stored = store.get(key).orElseThrow();
            assertThat(input).contains(stored + "\n");
        }
    }

    @Test
    void markerRangesNameTheTrueLineNumbersInARealRepository(@TempDir Path dir) throws Exception {
        assumeThat(git(dir, "init", "-q")).isNotNull();
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            lines.add("line " + i + " of the original file");
        }
        Path file = dir.resolve("notes.txt");
        Files.write(file, lines);
        git(dir, "add", "notes.txt");
        git(dir, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        lines.set(9, "line 10 changed");
        lines.add(100, "inserted after line 100");
        Files.write(file, lines);
        String diff = git(dir, "diff", "-U40");
        assumeThat(diff).isNotNull().contains("@@");
        CompressionStore store = Fixtures.store();
        CompressionContext ctx = new CompressionContext(HeadroomConfig.builder().minTokens(100).lossyMinTokens(100)
                .build(), "", null, TokenCounters.o200k(), store);
        Compressed c = compressor.compress(diff, ctx);
        assertThat(c.output()).contains("-line 10 of the original file", "+line 10 changed",
                "+inserted after line 100");
        // git made two hunks; each keeps 3 lines around its change and names the true numbers of what it cut.
        assertThat(c.output()).contains("[6 unchanged lines (lines 1-6) omitted; retrieve: ",
                "[37 unchanged lines (lines 14-50) omitted; retrieve: ",
                "[37 unchanged lines (lines 61-97) omitted; retrieve: ",
                "[17 unchanged lines (old lines 104-120, new lines 105-121) omitted; retrieve: ");
        String key = c.retrievalKeys().get(1);
        StringBuilder expected = new StringBuilder();
        for (int i = 14; i <= 50; i++) {
            expected.append(i > 14 ? "\n" : "").append(" line ").append(i).append(" of the original file");
        }
        assertThat(store.get(key)).contains(expected.toString());
        Compressed lossless = compressor.compress(diff, Fixtures.lossless());
        assertThat(DiffFold.decode(lossless.output())).isEqualTo(diff);
    }

    @Test
    void keepsCrlfDiffsByteForByte() {
        String crlf = Fixtures.read("diff/git-diff.txt").replace("\n", "\r\n");
        Compressed c = compressor.compress(crlf, Fixtures.lossless());
        assertThat(c.output().equals(crlf) || DiffFold.decode(c.output()).equals(crlf)).isTrue();
        assertThat(compressor.compress(crlf, Fixtures.lossy(Fixtures.store(), ""))).isNotNull();
    }

    @Test
    void neverThrowsOnBadInput() {
        String huge = "+" + "x".repeat(3_000_000);
        for (String bad : List.of("diff --git a/x b/x\n@@ -1,5 +1,5 @@\n" + huge, "@@ -1,99999999999999999 +1 @@\n-a",
                "diff --git a/\ud800 b/\ud800\n--- a/\ud800\n+++ b/\ud800\n@@ -1 +1 @@\n-a\n+b",
                "--- a\n+++ b\n@@ -x +y @@\n", "diff --git\n", "\u0000\u0001\u0002diff --git a/b b/b\n",
                "diff --git a/f b/f\nGIT binary patch\nliteral 5\nabc\n\nliteral 0\n")) {
            assertThat(compressor.compress(bad, Fixtures.lossless())).isNotNull();
            assertThat(compressor.compress(bad, Fixtures.lossy(Fixtures.store(), ""))).isNotNull();
        }
    }

    private static boolean isSummarised(String path) {
        return path.endsWith("package-lock.json") || path.endsWith(".min.js") || path.endsWith(".png");
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        Process p;
        try {
            p = pb.redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            return null;
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
