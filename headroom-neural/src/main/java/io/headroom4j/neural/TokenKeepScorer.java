package io.headroom4j.neural;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OrtException;

import io.headroom4j.compress.text.SentenceScorer;

/**
 * Runs an LLMLingua-2 style token-classification model (output {@code [batch][tokens][2]} logits, class 1 =
 * keep) and scores each sentence by the mean keep-probability of its words. Sentences are then kept or
 * omitted whole by the {@code TextCompressor}: this scorer never drops words from inside a sentence, so no
 * sentence is rewritten. {@link #keepProbabilities} exposes the per-word probabilities for callers that
 * want them. Thread-safe.
 */
public final class TokenKeepScorer implements SentenceScorer, AutoCloseable {

    private static final int BATCH = 16;

    private final OnnxTextModel model;

    TokenKeepScorer(OnnxTextModel model) {
        this.model = model;
    }

    @Override
    public double[] score(String query, List<String> sentences) {
        double[] out = new double[sentences.size()];
        for (int from = 0; from < sentences.size(); from += BATCH) {
            List<String> batch = sentences.subList(from, Math.min(sentences.size(), from + BATCH));
            List<float[]> words = keepProbabilities(batch);
            for (int i = 0; i < words.size(); i++) {
                float[] p = words.get(i);
                double sum = 0;
                for (float v : p) {
                    sum += v;
                }
                out[from + i] = p.length == 0 ? 0 : sum / p.length;
            }
        }
        return out;
    }

    /**
     * For each text, the keep-probability of each of its words (a word's probability is the highest of its
     * sub-tokens'); words past the model's 128-token window get 0.
     */
    public List<float[]> keepProbabilities(List<String> texts) {
        try {
            Encoding[] enc = model.encode(texts);
            float[][][] logits = model.run(enc);
            List<float[]> out = new ArrayList<>(texts.size());
            for (int b = 0; b < enc.length; b++) {
                long[] wordIds = enc[b].getWordIds();
                int words = 0;
                for (long w : wordIds) {
                    words = (int) Math.max(words, w + 1);
                }
                float[] p = new float[words];
                Arrays.fill(p, 0f);
                for (int t = 0; t < wordIds.length; t++) {
                    if (wordIds[t] < 0) {
                        continue;   // [CLS], [SEP], padding
                    }
                    float[] l = logits[b][t];
                    if (l.length < 2) {
                        throw new IllegalStateException("token-classification output needs 2 classes, has " + l.length);
                    }
                    float keep = (float) (1.0 / (1.0 + Math.exp(l[0] - l[1])));   // softmax over two classes
                    int w = (int) wordIds[t];
                    p[w] = Math.max(p[w], keep);
                }
                out.add(p);
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("token classification failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
