package io.headroom4j.bench.eval;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Reports progress: a progress bar on a terminal, plain lines otherwise (CI logs, pipes), so logs stay
 * readable. Not thread-safe; the harness is single-threaded so timings are not disturbed.
 */
final class Progress implements AutoCloseable {

    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;
    private String task = "";
    private long max;
    private long done;

    Progress(PrintStream out, boolean allowBar) {
        this.out = out;
        this.terminal = allowBar && isTerminal();
    }

    /** Starts a phase with {@code steps} steps. */
    void start(String taskName, long steps) {
        finish();
        task = taskName;
        max = steps;
        done = 0;
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(taskName).setInitialMax(steps)
                    .setStyle(ProgressBarStyle.ASCII).setMaxRenderedLength(110).continuousUpdate().build();
        } else {
            out.println("== " + taskName + " (" + steps + " steps)");
        }
    }

    /** One step done, about {@code what}. */
    void step(String what) {
        done++;
        if (bar != null) {
            bar.setExtraMessage(shorten(what));
            bar.step();
        } else {
            out.println("[" + task + " " + done + "/" + max + "] " + what);
        }
    }

    /** A message outside the bar. */
    void line(String message) {
        if (bar != null) {
            bar.pause();
            System.err.println(message);
            bar.resume();
        } else {
            out.println(message);
        }
    }

    void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        finish();
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : "..." + s.substring(s.length() - 37);
    }

    private static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            // Console.isTerminal() exists from JDK 22; before that a non-null console means a terminal.
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
