package io.headroom4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.code.CodeCompressor;
import io.headroom4j.compress.text.HtmlCompressor;
import io.headroom4j.compress.text.TextCompressor;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

/**
 * MB per second of CPU time (the calling thread's), for the code, prose and HTML compressors on the
 * fixtures. On a shared machine JMH's wall-clock numbers mostly measure the other tenants; CPU time per
 * call does not. Not a replacement for the JMH benchmarks, a complement when the machine is loaded.
 */
public final class CpuThroughput {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static String kinds = "";

    /** True during the first pass over the cases, which only warms up (see {@link #main}). */
    private static boolean warmUpOnly;

    private CpuThroughput() {
    }

    /**
     * Entry point: {@code [seconds of CPU per case, default 3] [kinds to run, e.g. "code" or "text,html";
     * default all; "code-first" for first-seen code only]}. Every selected case first runs for half its time
     * unmeasured (a warm-up pass over all cases), then each is warmed up and measured in turn.
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        kinds = args.length > 1 ? args[1] : "code,text,html";
        List<Runnable> cases = new ArrayList<>();
        String[] code = {"blinker_base.py", "semver_range.js", "zod_ZodError.ts", "fatih_color.go", "memchr.rs",
            "jsoup_StringUtil.java", "treesitter_tree_cursor.c", "treesitter_node_tree.cc"};
        for (String f : code) {
            String src = Fixtures.read("code/" + f);
            CodeCompressor cc = new CodeCompressor();
            String comment = f.endsWith(".py") ? "\n# " : "\n// ";
            long[] counter = {0};
            cases.add(() -> run("code", f, "first seen", src.length(), seconds, cc,
                    () -> src + comment + (counter[0]++) + "\n", ""));
            cases.add(() -> run("code", f, "repeated", src.length(), seconds, cc, () -> src, ""));
        }
        for (String f : new String[] {"prose/semver_README.md", "prose/charset_normalizer_README.md",
            "prose/apache_LICENSE-2.0.txt", "html/rustdoc_what-is-rustdoc.html",
            "html/rustdoc_documentation-tests.html"}) {
            String text = Fixtures.read(f);
            Compressor c = f.endsWith(".html") ? new HtmlCompressor() : new TextCompressor();
            cases.add(() -> run(f.endsWith(".html") ? "html" : "text", f, "query", text.length(), seconds, c,
                    () -> text, CodeProseReport.QUERIES.get(f)));
        }
        // A warm-up pass over every case before any is measured: the heap grows while the first cases run (each
        // case's store keeps every original it is given), and the kernel's zeroing of the freshly committed pages
        // was charged to the calling thread of whichever case came first (blinker_base.py: 44 page faults and
        // 0.19 ms of system time per call in the first case, none in later ones). A process pays that once, not
        // per call, so it is kept out of every case's numbers alike; each case still warms up on its own below.
        warmUpOnly = true;
        cases.forEach(Runnable::run);
        warmUpOnly = false;
        System.out.println("| Compressor | Fixture | Case | KB | ms CPU per call | MB/s of CPU |");
        System.out.println("|---|---|---|---:|---:|---:|");
        cases.forEach(Runnable::run);
    }

    private static void run(String kind, String file, String label, int chars, double seconds, Compressor c,
                            java.util.function.Supplier<String> input, String query) {
        if (!kinds.contains(kind) || kinds.contains("code-first") && label.equals("repeated")) {
            return;
        }
        CompressionContext ctx = new CompressionContext(HeadroomConfig.defaults(), query, null, TokenCounters.o200k(),
                new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30));
        long budget = (long) (seconds * 1e9);
        if (warmUpOnly) {
            long begin = THREADS.getCurrentThreadCpuTime();
            while (THREADS.getCurrentThreadCpuTime() - begin < budget / 2) {
                c.compress(input.get(), ctx);
            }
            return;
        }
        // Warm-up for as much CPU time as is measured: 20 calls (as before) left C2 unfinished and
        // under-reported the text compressors by up to 2x.
        long warm = THREADS.getCurrentThreadCpuTime();
        while (THREADS.getCurrentThreadCpuTime() - warm < budget) {
            c.compress(input.get(), ctx);   // warm-up: JIT, grammar and model loading
        }
        long start = THREADS.getCurrentThreadCpuTime();
        int n = 0;
        while (THREADS.getCurrentThreadCpuTime() - start < budget) {
            c.compress(input.get(), ctx);
            n++;
        }
        double cpuMs = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / n;
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f | %.2f | %.1f |%n", kind, file, label, chars / 1024.0,
                cpuMs, chars / 1e6 / (cpuMs / 1000));
    }
}
