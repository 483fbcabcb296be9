package io.headroom4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link SideWork#fork}: the value is the same wherever it ran, a cancelled fork frees the helper for others. */
final class SideWorkForkTest {

    private static final ExecutorService POOL = Executors.newSingleThreadExecutor();

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    private static <T> T helped(Supplier<T> body) throws Exception {
        SideWork side = new SideWork();
        Future<T> f = POOL.submit(() -> side.run(body));
        side.help(f, TimeUnit.SECONDS.toNanos(10));
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void withoutAHelperAForkRunsAtJoinOnTheCallingThread() {
        AtomicInteger runs = new AtomicInteger();
        SideWork.Forked<String> f = SideWork.fork(() -> {
            runs.incrementAndGet();
            return Thread.currentThread().getName();
        });
        assertThat(runs).hasValue(0);
        assertThat(f.join()).isEqualTo(Thread.currentThread().getName());
        assertThat(runs).hasValue(1);
        SideWork.Forked<String> dropped = SideWork.fork(() -> {
            runs.incrementAndGet();
            return "x";
        });
        dropped.cancel();
        assertThat(runs).hasValue(1);
    }

    @Test
    void withAHelperTheJoinedValueIsTheWorksValue() throws Exception {
        for (int i = 0; i < 50; i++) {
            int n = i;
            long sum = helped(() -> {
                SideWork.Forked<Long> f = SideWork.fork(() -> {
                    long s = 0;
                    for (int k = 0; k <= 10_000 * n; k++) {
                        s += k;
                    }
                    return s;
                });
                return f.join();
            });
            long m = 10_000L * n;
            assertThat(sum).isEqualTo(m * (m + 1) / 2);
        }
    }

    @Test
    void aCancelledOrJoinedForkLeavesTheHelperToTheNextParts() throws Exception {
        String[] where = helped(() -> {
            SideWork.Forked<String> f = SideWork.fork(() -> "unused");
            f.cancel();
            SideWork.Forked<String> g = SideWork.fork(() -> "used");
            assertThat(g.join()).isEqualTo("used");
            String[] w = new String[2];
            SideWork.both(() -> w[0] = "first", () -> w[1] = "second");
            return w;
        });
        assertThat(where).containsExactly("first", "second");
    }

    @Test
    void aForkThatFailsRethrowsAtJoin() throws Exception {
        assertThatThrownBy(() -> SideWork.fork(() -> {
            throw new IllegalArgumentException("no");
        }).join()).isInstanceOf(IllegalArgumentException.class).hasMessage("no");
        Throwable[] thrown = new Throwable[1];
        helped(() -> {
            SideWork.Forked<String> f = SideWork.fork(() -> {
                throw new IllegalStateException("helper");
            });
            try {
                f.join();
            } catch (IllegalStateException e) {
                thrown[0] = e;
            }
            return null;
        });
        assertThat(thrown[0]).hasMessage("helper");
    }

    @Test
    void aSecondForkWhileOneIsPostedRunsAtItsJoin() throws Exception {
        String both = helped(() -> {
            SideWork.Forked<String> a = SideWork.fork(() -> "a");
            SideWork.Forked<String> b = SideWork.fork(() -> "b");
            return b.join() + a.join();
        });
        assertThat(both).isEqualTo("ba");
    }
}
