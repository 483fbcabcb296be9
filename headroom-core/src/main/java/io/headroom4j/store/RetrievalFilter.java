package io.headroom4j.store;

/** Narrows a stored original to the parts that match a query. */
final class RetrievalFilter {

    private RetrievalFilter() {
    }

    /** The parts of {@code original} matching {@code query}; the whole original for a blank query. */
    static String filter(String original, String query) {
        // TODO(store): BM25 over lines, or items for a JSON array.
        return original;
    }
}
