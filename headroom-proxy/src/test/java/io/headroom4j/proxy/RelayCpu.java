package io.headroom4j.proxy;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.headroom4j.message.RetrieveTool;

/**
 * CPU of relaying one Anthropic stream through {@link StreamRelay.Anthropic} (the relay the proxy uses once it
 * added the retrieve tool): a text block of {@code deltas} text deltas of ~16 characters each, as a long answer
 * streams. Not a unit test; run with {@code java -cp <test classpath> io.headroom4j.proxy.RelayCpu [DELTAS...]}.
 * Prints thread CPU ms per stream (best of 5 rounds of 5 streams, after 20 streams of warm-up).
 */
public final class RelayCpu {

    private RelayCpu() {
    }

    static byte[] stream(int deltas) {
        StringBuilder sb = new StringBuilder();
        sb.append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":"
                + "\"message\",\"role\":\"assistant\",\"content\":[],\"usage\":{\"input_tokens\":10,"
                + "\"output_tokens\":1}}}\n\n");
        sb.append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        for (int i = 0; i < deltas; i++) {
            sb.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"text_delta\",\"text\":\"token ").append(i % 1000).append(" of text \"}}\n\n");
        }
        sb.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        sb.append("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                + "\"usage\":{\"output_tokens\":").append(deltas).append("}}\n\n");
        sb.append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int[] sizes = args.length == 0 ? new int[] {45, 1_000, 4_000, 16_000} : java.util.Arrays.stream(args)
                .mapToInt(Integer::parseInt).toArray();
        for (int deltas : sizes) {
            byte[] s = stream(deltas);
            long[] sink = new long[1];
            Runnable one = () -> {
                try {
                    new StreamRelay.Anthropic(b -> sink[0] += b.length, call -> new RetrieveTool.Answer("", false))
                            .relay(new ByteArrayInputStream(s), true);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            for (int i = 0; i < 20; i++) {
                one.run();
            }
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < 5; i++) {
                    one.run();
                }
                best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) / 5 / 1e6);
            }
            System.out.printf(Locale.ROOT, "%d text deltas (%d KB stream): %.3f ms CPU per stream (relayed %d bytes)%n",
                    deltas, s.length / 1024, best, sink[0]);
        }
    }
}
