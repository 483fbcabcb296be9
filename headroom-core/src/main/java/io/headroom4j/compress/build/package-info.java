/**
 * The compressor for build and test output (Maven, Gradle, npm/jest, node:test, pytest, cargo, go test, JUnit
 * XML); the entry point is {@link io.headroom4j.compress.build.BuildOutputCompressor}.
 */
package io.headroom4j.compress.build;
