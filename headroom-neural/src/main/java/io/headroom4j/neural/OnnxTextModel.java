package io.headroom4j.neural;

import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * One ONNX model with its Hugging Face tokenizer: encodes a batch of texts, feeds whichever of
 * {@code input_ids}, {@code attention_mask} and {@code token_type_ids} the model declares, and returns the
 * first output as {@code [batch][tokens][features]}. Thread-safe (ONNX Runtime sessions and HF tokenizers
 * both are); {@link #close()} releases native memory.
 */
final class OnnxTextModel implements AutoCloseable {

    /** Longest sequence fed to the model; longer texts are truncated (their tail does not count). */
    static final int MAX_TOKENS = 128;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Set<String> inputs;

    private OnnxTextModel(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer) throws OrtException {
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.inputs = session.getInputNames();
    }

    /**
     * Loads a model from its bytes and a tokenizer from its {@code tokenizer.json} stream.
     *
     * @throws IllegalStateException when {@code ORT_DISABLE_TELEMETRY=1} is not set in the environment:
     *                               ONNX Runtime would otherwise queue telemetry under the user's home
     */
    static OnnxTextModel load(byte[] onnx, InputStream tokenizerJson) throws IOException, OrtException {
        requireTelemetryOff();
        Map<String, String> options = new HashMap<>();
        options.put("truncation", "true");
        options.put("padding", "false");
        options.put("maxLength", Integer.toString(MAX_TOKENS));
        HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(tokenizerJson, options);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        // Inference runs beside request handling; two threads keep it from taking every core.
        so.setIntraOpNumThreads(2);
        so.setInterOpNumThreads(1);
        try {
            return new OnnxTextModel(env, env.createSession(onnx, so), tok);
        } catch (OrtException | RuntimeException e) {
            tok.close();
            throw e;
        }
    }

    static void requireTelemetryOff() {
        if (!"1".equals(System.getenv("ORT_DISABLE_TELEMETRY"))) {
            throw new IllegalStateException("set ORT_DISABLE_TELEMETRY=1 in the environment before using a neural "
                    + "model: without it ONNX Runtime queues telemetry under ~/.cache/Microsoft");
        }
    }

    /** The encodings of {@code texts}, truncated to {@link #MAX_TOKENS}. */
    Encoding[] encode(List<String> texts) {
        return tokenizer.batchEncode(texts, true, false);
    }

    /** Runs the model on already-encoded texts; rows are zero-padded to the longest. */
    float[][][] run(Encoding[] enc) throws OrtException {
        int batch = enc.length;
        int len = 1;
        for (Encoding e : enc) {
            len = Math.max(len, e.getIds().length);
        }
        long[] ids = new long[batch * len];
        long[] mask = new long[batch * len];
        long[] types = new long[batch * len];
        for (int b = 0; b < batch; b++) {
            long[] id = enc[b].getIds();
            long[] m = enc[b].getAttentionMask();
            long[] t = enc[b].getTypeIds();
            System.arraycopy(id, 0, ids, b * len, id.length);
            System.arraycopy(m, 0, mask, b * len, m.length);
            System.arraycopy(t, 0, types, b * len, t.length);
        }
        long[] shape = {batch, len};
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            if (inputs.contains("input_ids")) {
                feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            }
            if (inputs.contains("attention_mask")) {
                feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            }
            if (inputs.contains("token_type_ids")) {
                feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
            }
            try (OrtSession.Result result = session.run(feed)) {
                OnnxValue out = result.get(0);
                Object value = out.getValue();
                if (!(value instanceof float[][][] f)) {
                    throw new IllegalStateException("model output 0 is not a float [batch][tokens][features] tensor");
                }
                return f;
            }
        } finally {
            for (OnnxTensor t : feed.values()) {
                t.close();
            }
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // Nothing useful to do: the session's native memory is released either way.
        }
        tokenizer.close();
    }
}
