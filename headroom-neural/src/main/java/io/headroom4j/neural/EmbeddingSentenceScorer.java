package io.headroom4j.neural;

import java.util.ArrayList;
import java.util.List;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OrtException;

import io.headroom4j.compress.text.SentenceScorer;

/**
 * Scores sentences by the cosine similarity of their sentence embeddings with the query's, using a
 * sentence-transformers model exported to ONNX (such as all-MiniLM-L6-v2): mean pooling of the last hidden
 * state over the attention mask. Thread-safe.
 */
public final class EmbeddingSentenceScorer implements SentenceScorer, AutoCloseable {

    private static final int BATCH = 32;

    private final OnnxTextModel model;

    EmbeddingSentenceScorer(OnnxTextModel model) {
        this.model = model;
    }

    @Override
    public double[] score(String query, List<String> sentences) {
        try {
            float[] q = embed(List.of(query)).get(0);
            double[] out = new double[sentences.size()];
            for (int from = 0; from < sentences.size(); from += BATCH) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted (timed out)");
                }
                List<float[]> e = embed(sentences.subList(from, Math.min(sentences.size(), from + BATCH)));
                for (int i = 0; i < e.size(); i++) {
                    out[from + i] = cosine(q, e.get(i));
                }
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        }
    }

    /** Mean-pooled embeddings of {@code texts}, one per text. */
    List<float[]> embed(List<String> texts) throws OrtException {
        Encoding[] enc = model.encode(texts);
        float[][][] hidden = model.run(enc);
        List<float[]> out = new ArrayList<>(texts.size());
        for (int b = 0; b < enc.length; b++) {
            long[] mask = enc[b].getAttentionMask();
            int dim = hidden[b][0].length;
            float[] v = new float[dim];
            int n = 0;
            for (int t = 0; t < mask.length; t++) {
                if (mask[t] != 0) {
                    float[] h = hidden[b][t];
                    for (int d = 0; d < dim; d++) {
                        v[d] += h[d];
                    }
                    n++;
                }
            }
            for (int d = 0; d < dim; d++) {
                v[d] /= Math.max(1, n);
            }
            out.add(v);
        }
        return out;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    @Override
    public void close() {
        model.close();
    }
}
