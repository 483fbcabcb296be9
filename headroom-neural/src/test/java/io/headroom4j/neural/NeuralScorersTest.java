package io.headroom4j.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.text.SentenceScorer;
import io.headroom4j.compress.text.TextCompressor;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

final class NeuralScorersTest {

    private static EmbeddingSentenceScorer minilm;

    @BeforeAll
    static void load() throws Exception {
        minilm = NeuralScorers.minilm();
    }

    @AfterAll
    static void close() {
        minilm.close();
    }

    @Test
    void miniLmRanksTheRelevantSentenceFirst() {
        double[] s = minilm.score("How do I install the package?", List.of(
                "The weather in Paris was sunny all week.",
                "Run pip install charset-normalizer to install the package.",
                "This project is licensed under the MIT licence."));
        assertThat(s).hasSize(3);
        assertThat(s[1]).isGreaterThan(s[0]).isGreaterThan(s[2]);
        assertThat(s[1]).isBetween(0.3, 1.0);
    }

    @Test
    void miniLmEmbeddingsAreUnitScaleAndDeterministic() throws Exception {
        float[] a = minilm.embed(List.of("same text")).get(0);
        float[] b = minilm.embed(List.of("same text")).get(0);
        assertThat(a).hasSize(384).containsExactly(b);
        assertThat(EmbeddingSentenceScorer.cosine(a, b)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void providerIsFoundThroughServiceLoaderForTheMiniLmSpec() {
        boolean found = false;
        for (SentenceScorer.Provider p : java.util.ServiceLoader.load(SentenceScorer.Provider.class)) {
            found |= p.supports("minilm");
        }
        assertThat(found).isTrue();
        assertThat(new NeuralScorers().supports("no/such/dir")).isFalse();
    }

    @Test
    void textCompressorUsesTheNeuralScorerWhenConfigured() throws Exception {
        String readme;
        try (InputStream in = NeuralScorersTest.class.getResourceAsStream("/fixtures/prose/semver_README.md")) {
            readme = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        // The part from "## Ranges" to "#### Caret Ranges" (about 8 KB) keeps this test quick.
        readme = readme.substring(readme.indexOf("## Ranges"), readme.indexOf("#### Caret Ranges"));
        HeadroomConfig config = HeadroomConfig.builder().neuralModel("minilm").minTokens(100).lossyMinTokens(300)
                .compressionTimeout(Duration.ofSeconds(60)).build();
        InMemoryCompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 1L << 28);
        CompressionContext ctx = new CompressionContext(config, "How do tilde ranges work?", null,
                TokenCounters.o200k(), store);
        Compressed c = new TextCompressor().compress(readme, ctx);
        assertThat(c.lossless()).as(c.note()).isFalse();
        assertThat(c.output()).contains("Tilde Ranges");
        assertThat(c.note()).endsWith("ranked by neural:minilm");
    }

    @Test
    void loadsAndRunsATokenClassificationModelFromADirectory(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        byte[] tokenizerJson;
        try (InputStream in = NeuralScorers.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
            tokenizerJson = in.readAllBytes();
        }
        Files.write(dir.resolve("tokenizer.json"), tokenizerJson);
        Files.write(dir.resolve("model.onnx"), TinyOnnx.tokenClassifier(30522));

        try (TokenKeepScorer scorer = NeuralScorers.tokenClassifier(dir)) {
            String text = "compression keeps the important words";
            List<float[]> p = scorer.keepProbabilities(List.of(text));
            assertThat(p.get(0)).hasSize(5);
            // Expected from the tiny model's rule: a word is kept when any of its token ids is even.
            Map<String, String> opts = new HashMap<>();
            try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"), opts)) {
                Encoding e = tok.encode(text);
                boolean[] even = new boolean[5];
                for (int t = 0; t < e.getIds().length; t++) {
                    long w = e.getWordIds()[t];
                    if (w >= 0 && e.getIds()[t] % 2 == 0) {
                        even[(int) w] = true;
                    }
                }
                for (int w = 0; w < 5; w++) {
                    assertThat(p.get(0)[w] > 0.5f).as("word %d", w).isEqualTo(even[w]);
                }
            }
            double[] s = scorer.score("", List.of(text, "another sentence"));
            assertThat(s).hasSize(2);
            assertThat(s[0]).isBetween(0.0, 1.0);
            assertThat(s[1]).isBetween(0.0, 1.0);
        }
    }

    @Test
    void refusesADirectoryWithoutAModel(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThatThrownBy(() -> NeuralScorers.fromDirectory(dir)).isInstanceOf(java.io.IOException.class);
    }
}
