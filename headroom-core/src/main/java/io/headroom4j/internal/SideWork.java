package io.headroom4j.internal;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A second thread that one compression may hand independent work to: the thread that waits for the compression
 * anyway (the proxy's connection thread) lends itself as a helper while it waits, so a large input's per-line
 * scans can run on two cores without waking a pool thread.
 *
 * <p>How it is used: the compressing thread runs its work inside {@link #run}; compression code calls
 * {@link #both(Runnable, Runnable)} wherever two parts are independent. The waiting thread calls {@link #help},
 * which runs the second part of each {@code both} as soon as it is posted, spinning in between (yielding the core
 * on every turn, never parking), because a parked thread takes 0.3-0.5 ms to wake on a small VM, about as long
 * as the part itself. Whether this pays depends on a free second core: on a machine whose cores are busy with
 * other work the helper rarely gets one in time, and the parts run one after the other (BENCHMARKS.md, session 7).
 * Without a helper (no {@code run}, or the helper stopped listening), {@code both} runs both parts on the calling
 * thread, one after the other: the result never depends on whether, or where, the second part ran. A part
 * posted but not yet taken when the first one finishes is taken back and run on the calling thread, so a late
 * helper never delays the work.
 *
 * <p>Parts must write disjoint state; {@code both} returns only when both parts are done, and the helper's
 * writes are visible to the caller then (a volatile handshake). An exception in either part is thrown by
 * {@code both} on the calling thread (the first part's first). Thread-safe.
 */
public final class SideWork {

    private static final ThreadLocal<SideWork> CURRENT = new ThreadLocal<>();
    private static final int POSTED = 0;
    private static final int TAKEN = 1;
    private static final int DONE = 2;

    private final AtomicReference<Part> slot = new AtomicReference<>();
    private volatile boolean listening = true;

    /** One posted part: its state goes POSTED, then TAKEN by whichever thread claims it, then DONE. */
    private static final class Part {
        final Runnable work;
        final AtomicInteger state = new AtomicInteger(POSTED);
        Throwable error;

        Part(Runnable work) {
            this.work = work;
        }

        /** Runs the work (already claimed) and publishes its end. */
        void run() {
            try {
                work.run();
            } catch (Throwable e) {
                error = e;
            } finally {
                state.set(DONE);
            }
        }
    }

    /** A side thread's hand-off point for one compression; {@link #help} is to be called by one other thread. */
    public SideWork() {
    }

    /** Runs {@code body} on this thread with this hand-off point available to {@link #both}; returns its value. */
    public <T> T run(Supplier<T> body) {
        SideWork outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /**
     * Runs parts posted by {@link #both} on this thread until {@code done} is done or {@code spinNanos} pass,
     * spinning in between; afterwards this hand-off point takes no more parts (they run on the poster's thread).
     */
    public void help(Future<?> done, long spinNanos) {
        long until = System.nanoTime() + spinNanos;
        try {
            for (int spins = 1; !done.isDone(); spins++) {
                Part p = slot.get();
                if (p != null && p.state.compareAndSet(POSTED, TAKEN)) {
                    slot.compareAndSet(p, null);
                    p.run();
                    continue;
                }
                if ((spins & 15) == 0 && System.nanoTime() - until > 0) {
                    break;
                }
                // Lets any runnable thread have this core first: on a busy machine the compressing thread itself
                // may be waiting for it (a yield costs ~1 µs when nothing else is runnable).
                Thread.yield();
            }
        } finally {
            listening = false;
        }
    }

    /** True when a helper may take a part posted by {@link #both} on this thread now. */
    public static boolean hasHelper() {
        SideWork w = CURRENT.get();
        return w != null && w.listening;
    }

    /**
     * Hands {@code work} to the helper, if one listens and nothing else is posted, without waiting for it; the
     * returned handle's {@link Forked#join} gives its value (running it on the calling thread if no helper took it
     * yet), {@link Forked#cancel} drops it if no helper took it yet. While it is posted, {@link #both} runs its
     * parts one after the other, so a fork must be joined or cancelled before the next {@code both}.
     */
    public static <T> Forked<T> fork(Supplier<T> work) {
        SideWork w = CURRENT.get();
        if (w == null || !w.listening) {
            return new Forked<>(null, work);
        }
        Forked<T> f = new Forked<>(w, work);
        // Another part still posted: this one runs at join.
        return w.slot.compareAndSet(null, f.part) ? f : new Forked<>(null, work);
    }

    /** Work handed out by {@link #fork}. Joined or cancelled by the thread that forked it. */
    public static final class Forked<T> {
        private final SideWork owner;
        private final Supplier<T> work;
        private final Part part;
        private T value;

        private Forked(SideWork owner, Supplier<T> work) {
            this.owner = owner;
            this.work = work;
            this.part = owner == null ? null : new Part(() -> value = work.get());
        }

        /** The work's value: computed here if no helper took it, else waited for; rethrows what it threw. */
        public T join() {
            if (part == null) {
                return work.get();
            }
            if (part.state.compareAndSet(POSTED, TAKEN)) {
                owner.slot.compareAndSet(part, null);
                part.run();
            } else {
                while (part.state.get() != DONE) {
                    Thread.onSpinWait();   // the helper runs it now
                }
            }
            Throwable failed = part.error;
            if (failed instanceof RuntimeException e) {
                throw e;
            }
            if (failed instanceof Error e) {
                throw e;
            }
            if (failed != null) {
                throw new IllegalStateException(failed);
            }
            return value;
        }

        /** Drops the work if no helper took it yet (else it finishes there, unused); the slot is free after. */
        public void cancel() {
            if (part != null && part.state.compareAndSet(POSTED, TAKEN)) {
                owner.slot.compareAndSet(part, null);
            }
        }
    }

    /**
     * Runs {@code first} on this thread and {@code second} on the helper if one listens, else after
     * {@code first} on this thread; returns when both have finished. See the class comment.
     */
    public static void both(Runnable first, Runnable second) {
        SideWork w = CURRENT.get();
        Part p = null;
        if (w != null && w.listening) {
            p = new Part(second);
            if (!w.slot.compareAndSet(null, p)) {
                p = null;   // another part of this compression is still posted: no nesting
            }
        }
        if (p == null) {
            first.run();
            second.run();
            return;
        }
        Throwable failed = null;
        try {
            first.run();
        } catch (Throwable e) {
            failed = e;
        }
        if (p.state.compareAndSet(POSTED, TAKEN)) {
            w.slot.compareAndSet(p, null);
            if (failed == null) {
                p.run();   // the helper did not take it in time: run it here
            }
        } else {
            while (p.state.get() != DONE) {
                Thread.onSpinWait();   // the helper runs it now; it is about as long as the first part
            }
        }
        if (failed == null) {
            failed = p.error;
        }
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw new IllegalStateException(failed);
        }
    }
}
