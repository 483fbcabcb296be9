/**
 * Compression of tree listings: {@code npm ls --all}, {@code tree}, {@code find}, {@code ls -R},
 * {@code mvn dependency:tree}, {@code cargo tree}; the entry point is
 * {@link io.headroom4j.compress.tree.TreeCompressor}.
 */
package io.headroom4j.compress.tree;
