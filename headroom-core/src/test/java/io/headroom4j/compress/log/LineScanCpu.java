package io.headroom4j.compress.log;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Single-thread CPU of the per-line scan of {@code log.templates}: {@link LineScan#of} against the scan as it was
 * before session 8 ({@link PreviousLineScan}), back to back and interleaved in one JVM, on the proxy bench's
 * 100K-token log and on the log and build fixtures. Thread CPU time, the median (and the minimum) of the rounds,
 * in microseconds per scan. Not a test: run it with the test classpath,
 * {@code java -cp <test classpath> io.headroom4j.compress.log.LineScanCpu [ROUNDS] [MS_PER_CELL] [INPUT_FILTER]}.
 */
final class LineScanCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static volatile long sink;

    private LineScanCpu() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        long cellNanos = (args.length > 1 ? Long.parseLong(args[1]) : 300) * 1_000_000L;
        String only = args.length > 2 ? args[2] : "";
        Map<String, LogLines> inputs = new LinkedHashMap<>();
        inputs.put("bench 100K log", LogLines.of(benchLog("pin-0")));
        for (String f : List.of("log/app.log", "log/access.log", "build/maven-test-failure-ansi-progress.txt",
                "build/gradle-test-failure-verbose-ansi.txt", "build/npm-jest-verbose.txt",
                "build/pytest-verbose.txt", "build/go-test-verbose.txt", "build/cargo-test-failure.txt")) {
            inputs.put(f, LogLines.of(LogTestSupport.fixture(f)));
        }
        inputs.keySet().removeIf(k -> !k.contains(only));
        System.out.println("load average at start: " + loadAverage());
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, LogLines> e : inputs.entrySet()) {
                LogLines lines = e.getValue();
                boolean oldFirst = r % 2 == 0;
                double before = 0;
                double after = 0;
                for (int k = 0; k < 2; k++) {
                    if ((k == 0) == oldFirst) {
                        before = measure(() -> PreviousLineScan.scan(lines).count, cellNanos);
                    } else {
                        after = measure(() -> LineScan.of(lines).distinct(0), cellNanos);
                    }
                }
                results.computeIfAbsent(e.getKey(), x -> new ArrayList<>()).add(new double[] {before, after});
            }
        }
        System.out.println("| input | KB | lines | before us/scan | after us/scan | after / before | min before / after |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            // The first round warms the JIT up: left out when there are more.
            List<double[]> rs = e.getValue().size() > 1 ? e.getValue().subList(1, e.getValue().size()) : e.getValue();
            double b = median(rs, 0);
            double a = median(rs, 1);
            LogLines lines = inputs.get(e.getKey());
            double minB = rs.stream().mapToDouble(x -> x[0]).min().orElse(0);
            double minA = rs.stream().mapToDouble(x -> x[1]).min().orElse(0);
            System.out.printf(Locale.ROOT, "| %s | %d | %,d | %.1f | %.1f | %.2f | %.1f / %.1f |%n", e.getKey(),
                    lines.text().length() / 1024, lines.count(), b, a, a / b, minB, minA);
        }
        System.out.println("load average at end: " + loadAverage());
    }

    /** The proxy bench's log ({@code ProxyBench.request}): about 100K o200k tokens, unique per {@code salt}. */
    static String benchLog(String salt) {
        StringBuilder log = new StringBuilder();
        int i = 0;
        while (log.length() < 100_000 * 24L / 10) {
            log.append("2026-11-24T06:").append(i % 60).append(':').append(i % 59).append(" INFO http GET /api/v2/items/")
                    .append(i * 31 % 100_000).append(" status=200 dur=").append(i % 97).append("ms req=")
                    .append(salt).append('-').append(i).append('\n');
            i++;
        }
        return log.toString();
    }

    private static double measure(java.util.function.IntSupplier body, long cellNanos) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        long now = t0;
        long n = 0;
        long acc = 0;
        while (now - t0 < cellNanos) {
            acc += body.getAsInt();
            n++;
            now = THREADS.getCurrentThreadCpuTime();
        }
        sink += acc;
        return (now - t0) / 1000.0 / n;
    }

    private static double median(List<double[]> rs, int k) {
        double[] v = rs.stream().mapToDouble(x -> x[k]).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
