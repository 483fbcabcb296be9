package io.headroom4j.compress.log;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Markers;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

/** Shared helpers for the log and build compressor tests: contexts, fixtures, and the inverse of folding. */
public final class LogTestSupport {

    private LogTestSupport() {
    }

    /** A context that allows lossy output, backed by a fresh in-memory store. */
    public static CompressionContext lossyContext() {
        return lossyContext(HeadroomConfig.defaults());
    }

    /** A lossy context with {@code config} (which must allow lossy output) and a fresh store. */
    public static CompressionContext lossyContext(HeadroomConfig config) {
        CompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30);
        return new CompressionContext(config, "", null, TokenCounters.o200k(), store);
    }

    /** A context in lossless mode (with a store, to show that lossless wins over the store). */
    public static CompressionContext losslessContext() {
        CompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30);
        return new CompressionContext(HeadroomConfig.builder().lossless(true).build(), "", null,
                TokenCounters.o200k(), store);
    }

    /** A fixture under {@code src/test/resources/fixtures/}, decoded as UTF-8. */
    public static String fixture(String path) {
        try (InputStream in = LogTestSupport.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Undoes a line compressor's output: expands repeat notations, then replaces every marker line (with its
     * line ending) by the exact text its key retrieves. Only the carriage-return marker, whose key holds the
     * whole input, is not spliced; callers check it separately.
     */
    public static String reconstruct(String output, CompressionStore store) {
        return reconstruct(output, store, true);
    }

    /**
     * As {@link #reconstruct(String, CompressionStore)}; {@code decodeRepeats} false skips repeat decoding, for
     * inputs that already held the notation (which the encoder then leaves alone).
     */
    public static String reconstruct(String output, CompressionStore store, boolean decodeRepeats) {
        String decoded = decodeRepeats ? RepeatFolding.decode(output) : output;
        LogLines lines = LogLines.of(decoded);
        StringBuilder sb = new StringBuilder(decoded.length() * 2);
        for (int i = 0; i < lines.count(); i++) {
            String line = lines.line(i);
            Matcher m = Markers.KEY_IN_MARKER.matcher(line);
            if (line.strip().startsWith("[lines ") && m.find() && line.endsWith("]")) {
                sb.append(store.get(m.group(1)).orElseThrow());
            } else {
                sb.append(lines.withTerminator(i));
            }
        }
        return sb.toString();
    }

    /** The lines (without terminators) of {@code text} that {@link LineSignals} calls errors or frames. */
    public static List<String> protectedLines(String text) {
        LogLines lines = LogLines.of(text);
        byte[] kinds = LineSignals.classify(lines);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.count(); i++) {
            if (kinds[i] != LineSignals.PLAIN) {
                out.add(lines.withTerminator(i));
            }
        }
        return out;
    }

    /** True when {@code needles} occur in {@code haystack} as whole lines, in this order. */
    public static boolean containsInOrder(String haystack, List<String> needles) {
        int from = 0;
        for (String needle : needles) {
            int at = haystack.indexOf(needle, from);
            while (at > 0 && haystack.charAt(at - 1) != '\n') {
                at = haystack.indexOf(needle, at + 1);
            }
            if (at < 0) {
                return false;
            }
            from = at + needle.length();
        }
        return true;
    }
}
