package io.headroom4j.compress;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounters;

/** Test helpers: fixture loading and compression contexts. */
public final class Fixtures {

    private Fixtures() {
    }

    /** The fixture at {@code fixtures/<path>} on the test class path, as UTF-8 text. */
    public static String read(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh in-memory store. */
    public static CompressionStore store() {
        return new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30);
    }

    /** A context that allows lossy output, with {@code store}, the default config and {@code query}. */
    public static CompressionContext lossy(CompressionStore store, String query) {
        return new CompressionContext(HeadroomConfig.defaults(), query, null, TokenCounters.o200k(), store);
    }

    /** A context that allows only lossless output. */
    public static CompressionContext lossless() {
        return CompressionContext.lossless(HeadroomConfig.defaults());
    }

    /** Fraction of o200k tokens saved going from {@code before} to {@code after}. */
    public static double saved(String before, String after) {
        int b = TokenCounters.o200k().count(before);
        int a = TokenCounters.o200k().count(after);
        return b == 0 ? 0 : 1.0 - (double) a / b;
    }
}
