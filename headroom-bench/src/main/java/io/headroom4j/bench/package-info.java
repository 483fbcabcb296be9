/**
 * JMH benchmarks and corpus reports for Headroom4j. Build with {@code ./mvnw -pl headroom-bench -am package}
 * and run {@code java -jar headroom-bench/target/benchmarks.jar}; {@link io.headroom4j.bench.JsonSavingsReport}
 * prints the JSON token-savings table of {@code docs/BENCHMARKS.md}.
 */
package io.headroom4j.bench;
