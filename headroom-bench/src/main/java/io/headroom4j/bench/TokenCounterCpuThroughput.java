package io.headroom4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounterVariants;

/**
 * MB per second of CPU time (the calling thread's) of each token counter on each fixture, rounds interleaved so a
 * change in machine load hits every counter alike; the best round is reported. Checks that every counter of an
 * encoding gives the same count. Run from the repository root:
 * <pre>{@code
 * java -cp headroom-bench/target/benchmarks.jar io.headroom4j.bench.TokenCounterCpuThroughput [seconds] [rounds]
 * }</pre>
 */
public final class TokenCounterCpuThroughput {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TokenCounterCpuThroughput() {
    }

    /** Entry point: {@code [CPU seconds per counter per round, default 1] [rounds, default 3] [counters, csv]}. */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String[] names = args.length > 2 ? args[2].split(",")
                : new String[] {"jtokkit-o200k", "o200k", "o200k-cold", "o200k-nocache", "jtokkit-cl100k", "cl100k",
                    "cl100k-cold"};
        String[] fixtures = {"log/app.log", "log/access.log", "json/github-issues-100.json",
            "json/app-logs-1000.jsonl", "code/jsoup_StringUtil.java", "code/treesitter_node_tree.cc",
            "prose/apache_LICENSE-2.0.txt", "prose/charset_normalizer_README.md", "diff/git-log-p.txt"};
        StringBuilder header = new StringBuilder("| Fixture | KB |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (String n : names) {
            header.append(' ').append(n).append(" |");
            rule.append("---:|");
        }
        System.out.println("MB/s of CPU time (best of " + rounds + " rounds of " + seconds + " s); load average "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(header);
        System.out.println(rule);
        for (String f : fixtures) {
            String text = Fixtures.read(f);
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            double[] best = new double[names.length];
            int[] counts = new int[names.length];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < names.length; i++) {
                    Supplier<TokenCounter> counter = TokenCounterVariants.of(names[i]);
                    double mbps = bytes / 1e6 / cpuSecondsPerCall(counter, text, seconds, r == 0, counts, i);
                    best[i] = Math.max(best[i], mbps);
                }
            }
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.0f |", f, bytes / 1024.0));
            for (int i = 0; i < names.length; i++) {
                row.append(String.format(Locale.ROOT, " %.1f |", best[i]));
            }
            System.out.println(row);
            for (int i = 0; i < names.length; i++) {
                String enc = names[i].contains("cl100k") ? "cl100k" : "o200k";
                for (int j = 0; j < i; j++) {
                    String encJ = names[j].contains("cl100k") ? "cl100k" : "o200k";
                    if (enc.equals(encJ) && counts[i] != counts[j]) {
                        throw new IllegalStateException(names[i] + " counts " + counts[i] + " but " + names[j]
                                + " counts " + counts[j] + " on " + f);
                    }
                }
            }
        }
    }

    private static double cpuSecondsPerCall(Supplier<TokenCounter> counter, String text, double seconds,
                                            boolean warm, int[] counts, int slot) {
        long budget = (long) (seconds * 1e9);
        if (warm) {
            long w = THREADS.getCurrentThreadCpuTime();
            while (THREADS.getCurrentThreadCpuTime() - w < budget) {
                counts[slot] = counter.get().count(text);
            }
        }
        long start = THREADS.getCurrentThreadCpuTime();
        int n = 0;
        while (THREADS.getCurrentThreadCpuTime() - start < budget || n == 0) {
            counts[slot] = counter.get().count(text);
            n++;
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e9 / n;
    }
}
