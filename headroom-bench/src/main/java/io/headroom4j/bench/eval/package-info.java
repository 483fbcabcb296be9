/**
 * The corpus evaluation harness: {@link io.headroom4j.bench.eval.EvalMain} runs Headroom4j and its peers over
 * {@code headroom-bench/corpus} and writes {@code docs/EVALUATION.md}; tokens saved, facts kept, round trips,
 * cache economics and speed.
 */
package io.headroom4j.bench.eval;
