package io.headroom4j.compress.json;

import java.util.List;

/**
 * The compact JSON texts of an array's items, for {@link ItemSelector}, written only when asked for.
 *
 * <p>Selection needs every item's length (length outliers) but the text of only the few items it compares
 * (near-duplicates) unless there is a query. Writing all of them cost about a fifth of the lossy path, so texts
 * are written on first use, one reused buffer for all, and lengths come from the tree when that is exact:
 * when the document held no escaped string, every string's JSON is its text in quotes (a plain source string
 * cannot hold a quote, backslash, control char or lone surrogate), so {@link JsonLength#of} is the length of
 * {@link JsonWriter}'s output. Not thread-safe; one per selection.
 */
final class ItemTexts {

    private final List<JsonValue> items;
    private final boolean lengthsFromTree;
    /** Known item lengths from the reader ({@link JsonValue.Arr#lengths}), -1 where unknown; or null. */
    private final int[] spans;
    /** Where each item with a known span begins in {@link #source} ({@link JsonValue.Arr#starts}); or null. */
    private final int[] starts;
    /** The text the items were read from, or null: a known span of it is the item's text. */
    private final String source;
    private final String[] texts;
    /** Each item's text length, -1 until measured. */
    private final int[] lengths;
    private StringBuilder scratch;
    /** Buffer for {@link #shape}. */
    private char[] fold;

    /**
     * @param items the array's items
     * @param noEscapes true only when no string of the document they come from was written with escapes
     *     ({@link JsonReader.Document#hasEscapes()} false)
     */
    ItemTexts(List<JsonValue> items, boolean noEscapes) {
        this(items, noEscapes, null);
    }

    /**
     * @param items the array's items
     * @param noEscapes as above
     * @param spans the array's {@link JsonValue.Arr#lengths}, or null: an item's known source span is its text's
     *     length (an item without escaped strings is written with every string plain, by either writer)
     */
    ItemTexts(List<JsonValue> items, boolean noEscapes, int[] spans) {
        this(items, noEscapes, spans, null, null);
    }

    /**
     * @param items the array's items
     * @param noEscapes as above
     * @param spans as above
     * @param starts the array's {@link JsonValue.Arr#starts}, or null
     * @param source the text the array was read from (where {@code starts} point), or null: an item with a known
     *     span is then cut from it (the source span of an item with no whitespace and no escaped string in it is
     *     exactly its compact JSON) instead of written from the tree
     */
    ItemTexts(List<JsonValue> items, boolean noEscapes, int[] spans, int[] starts, String source) {
        this.items = items;
        this.spans = spans;
        this.starts = spans == null || source == null ? null : starts;
        this.source = this.starts == null ? null : source;
        this.lengthsFromTree = noEscapes;
        this.texts = new String[items.size()];
        this.lengths = new int[texts.length];
        java.util.Arrays.fill(lengths, -1);
    }

    int size() {
        return texts.length;
    }

    /** Item {@code i}'s compact JSON, as {@link JsonWriter#write} writes it. */
    String text(int i) {
        String t = texts[i];
        if (t == null && starts != null && spans[i] >= 0) {
            t = source.substring(starts[i], starts[i] + spans[i]);
            texts[i] = t;
        }
        if (t == null) {
            if (scratch == null) {
                scratch = new StringBuilder(256);
            }
            scratch.setLength(0);   // one buffer for all items: it grows to the longest once, not for every item
            write(i);
            t = scratch.toString();
            texts[i] = t;
        }
        return t;
    }

    /**
     * {@link ItemSelector#shape} of item {@code i}'s text. When the text was not needed before, it is folded
     * straight from its source span or the write buffer, without keeping it as a string.
     */
    String shape(int i) {
        String t = texts[i];
        int n;
        if (t != null) {
            n = t.length();
            ensureFold(n);
            t.getChars(0, n, fold, 0);
        } else if (starts != null && spans[i] >= 0) {
            n = spans[i];
            ensureFold(n);
            source.getChars(starts[i], starts[i] + n, fold, 0);
        } else {
            if (scratch == null) {
                scratch = new StringBuilder(256);
            }
            scratch.setLength(0);
            write(i);
            n = scratch.length();
            ensureFold(n);
            scratch.getChars(0, n, fold, 0);
        }
        return ItemSelector.fold(fold, n);
    }

    private void ensureFold(int n) {
        if (fold == null || fold.length < n) {
            fold = new char[Math.max(256, n)];
        }
    }

    /** Writes item {@code i}'s compact JSON into {@link #scratch}; strings copied whole when none had escapes. */
    private void write(int i) {
        if (lengthsFromTree) {
            JsonWriter.writePlain(items.get(i), scratch);
        } else {
            JsonWriter.write(items.get(i), scratch);
        }
    }

    /** Every item's text, written now if not yet. */
    String[] all() {
        for (int i = 0; i < texts.length; i++) {
            text(i);
        }
        return texts;
    }

    /** The length of item {@code i}'s text: {@code text(i).length()}, from the tree when that is exact. */
    int length(int i) {
        int len = lengths[i];
        if (len < 0) {
            int span = spans == null ? -1 : spans[i];
            len = span >= 0 ? span
                    : lengthsFromTree ? (int) Math.min(Integer.MAX_VALUE, JsonLength.of(items.get(i)))
                    : text(i).length();
            lengths[i] = len;
        }
        return len;
    }

    /** The length of every item's text: {@code lengths()[i] == text(i).length()}. */
    int[] lengths() {
        for (int i = 0; i < lengths.length; i++) {
            length(i);
        }
        return lengths;
    }
}
