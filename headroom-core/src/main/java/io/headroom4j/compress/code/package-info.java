/**
 * Source code compression. Entry point: {@link io.headroom4j.compress.code.CodeCompressor}, which reduces
 * code to a signature view with tree-sitter and marks each omitted body with its line range and a
 * retrieval key.
 */
package io.headroom4j.compress.code;
