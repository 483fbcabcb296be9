/**
 * Optional neural sentence scoring for the prose compressor, on ONNX Runtime and Hugging Face tokenizers.
 * Entry point: {@link io.headroom4j.neural.NeuralScorers}, registered as a
 * {@link io.headroom4j.compress.text.SentenceScorer.Provider} so that setting
 * {@code HeadroomConfig.neuralModel()} to {@code minilm} or a model directory switches it on.
 */
package io.headroom4j.neural;
