package io.headroom4j.internal;

import java.lang.ref.WeakReference;

/**
 * Per thread, the last long text some whole-text computation ran over and its answer, kept weakly: one request's
 * compression asks the same question about the same tool result several times (its content key, whether it holds
 * a marker), each a pass over the whole text. Strings are immutable, so the same object always has the same answer.
 * Texts shorter than the threshold are answered in microseconds and never remembered.
 *
 * @param <T> the answer's type
 */
public final class LastLongText<T> {

    private record Last<T>(WeakReference<String> text, T answer) {
    }

    private final int minChars;
    private final ThreadLocal<Last<T>> last = new ThreadLocal<>();

    /** Remembers texts of at least {@code minChars} chars. */
    public LastLongText(int minChars) {
        this.minChars = minChars;
    }

    /** The answer remembered on this thread for this very string object, or null. */
    public T answerFor(String text) {
        if (text.length() < minChars) {
            return null;
        }
        Last<T> l = last.get();
        return l != null && l.text.refersTo(text) ? l.answer : null;
    }

    /** Remembers {@code answer} for {@code text} on this thread, if the text is long enough. */
    public void remember(String text, T answer) {
        if (text.length() >= minChars) {
            last.set(new Last<>(new WeakReference<>(text), answer));
        }
    }
}
