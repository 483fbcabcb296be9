package io.headroom4j.cli;

import java.io.PrintStream;
import java.time.Duration;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work (compressing a directory, running the benchmark): a live bar on a terminal, and
 * plain lines otherwise (pipes, CI logs), at most one per tenth of the work. Output goes to stderr, so
 * stdout stays clean for results. Not thread-safe; use from the thread doing the work.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("compress", files.size())) {
 *     for (Path f : files) { work(f); p.step(f.getFileName().toString()); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {

    private final String task;
    private final long total;
    private final ProgressBar bar;
    private final PrintStream plain;
    private long done;
    private long lastPrintedTenth = -1;

    private Progress(String task, long total, ProgressBar bar, PrintStream plain) {
        this.task = task;
        this.total = total;
        this.bar = bar;
        this.plain = plain;
    }

    /** Progress over {@code total} steps: a bar when stderr is a terminal, else plain lines on stderr. */
    public static Progress start(String task, long total) {
        return isTerminal() ? bar(task, total) : plain(task, total, System.err);
    }

    /** True when this process talks to a terminal (Console.isTerminal on JDK 22+; a console at all on 21). */
    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null || "dumb".equals(System.getenv("TERM")) || System.getenv("CI") != null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Plain-line progress written to {@code out}. */
    public static Progress plain(String task, long total, PrintStream out) {
        out.println(task + ": 0/" + total);
        return new Progress(task, total, null, out);
    }

    private static Progress bar(String task, long total) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(100)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed()
                .setMaxRenderedLength(100).setEtaFunction(s -> java.util.Optional.<Duration>empty()).build();
        return new Progress(task, total, bar, null);
    }

    /** One step done; {@code what} names it (a file), shown beside the bar. */
    public void step(String what) {
        done++;
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(what == null ? "" : what);
            return;
        }
        long tenth = total <= 0 ? 0 : done * 10 / total;
        if (tenth != lastPrintedTenth || done == total) {
            lastPrintedTenth = tenth;
            plain.println(task + ": " + done + "/" + total + (what == null || what.isEmpty() ? "" : " " + what));
        }
    }

    /** Steps done so far. */
    public long done() {
        return done;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else if (done != total) {
            plain.println(task + ": " + done + "/" + total + " (stopped)");
        }
    }
}
