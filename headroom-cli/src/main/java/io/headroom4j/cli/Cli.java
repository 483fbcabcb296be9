package io.headroom4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.CompressionStores;

/** Small helpers the subcommands share: exit codes, input, the workspace store, number formatting. */
final class Cli {

    /** Success. */
    static final int OK = 0;
    /** The command ran and failed (missing entry, unreadable file, store error). */
    static final int FAILED = 1;
    /** The command was called wrongly (bad flag, bad setting, malformed key). */
    static final int USAGE = 2;

    private Cli() {
    }

    /** Prints {@code headroom: message} on {@code err} and returns {@code code}. */
    static int fail(PrintWriter err, int code, String message) {
        err.println("headroom: " + message);
        err.flush();
        return code;
    }

    /** Reads {@code file}, or {@code stdin} for null or {@code -}. */
    static byte[] read(String file, InputStream stdin) throws IOException {
        if (file == null || file.equals("-")) {
            return stdin.readAllBytes();
        }
        return Files.readAllBytes(Path.of(file));
    }

    /** {@code bytes} as text, or null when they are not valid UTF-8. */
    static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The workspace store and whether it is the persistent one. */
    record Store(CompressionStore store, boolean persistent, String problem) implements AutoCloseable {
        @Override
        public void close() {
            store.close();
        }
    }

    /**
     * The workspace's SQLite store; when it cannot be opened, an in-memory one with {@code problem} set,
     * so the caller can fall back to lossless output (nothing dropped that could not be brought back).
     */
    static Store openStore(HeadroomConfig config) {
        try {
            return new Store(CompressionStores.open(config), true, null);
        } catch (UncheckedIOException e) {
            return new Store(CompressionStores.inMemory(config), false, e.getMessage());
        }
    }

    /** {@code 12345} as {@code 12,345}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Percentage saved from {@code before} to {@code after}, one decimal: {@code 81.3%}. */
    static String percentSaved(long before, long after) {
        if (before <= 0) {
            return "0.0%";
        }
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * Math.max(0, before - after) / before);
    }
}
