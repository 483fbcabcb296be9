package io.headroom4j.bench.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the evaluation and writes the report: {@code bench/run-eval [options]}.
 *
 * <p>Options: {@code --corpus DIR} (default {@code headroom-bench/corpus}), {@code --docs DIR} (default
 * {@code docs}), {@code --work DIR} (default {@code headroom-bench/target/eval}), {@code --no-python} (skip the
 * Python Headroom peer), {@code --fresh-python} (run the Python peer even when an earlier run over the same
 * inputs can be reused), {@code --quick} (fewer timed runs), {@code --types json,log} (only these corpus
 * types), {@code --max-files N} (at most N inputs per type), {@code --no-conversations}, {@code --no-bar}.
 * Exits 0 on success, 1 on failure, 2 on a usage error.
 */
public final class EvalMain {

    private EvalMain() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code;
        try {
            code = run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("run-eval: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            System.err.println("run-eval: failed: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args) throws IOException {
        Path corpus = Path.of("headroom-bench/corpus");
        Path docs = Path.of("docs");
        Path work = Path.of("headroom-bench/target/eval");
        boolean python = true;
        boolean conversations = true;
        boolean bar = true;
        boolean reusePeer = true;
        int maxRuns = 10;
        double minSeconds = 0.5;
        List<String> types = new ArrayList<>();
        int maxFiles = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--corpus" -> corpus = Path.of(value(args, ++i, "--corpus"));
                case "--docs" -> docs = Path.of(value(args, ++i, "--docs"));
                case "--work" -> work = Path.of(value(args, ++i, "--work"));
                case "--no-python" -> python = false;
                case "--no-conversations" -> conversations = false;
                case "--no-bar" -> bar = false;
                case "--fresh-python" -> reusePeer = false;
                case "--quick" -> {
                    maxRuns = 3;
                    minSeconds = 0.05;
                }
                case "--types" -> types.addAll(Arrays.asList(value(args, ++i, "--types").split(",")));
                case "--max-files" -> maxFiles = Integer.parseInt(value(args, ++i, "--max-files"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; known: --corpus --docs --work --no-python --fresh-python --no-conversations --no-bar"
                        + " --quick --types --max-files");
            }
        }
        if (!Files.isDirectory(corpus)) {
            throw new IllegalArgumentException("no corpus at " + corpus.toAbsolutePath());
        }
        long t0 = System.nanoTime();
        Evaluation.Results results;
        try (Progress progress = new Progress(System.out, bar)) {
            results = new Evaluation(new Evaluation.Options(corpus, work, python, maxRuns, minSeconds, types, maxFiles,
                    conversations, reusePeer), progress).run();
        }
        String header = header(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
        new Report(results, header).write(docs);
        System.out.println("run-eval: wrote " + docs.resolve("EVALUATION.md") + ", " + docs.resolve("eval-headline.md")
                + " and " + docs.resolve("img") + "/eval-*.png");
        System.out.println(Files.readString(docs.resolve("eval-headline.md"), StandardCharsets.UTF_8));
        return 0;
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static String header(long seconds) {
        String when = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        return "Run " + when + " on commit `" + gitCommit() + "`, " + Runtime.getRuntime().availableProcessors()
                + " cores, " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB; the whole run took " + seconds + " s.";
    }

    private static String gitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
