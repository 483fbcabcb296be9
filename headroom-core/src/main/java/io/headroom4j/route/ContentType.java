package io.headroom4j.route;

/** The kinds of tool output the {@link ContentRouter} tells apart. */
public enum ContentType {
    /** A JSON object or array, or JSON lines. */
    JSON,
    /** Application or server logs. */
    LOG,
    /** Build and test runner output: Maven, Gradle, npm/jest, pytest, cargo, go test, JUnit XML. */
    BUILD_OUTPUT,
    /** {@code grep -n}, {@code rg}, {@code git grep} results: {@code path:line:text}. */
    SEARCH,
    /** Unified diffs and {@code git log -p}. */
    DIFF,
    /** Source code. */
    CODE,
    /** CSV, TSV or markdown tables. */
    TABLE,
    /** Tree listings: {@code npm ls}, {@code tree}, {@code find}, {@code ls -R}, dependency trees. */
    TREE,
    /** HTML documents. */
    HTML,
    /** Prose, documents, RAG passages. */
    PROSE,
    /** Binary or undecodable data; never compressed. */
    BINARY,
    /** Nothing recognisable, or too little to tell. */
    UNKNOWN
}
