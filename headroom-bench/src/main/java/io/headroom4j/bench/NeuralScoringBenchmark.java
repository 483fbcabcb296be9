package io.headroom4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.headroom4j.neural.EmbeddingSentenceScorer;
import io.headroom4j.neural.NeuralScorers;

/**
 * Cost of the optional neural path: MiniLM int8 scoring of 32 real README sentences against a query
 * (ONNX Runtime, 2 intra-op threads). Needs {@code ORT_DISABLE_TELEMETRY=1} in the environment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class NeuralScoringBenchmark {

    private EmbeddingSentenceScorer scorer;
    private List<String> sentences;

    @Setup
    public void setup() throws Exception {
        scorer = NeuralScorers.minilm();
        sentences = new ArrayList<>();
        for (String line : Fixtures.read("prose/semver_README.md").split("\n")) {
            if (line.length() > 40 && sentences.size() < 32) {
                sentences.add(line);
            }
        }
    }

    @TearDown
    public void close() {
        scorer.close();
    }

    @Benchmark
    public double[] score32Sentences() {
        return scorer.score("How do tilde ranges work?", sentences);
    }
}
