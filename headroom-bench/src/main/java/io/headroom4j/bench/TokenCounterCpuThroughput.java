package io.headroom4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounterVariants;

/**
 * MB per second of CPU time (the calling thread's) of each token counter on each fixture, rounds interleaved so a
 * change in machine load hits every counter alike; the best round is reported. Checks that every counter of an
 * encoding gives the same count. Run from the repository root:
 * <pre>{@code
 * java -XX:ActiveProcessorCount=1 -cp headroom-bench/target/benchmarks.jar \
 *     io.headroom4j.bench.TokenCounterCpuThroughput [seconds] [rounds] [counters] [what]
 * }</pre>
 */
public final class TokenCounterCpuThroughput {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TokenCounterCpuThroughput() {
    }

    /**
     * Entry point: {@code [CPU seconds per counter per round, default 1] [rounds, default 3] [counters, csv, or "all"]
     * [what: "all" (default), "fixtures" or "owed"]}; prints the fixtures' table, then the proxy's owed count
     * ({@link #owedCount}).
     */
    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String what = args.length > 3 ? args[3] : "all";
        String[] names = args.length > 2 && !args[2].equals("all") ? args[2].split(",")
                : TokenCounterVariants.NAMES;
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
        for (String f : what.equals("owed") ? new String[0] : fixtures) {
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
        if (!what.equals("fixtures")) {
            owedCount(names, rounds, Integer.getInteger("bench.owedCalls", 5));
        }
    }

    /**
     * CPU milliseconds per count of the proxy bench's "100K tokens, new each time" log (the text of
     * {@code ProxyBench.request(100_000, salt)}, a new salt per text, so every count sees new pieces), the count the
     * proxy owes after sending a request for an OpenAI model (o200k) or for Claude (cl100k). Rounds interleave the
     * counters (each counts the same new texts once); best round. Checks that counters of an encoding agree.
     */
    static void owedCount(String[] names, int rounds, int callsPerRound) {
        System.out.println();
        System.out.println("| Counter | CPU ms per count of the new 100K-token log (best round) | MB/s of CPU"
                + " | tokens |");
        System.out.println("|---|---:|---:|---:|");
        long salt = 0;
        double[] best = new double[names.length];
        Arrays.fill(best, Double.MAX_VALUE);
        int[] tokens = new int[names.length];
        long bytes = 0;
        for (int r = 0; r < rounds + 1; r++) {   // round 0 warms up
            String[] texts = new String[callsPerRound];
            for (int i = 0; i < callsPerRound; i++) {
                texts[i] = proxyBenchLog(100_000, String.format(Locale.ROOT, "s%06d", salt++));   // same length
            }
            bytes = texts[0].getBytes(StandardCharsets.UTF_8).length;
            for (int k = 0; k < names.length; k++) {
                Supplier<TokenCounter> counter = TokenCounterVariants.of(names[k]);
                long cpu = 0;
                for (String text : texts) {
                    long start = THREADS.getCurrentThreadCpuTime();
                    tokens[k] = counter.get().count(text);
                    cpu += THREADS.getCurrentThreadCpuTime() - start;
                }
                if (r > 0) {
                    best[k] = Math.min(best[k], cpu / 1e6 / callsPerRound);
                }
            }
            for (int k = 0; k < names.length; k++) {
                for (int j = 0; j < k; j++) {
                    if (names[k].contains("cl100k") == names[j].contains("cl100k") && tokens[k] != tokens[j]) {
                        throw new IllegalStateException(names[k] + " counts " + tokens[k] + " but " + names[j]
                                + " counts " + tokens[j] + " on the owed log");
                    }
                }
            }
        }
        for (int k = 0; k < names.length; k++) {
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %,d |%n", names[k], best[k],
                    bytes / 1e3 / best[k], tokens[k]);
        }
    }

    /** The tool output of {@code ProxyBench.request(tokens, salt)} (headroom-proxy's test scope), copied. */
    static String proxyBenchLog(int tokens, String salt) {
        StringBuilder log = new StringBuilder();
        int i = 0;
        while (log.length() < tokens * 24L / 10) {
            log.append("2026-11-24T06:").append(i % 60).append(':').append(i % 59)
                    .append(" INFO http GET /api/v2/items/")
                    .append(i * 31 % 100_000).append(" status=200 dur=").append(i % 97).append("ms req=")
                    .append(salt).append('-').append(i).append('\n');
            i++;
        }
        return log.toString();
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
