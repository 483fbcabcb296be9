package io.headroom4j.compress.search;

/**
 * One parsed result line: {@code path}, a separator ({@code ':'} for a match, {@code '-'} for a context
 * line), the line number as written, and the rest of the line exactly as the tool printed it.
 *
 * @param path       the file, or {@code ""} for single-file output such as {@code grep -n pattern file}
 * @param sep        {@code ':'} or {@code '-'}
 * @param number     the line number
 * @param numberText the digits as printed (kept so leading zeros survive)
 * @param rest       everything after the second separator, untouched
 * @param input      the index of the input line this came from
 */
record Hit(String path, char sep, int number, String numberText, String rest, int input) {

    /** True for a matching line, false for a context line. */
    boolean isMatch() {
        return sep == ':';
    }

    /** The line in flat {@code path:N:rest} form. */
    String flat() {
        if (path.isEmpty()) {
            return numberText + sep + rest;
        }
        return path + sep + numberText + sep + rest;
    }

    /** The line as shown under its file's heading: {@code N:rest}. */
    String grouped() {
        return numberText + sep + rest;
    }
}
