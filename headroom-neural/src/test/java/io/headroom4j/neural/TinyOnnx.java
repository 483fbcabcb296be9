package io.headroom4j.neural;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a tiny ONNX token classifier by hand (protobuf wire format), since no real LLMLingua-2 weights
 * can be had offline: {@code logits = Gather(table, input_ids)}, a [vocab, 2] table in which even token ids
 * lean to "keep" (logits 0, 4) and odd ones to "drop" (4, 0). It exercises the same loading and inference
 * path as a real token-classification model: session creation, input discovery, a [batch, tokens, 2]
 * output and word-level pooling.
 */
final class TinyOnnx {

    private TinyOnnx() {
    }

    static byte[] tokenClassifier(int vocab) {
        ByteBuffer raw = ByteBuffer.allocate(vocab * 2 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int id = 0; id < vocab; id++) {
            boolean keep = id % 2 == 0;
            raw.putFloat(keep ? 0f : 4f).putFloat(keep ? 4f : 0f);
        }
        byte[] node = msg(str(1, "table"), str(1, "input_ids"), str(2, "logits"), str(3, "gather"), str(4, "Gather"));
        byte[] table = msg(varint(1, vocab), varint(1, 2), varint(2, 1), str(8, "table"), bytes(9, raw.array()));
        byte[] input = msg(str(1, "input_ids"), bytes(2, tensorType(7, "batch", "seq")));
        byte[] output = msg(str(1, "logits"), bytes(2, tensorType(1, "batch", "seq", "2")));
        byte[] graph = msg(bytes(1, node), str(2, "tiny"), bytes(5, table), bytes(11, input), bytes(12, output));
        byte[] opset = msg(str(1, ""), varint(2, 13));
        return msg(varint(1, 8), str(2, "headroom4j-test"), bytes(7, graph), bytes(8, opset));
    }

    private static byte[] tensorType(int elemType, String... dims) {
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        for (String d : dims) {
            byte[] dim = d.chars().allMatch(Character::isDigit) ? varint(1, Long.parseLong(d)) : str(2, d);
            shape.writeBytes(bytes(1, dim));
        }
        byte[] tensor = msg(varint(1, elemType), bytes(2, shape.toByteArray()));
        return msg(bytes(1, tensor));
    }

    private static byte[] msg(byte[]... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : fields) {
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    private static byte[] varint(int field, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, (long) field << 3);
        writeVarint(out, value);
        return out.toByteArray();
    }

    private static byte[] str(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(int field, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeVarint(out, ((long) field << 3) | 2);
        writeVarint(out, b.length);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
