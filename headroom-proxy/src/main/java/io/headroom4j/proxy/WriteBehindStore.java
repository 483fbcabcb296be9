package io.headroom4j.proxy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.headroom4j.compress.Compressed;
import io.headroom4j.store.CompressionMemo;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.ContentKeys;
import io.headroom4j.store.SqliteCompressionStore;
import io.headroom4j.store.StoreEntry;

/**
 * The proxy's view of its {@link CompressionStore}: writes (the originals a compressor drops, and the memo
 * rows) are handed to one writer thread the moment their content is known, so the request goes upstream
 * without waiting for SQLite; the proxy then holds the upstream's response back until every key the request
 * carries is durable ({@link #awaitDurable}).
 *
 * <p>Why that is enough: a retrieval key reaches the model only inside the request, and the model can call
 * {@code headroom_retrieve} only in a response, which the client (or the proxy's own retrieve interception)
 * sees only after the proxy relays it, i.e. after the key is on disk. If the proxy dies before that, the
 * client sees a failed call and sends it again. Retrieves in this process see writes still in flight
 * ({@link #get} looks at them first), so the proxy's interception and {@code /v1/retrieve} never miss.
 *
 * <p>The writer is one thread and first in, first out: an original is always written before the memo row
 * that names its key, so another process never finds a memo row whose originals are missing.
 *
 * <p>A failed write (disk full, file made read-only) is counted and logged; its original stays in memory
 * (up to {@link #FAILED_MAX_CHARS} chars in all), still retrievable here, and {@link #awaitDurable} says
 * false, so the proxy sends the original request instead (fail-open). A later request that would carry that
 * key writes it again first ({@link #retryFailed}), on its own thread, and fails open if that fails too. A
 * memo row whose originals were not written is not written either. When more than {@link #PENDING_MAX_CHARS}
 * chars wait for the writer, {@link #put} writes on the caller's thread, as it did before (back-pressure).
 *
 * <p>For a {@link SqliteCompressionStore}, the writer thread also sweeps expired rows (every
 * {@link SqliteCompressionStore#PURGE_INTERVAL}, the first right away), instead of the store doing it inside
 * whichever call comes first: a memo lookup on a request's path never waits for a sweep.
 *
 * <p>Thread-safe. It does not own the store: {@link #close} waits for the writer and leaves the store open
 * (sweeping on its calls again).
 */
final class WriteBehindStore implements CompressionStore {

    /** Chars of originals at most waiting for the writer; beyond, {@link #put} writes inline. */
    static final long PENDING_MAX_CHARS = 64L << 20;
    /** Chars of originals whose write failed kept in memory for retrieval and a retry; beyond, they are lost. */
    static final long FAILED_MAX_CHARS = 64L << 20;

    private static final System.Logger LOG = System.getLogger(WriteBehindStore.class.getName());

    private final CompressionStore store;
    private final ExecutorService writer;
    /** The periodic sweep of a SQLite store on the writer thread, or null. */
    private final ScheduledFuture<?> sweeps;
    private final ConcurrentHashMap<String, Write> writes = new ConcurrentHashMap<>();
    private final CompressionMemo memo;
    private final AtomicLong pendingChars = new AtomicLong();
    private final AtomicLong failedChars = new AtomicLong();
    private final LongAdder failures = new LongAdder();

    /** One original on its way to the store. {@code done} completes with true once written, false if it failed. */
    private static final class Write {
        final String key;
        /** Null once a failed write's original was let go (over {@link #FAILED_MAX_CHARS}): the key is lost. */
        volatile String original;
        final int chars;
        final String transform;
        final CompletableFuture<Boolean> done = new CompletableFuture<>();

        Write(String key, String original, String transform) {
            this.key = key;
            this.original = original;
            this.chars = original.length();
            this.transform = transform;
        }

        boolean failed() {
            return done.isDone() && !done.getNow(true);
        }
    }

    WriteBehindStore(CompressionStore store) {
        this.store = store;
        // One thread, first in first out (tasks run now are ordered by submission), that also runs the sweeps.
        ScheduledThreadPoolExecutor one = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("headroom-store-writer").daemon(true).factory());
        one.setRemoveOnCancelPolicy(true);
        this.writer = one;
        if (store instanceof SqliteCompressionStore sqlite) {
            // The sweep of expired rows would otherwise run inside whichever call comes first each minute, a memo
            // lookup on a request's path included, and wait there for another process's write lock.
            sqlite.purgeOnlyWhenAsked();
            this.sweeps = one.scheduleWithFixedDelay(() -> sweep(sqlite), 0,
                    SqliteCompressionStore.PURGE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            this.sweeps = null;
        }
        CompressionMemo behind = store.memo();
        this.memo = behind == CompressionMemo.none() ? behind : new Memo(behind);
    }

    /** The store written behind. */
    CompressionStore behind() {
        return store;
    }

    private static void sweep(SqliteCompressionStore sqlite) {
        try {
            sqlite.purge();
        } catch (RuntimeException e) {
            // A later sweep tries again; expired rows are never returned meanwhile.
            LOG.log(System.Logger.Level.WARNING, "sweep of expired store rows failed: {0}", e.toString());
        }
    }

    /** The store behind. */
    CompressionStore delegate() {
        return store;
    }

    /** How many writes failed so far (originals and memo rows). */
    long failures() {
        return failures.sum();
    }

    @Override
    public String put(String original, String transform) {
        // The check and the key on the caller's thread: the marker needs the key now, and a lone surrogate must be
        // refused here, as the stock stores do. The write itself (encoding again, the copy into SQLite) is behind.
        String key = ContentKeys.keyOfEncodable(original);
        Write w = new Write(key, original, transform);
        Write[] submit = new Write[1];
        writes.compute(key, (k, old) -> {
            if (old != null && !old.failed()) {
                return old;   // the same content is already on its way (keys are content hashes)
            }
            if (old != null && old.original != null) {
                failedChars.addAndGet(-old.chars);
            }
            submit[0] = w;
            return w;
        });
        if (submit[0] == null) {
            return key;
        }
        if (pendingChars.addAndGet(original.length()) > PENDING_MAX_CHARS) {
            write(w);   // the writer is behind: write here, as without write-behind
            if (w.failed()) {
                throw new java.io.UncheckedIOException("cannot write to the store",
                        new java.io.IOException("cannot write to the store " + store));
            }
            return key;
        }
        try {
            writer.execute(() -> write(w));
        } catch (RejectedExecutionException e) {
            write(w);   // closing: write inline
        }
        return key;
    }

    private void write(Write w) {
        boolean ok;
        try {
            store.put(w.original, w.transform);
            ok = true;
        } catch (RuntimeException e) {
            failures.increment();
            LOG.log(System.Logger.Level.WARNING, "cannot write an original to the store; requests carrying its key"
                    + " are sent uncompressed until a write succeeds: {0}", e.toString());
            ok = false;
        }
        pendingChars.addAndGet(-w.chars);
        if (ok) {
            writes.remove(w.key, w);
        } else if (failedChars.addAndGet(w.chars) > FAILED_MAX_CHARS) {
            // Too much held already: this original is let go; its key stays known as failed, so a request that
            // carries it fails open (until the same content is stored again).
            failedChars.addAndGet(-w.chars);
            w.original = null;
        }
        w.done.complete(ok);
    }

    /**
     * Waits until the originals of {@code keys} that are still being written are on disk; true when every one
     * of them is (keys this store never wrote count as durable: they are earlier turns' keys), false when a
     * write failed or did not finish within {@code timeoutNanos}.
     */
    boolean awaitDurable(Collection<String> keys, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        for (String key : keys) {
            Write w = writes.get(key);
            if (w == null) {
                continue;
            }
            try {
                if (!w.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            } catch (TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "store write of {0} still running after the wait; failing open",
                        key);
                return false;
            } catch (ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** True when none of {@code keys} is waiting for the writer (for a request that need not wait at all). */
    boolean allWritten(Collection<String> keys) {
        for (String key : keys) {
            Write w = writes.get(key);
            if (w != null && !w.done.isDone()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes again, on this thread, the originals of {@code keys} whose earlier write failed; true when none of
     * {@code keys} is left failed (or lost) afterwards.
     */
    boolean retryFailed(Collection<String> keys) {
        boolean ok = true;
        for (String key : keys) {
            Write w = writes.get(key);
            if (w == null || !w.failed()) {
                continue;
            }
            String original = w.original;
            if (original == null) {
                ok = false;
                continue;
            }
            try {
                store.put(original, w.transform);
                if (writes.remove(key, w)) {
                    failedChars.addAndGet(-w.chars);
                }
            } catch (RuntimeException e) {
                failures.increment();
                ok = false;
            }
        }
        return ok;
    }

    @Override
    public Optional<String> get(String key) {
        Write w = key == null ? null : writes.get(key);
        String original = w == null ? null : w.original;
        return original != null ? Optional.of(original) : store.get(key);
    }

    @Override
    public Optional<StoreEntry> entry(String key) {
        Write w = key == null ? null : writes.get(key);
        if (w != null && !w.done.isDone()) {
            awaitDurable(List.of(key), TimeUnit.SECONDS.toNanos(10));
        }
        return store.entry(key);
    }

    @Override
    public boolean renew(Collection<String> keys) {
        List<String> behind = new ArrayList<>(keys.size());
        boolean all = true;
        for (String key : keys) {
            Write w = writes.get(key);
            if (w == null) {
                behind.add(key);
            } else if (w.failed()) {
                all = false;   // in memory only: not to be sent again as if it were stored
            }
        }
        return (behind.isEmpty() || store.renew(behind)) && all;
    }

    @Override
    public CompressionMemo memo() {
        return memo;
    }

    @Override
    public long size() {
        return store.size();
    }

    /** Waits (up to 30 s) for the writes handed to the writer; the store behind stays open. */
    @Override
    public void close() {
        if (sweeps != null) {
            sweeps.cancel(false);
            if (store instanceof SqliteCompressionStore sqlite) {
                sqlite.purgeOnCalls();   // the store may be used on without this writer
            }
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "store writes still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "WriteBehindStore[" + store + "]";
    }

    /**
     * The store's memo, written behind like the originals (after them, by the same writer). A value waiting
     * for the writer is what {@link #recall} answers and what {@link #remember} keeps, so this process sends
     * the same bytes meanwhile. If another process remembered the same original first, its value wins on disk;
     * this process already sent its own once, and keeps sending it while its in-memory memo holds it.
     */
    private final class Memo implements CompressionMemo {
        private final CompressionMemo behind;
        private final ConcurrentHashMap<String, Compressed> waiting = new ConcurrentHashMap<>();

        Memo(CompressionMemo behind) {
            this.behind = behind;
        }

        @Override
        public Optional<Compressed> recall(String key) {
            Compressed c = key == null ? null : waiting.get(key);
            return c != null ? Optional.of(c) : behind.recall(key);
        }

        @Override
        public Compressed remember(String key, Compressed value) {
            if (key == null || value == null) {
                return value;
            }
            Compressed first = waiting.putIfAbsent(key, value);
            if (first != null) {
                return first;
            }
            List<Write> needed = new ArrayList<>();
            for (String k : value.retrievalKeys()) {
                Write w = writes.get(k);
                if (w != null) {
                    needed.add(w);
                }
            }
            Runnable task = () -> {
                try {
                    for (Write w : needed) {
                        if (!w.done.getNow(false)) {
                            return;   // its originals are not on disk: a row naming them must not be either
                        }
                    }
                    Compressed winner = behind.remember(key, value);
                    if (winner != null && winner != value && !winner.equals(value)) {
                        LOG.log(System.Logger.Level.INFO, "another process remembered {0} first; its bytes are"
                                + " sent from the next time this original is recalled from the file", key);
                    }
                } catch (RuntimeException e) {
                    failures.increment();
                    LOG.log(System.Logger.Level.WARNING, "memo write failed: {0}", e.toString());
                } finally {
                    waiting.remove(key, value);
                }
            };
            try {
                writer.execute(task);
            } catch (RejectedExecutionException e) {
                task.run();
            }
            return value;
        }
    }
}
