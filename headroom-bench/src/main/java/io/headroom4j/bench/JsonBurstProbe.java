package io.headroom4j.bench;

import java.time.Duration;
import java.util.Arrays;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.json.JsonTableCompressor;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

/**
 * Per-second minimum, p50 and p90 of one JSON compression call, next to two fixed CPU probes timed after every
 * call in the same thread: a latency-bound chain of dependent multiply-adds (slows only if the clock drops) and a
 * throughput-bound set of six independent chains (slows too when the core's issue slots are shared). A second whose
 * p50 jumps while the minimum and the latency probe stay put is the machine, not the compressor (see
 * docs/BENCHMARKS.md, "Session 6 (h-json7)").
 *
 * <p>Run: {@code java -cp headroom-bench/target/benchmarks.jar io.headroom4j.bench.JsonBurstProbe [seconds]
 * [search10k|search100k|db1000] [lossy|lossless]}; defaults 40 s, search10k, lossy. Pin it with
 * {@code taskset -c 0} to put co-runners on the other CPU.
 */
public final class JsonBurstProbe {

    private static volatile Object sink;

    private JsonBurstProbe() {
    }

    /**
     * Prints one line per second.
     *
     * @param args seconds, input and mode, all optional
     */
    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String input = args.length > 1 ? args[1] : "search10k";
        boolean lossy = args.length <= 2 || args[2].equals("lossy");
        String content = switch (input) {
            case "search10k" -> JsonCorpus.searchResultsOfTokens(10_000, 11);
            case "search100k" -> JsonCorpus.searchResultsOfTokens(100_000, 12);
            case "db1000" -> JsonCorpus.databaseRows(1_000, 13);
            default -> throw new IllegalArgumentException(input);
        };
        CompressionContext context = new CompressionContext(HeadroomConfig.defaults(), "", null,
                TokenCounters.o200k(), lossy ? new InMemoryCompressionStore(Duration.ofHours(1), 256L << 20) : null);
        JsonTableCompressor compressor = new JsonTableCompressor();
        int cap = 200_000;
        long[] calls = new long[cap];
        long[] latency = new long[cap];
        long[] throughput = new long[cap];
        long x = 7;
        long y0 = 1;
        long y1 = 2;
        long y2 = 3;
        long y3 = 4;
        long y4 = 5;
        long y5 = 6;
        long start = System.nanoTime();
        for (int s = 0; s < seconds; s++) {
            long end = System.nanoTime() + 1_000_000_000L;
            int k = 0;
            while (System.nanoTime() < end && k < cap) {
                long t0 = System.nanoTime();
                sink = compressor.compress(content, context);
                long t1 = System.nanoTime();
                for (int i = 0; i < 20_000; i++) {
                    x = x * 6364136223846793005L + (x >>> 29);   // each step waits for the last: latency-bound
                }
                long t2 = System.nanoTime();
                for (int i = 0; i < 20_000; i++) {
                    y0 = (y0 ^ (y0 << 7)) + i;
                    y1 = (y1 ^ (y1 >>> 5)) + y0;
                    y2 = (y2 ^ (y2 << 3)) - i;
                    y3 = (y3 ^ (y3 >>> 11)) + y2;
                    y4 = (y4 ^ (y4 << 13)) + i;
                    y5 = (y5 ^ (y5 >>> 17)) - y4;
                }
                long t3 = System.nanoTime();
                calls[k] = t1 - t0;
                latency[k] = t2 - t1;
                throughput[k++] = t3 - t2;
            }
            Arrays.sort(calls, 0, k);
            Arrays.sort(latency, 0, k);
            Arrays.sort(throughput, 0, k);
            sink = x + y0 + y1 + y2 + y3 + y4 + y5;
            System.out.printf("%6.1f s  n=%5d  compress min %7.1f p50 %7.1f p90 %7.1f us"
                            + "  | latency probe p50 %5.1f us | throughput probe p50 %5.1f us%n",
                    (System.nanoTime() - start) / 1e9, k, calls[0] / 1e3, calls[k / 2] / 1e3,
                    calls[k * 9 / 10] / 1e3, latency[k / 2] / 1e3, throughput[k / 2] / 1e3);
        }
    }
}
