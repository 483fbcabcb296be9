package io.headroom4j.compress.text;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs an optional {@link SentenceScorer} found through {@link ServiceLoader} off the request path: the
 * model loads lazily in the background, each scoring call runs on a small bounded pool and is abandoned
 * after a timeout. Every failure (no provider, load error, timeout, queue full, exception, wrong result
 * length) yields null, and the caller falls back to BM25.
 */
final class NeuralScoring {

    private static final System.Logger LOG = System.getLogger(NeuralScoring.class.getName());

    private static final Map<String, CompletableFuture<SentenceScorer>> LOADED = new ConcurrentHashMap<>();

    // Two threads, eight queued tasks: inference competes with the request path for CPU, so it is bounded.
    private static final ExecutorService POOL = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(8), r -> {
                Thread t = new Thread(r, "headroom-neural");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.AbortPolicy());

    private NeuralScoring() {
    }

    /**
     * Scores with the scorer for {@code spec}, or returns null when it is not loaded yet, failed, or did not
     * answer within {@code timeoutMillis}. The first call for a spec starts loading it.
     */
    static double[] tryScore(String spec, String query, List<String> sentences, long timeoutMillis) {
        if (spec == null || spec.isEmpty() || sentences.isEmpty()) {
            return null;
        }
        CompletableFuture<SentenceScorer> loading = LOADED.computeIfAbsent(spec, NeuralScoring::load);
        try {
            SentenceScorer scorer = loading.get(timeoutMillis, TimeUnit.MILLISECONDS);
            Future<double[]> f = POOL.submit(() -> scorer.score(query, sentences));
            try {
                double[] s = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
                return s != null && s.length == sentences.size() && allFinite(s) ? s : null;
            } catch (java.util.concurrent.TimeoutException e) {
                f.cancel(true);
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** True once the scorer for {@code spec} has loaded successfully. */
    static boolean isReady(String spec) {
        CompletableFuture<SentenceScorer> f = LOADED.get(spec);
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    private static CompletableFuture<SentenceScorer> load(String spec) {
        return CompletableFuture.supplyAsync(() -> {
            for (SentenceScorer.Provider p : ServiceLoader.load(SentenceScorer.Provider.class)) {
                if (p.supports(spec)) {
                    try {
                        return p.open(spec);
                    } catch (Exception e) {
                        LOG.log(Level.WARNING, "neural model " + spec + " failed to load; using BM25: " + e);
                        throw new IllegalStateException(e);
                    }
                }
            }
            LOG.log(Level.WARNING, "no provider for neural model " + spec
                    + " (is headroom-neural on the classpath?); using BM25");
            throw new IllegalStateException("no provider for " + spec);
        }, runnable -> {
            Thread t = new Thread(runnable, "headroom-neural-load");
            t.setDaemon(true);
            t.start();
        });
    }

    private static boolean allFinite(double[] s) {
        for (double v : s) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
