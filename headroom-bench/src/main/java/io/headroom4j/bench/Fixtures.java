package io.headroom4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the real-input fixtures committed under {@code headroom-core/src/test/resources/fixtures}; the
 * directory can be overridden with {@code -Dheadroom.fixtures=/path}.
 */
final class Fixtures {

    private Fixtures() {
    }

    static String read(String relative) {
        try {
            return Files.readString(dir().resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path dir() {
        String prop = System.getProperty("headroom.fixtures");
        if (prop != null) {
            return Path.of(prop);
        }
        for (String candidate : new String[] {"headroom-core/src/test/resources/fixtures",
            "../headroom-core/src/test/resources/fixtures"}) {
            Path p = Path.of(candidate);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("fixtures not found; run from the repository root or set -Dheadroom.fixtures");
    }
}
