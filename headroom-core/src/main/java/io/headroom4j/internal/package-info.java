/**
 * Helpers shared by the compressors (line splitting, BM25 relevance, ANSI stripping, token gates); not part
 * of the public API and free to change between releases.
 */
package io.headroom4j.internal;
