package io.headroom4j.proxy;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The proxy's counters, shown as JSON on {@code /stats}, as Prometheus text on {@code /metrics}, and on the
 * dashboard. Thread-safe; every update is a few atomic additions.
 */
final class ProxyStats {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY = 120;

    private final long startedNanos = System.nanoTime();
    private final Instant startedAt = Instant.now();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    final LongAdder requests = new LongAdder();
    final LongAdder compressedRequests = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder failOpen = new LongAdder();
    final LongAdder tooLarge = new LongAdder();
    final LongAdder upstreamErrors = new LongAdder();
    final LongAdder retrievals = new LongAdder();
    final LongAdder retrievalMisses = new LongAdder();
    final LongAdder tokensBefore = new LongAdder();
    final LongAdder tokensAfter = new LongAdder();
    final LongAdder cacheReadTokens = new LongAdder();
    final LongAdder cacheWriteTokens = new LongAdder();
    final LongAdder inputTokens = new LongAdder();
    final LongAdder outputTokens = new LongAdder();
    final LongAdder ledgerFailures = new LongAdder();
    /** Requests whose exact token counts were not computed because the proxy's count queue was full. */
    final LongAdder countsSkipped = new LongAdder();
    /** Requests sent again uncompressed because an original behind their markers could not be stored. */
    final LongAdder storeWriteResends = new LongAdder();
    /** Writes to the store that failed so far (set by the proxy). */
    volatile java.util.function.LongSupplier storeWriteFailures = () -> 0;
    private final Map<String, LongAdder> byModel = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> savedByTransform = new ConcurrentHashMap<>();
    private final Deque<long[]> history = new ArrayDeque<>();

    private final Counter requestsCounter = Counter.builder("headroom_requests").register(registry);
    private final Counter failOpenCounter = Counter.builder("headroom_compression_fail_open").register(registry);
    private final Counter failedCounter = Counter.builder("headroom_requests_failed").register(registry);
    private final Counter savedCounter = Counter.builder("headroom_tokens_saved").register(registry);
    private final Counter beforeCounter = Counter.builder("headroom_tokens_before").register(registry);
    private final Counter afterCounter = Counter.builder("headroom_tokens_after").register(registry);
    private final Counter cacheReadCounter = Counter.builder("headroom_cache_read_tokens").register(registry);
    private final Counter cacheWriteCounter = Counter.builder("headroom_cache_write_tokens").register(registry);
    private final Counter retrievalCounter = Counter.builder("headroom_retrievals").register(registry);
    private final Timer overhead = Timer.builder("headroom_overhead").description("Time spent compressing")
            .publishPercentiles(0.5, 0.99).register(registry);

    /** Counts one provider request and its compression outcome. */
    void recordRequest(String model, long before, long after, Map<String, Long> byTransform, boolean failedOpen,
                       long overheadNanos) {
        requests.increment();
        requestsCounter.increment();
        byModel.computeIfAbsent(model == null ? "unknown" : model, k -> new LongAdder()).increment();
        tokensBefore.add(before);
        tokensAfter.add(after);
        beforeCounter.increment(before);
        afterCounter.increment(after);
        savedCounter.increment(Math.max(0, before - after));
        if (before > after) {
            compressedRequests.increment();
        }
        for (Map.Entry<String, Long> e : byTransform.entrySet()) {
            savedByTransform.computeIfAbsent(e.getKey(), k -> new LongAdder()).add(e.getValue());
        }
        if (failedOpen) {
            failOpen.increment();
            failOpenCounter.increment();
        }
        overhead.record(overheadNanos, TimeUnit.NANOSECONDS);
        synchronized (history) {
            history.addLast(new long[] {System.currentTimeMillis(), before, after});
            while (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
    }

    /**
     * Counts one provider request whose token counts were skipped (the count queue was full): the request,
     * its model, fail-open and overhead are counted; its tokens are not, and {@code counts_skipped} says so.
     */
    void recordUncounted(String model, boolean failedOpen, long overheadNanos) {
        requests.increment();
        requestsCounter.increment();
        byModel.computeIfAbsent(model == null ? "unknown" : model, k -> new LongAdder()).increment();
        countsSkipped.increment();
        if (failedOpen) {
            failOpen.increment();
            failOpenCounter.increment();
        }
        overhead.record(overheadNanos, TimeUnit.NANOSECONDS);
    }

    void recordUsage(Usage u) {
        if (u == null) {
            return;
        }
        inputTokens.add(u.input());
        outputTokens.add(u.output());
        cacheReadTokens.add(u.cacheRead());
        cacheWriteTokens.add(u.cacheWrite());
        cacheReadCounter.increment(u.cacheRead());
        cacheWriteCounter.increment(u.cacheWrite());
    }

    void recordFailure() {
        failed.increment();
        failedCounter.increment();
    }

    void recordRetrieval(boolean found) {
        retrievals.increment();
        retrievalCounter.increment();
        if (!found) {
            retrievalMisses.increment();
        }
    }

    /** Prometheus exposition text. */
    String scrape() {
        return registry.scrape();
    }

    double uptimeSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The {@code /stats} document. Field names follow Headroom's own {@code /stats}, which its clients read. */
    ObjectNode toJson(long storeEntries) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode req = root.putObject("requests");
        req.put("total", requests.sum());
        req.put("compressed", compressedRequests.sum());
        req.put("failed", failed.sum());
        req.put("too_large", tooLarge.sum());
        req.put("upstream_errors", upstreamErrors.sum());
        req.put("cached", 0);
        ObjectNode models = req.putObject("by_model");
        new TreeMap<>(byModel).forEach((k, v) -> models.put(k, v.sum()));
        long before = tokensBefore.sum();
        long after = tokensAfter.sum();
        long saved = Math.max(0, before - after);
        ObjectNode tokens = root.putObject("tokens");
        tokens.put("total_before_compression", before);
        tokens.put("total_after_compression", after);
        tokens.put("saved", saved);
        tokens.put("savings_percent", before == 0 ? 0.0 : Math.round(10000.0 * saved / before) / 100.0);
        ObjectNode byT = tokens.putObject("saved_by_transform");
        new TreeMap<>(savedByTransform).forEach((k, v) -> byT.put(k, v.sum()));
        ObjectNode usage = root.putObject("provider_usage");
        usage.put("input_tokens", inputTokens.sum());
        usage.put("output_tokens", outputTokens.sum());
        usage.put("cache_read_tokens", cacheReadTokens.sum());
        usage.put("cache_write_tokens", cacheWriteTokens.sum());
        ObjectNode comp = root.putObject("compression");
        comp.put("fail_open", failOpen.sum());
        // Requests sent and counted in requests.total whose exact token counts were skipped under overload: the
        // token totals above leave them out.
        comp.put("counts_skipped", countsSkipped.sum());
        comp.put("overhead_ms_p50", overhead.takeSnapshot().percentileValues().length > 0
                ? overhead.takeSnapshot().percentileValues()[0].value(TimeUnit.MILLISECONDS) : 0.0);
        comp.put("overhead_ms_mean", overhead.mean(TimeUnit.MILLISECONDS));
        ObjectNode ccr = root.putObject("retrieval");
        ccr.put("calls", retrievals.sum());
        ccr.put("misses", retrievalMisses.sum());
        ccr.put("store_entries", storeEntries);
        // Writes of originals or memo rows that failed, and the requests re-sent uncompressed because of one.
        ccr.put("store_write_failures", storeWriteFailures.getAsLong());
        ccr.put("store_write_resends", storeWriteResends.sum());
        root.putObject("ledger").put("write_failures", ledgerFailures.sum());
        ArrayNode hist = root.putArray("history");
        synchronized (history) {
            for (long[] h : history) {
                hist.addArray().add(h[0]).add(h[1]).add(h[2]);
            }
        }
        root.put("uptime_seconds", Math.round(uptimeSeconds() * 10) / 10.0);
        return root;
    }

    /**
     * Token usage a provider reported for one response.
     *
     * @param input      uncached input tokens
     * @param output     output tokens
     * @param cacheRead  input tokens read from the prompt cache
     * @param cacheWrite input tokens written to the prompt cache
     */
    record Usage(long input, long output, long cacheRead, long cacheWrite) {
    }
}
