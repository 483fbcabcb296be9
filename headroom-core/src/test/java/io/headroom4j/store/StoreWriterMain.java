package io.headroom4j.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A second process for {@link SqliteCompressionStoreTest}: stores {@code count} entries named after
 * {@code prefix} in the given database and reads each back; exits 1 on any mismatch.
 */
final class StoreWriterMain {

    private StoreWriterMain() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        int bad = 0;
        try (SqliteCompressionStore store = SqliteCompressionStore.open(file, Duration.ofHours(1))) {
            for (int i = 0; i < count; i++) {
                String s = SqliteCompressionStoreTest.sample(prefix, i);
                String key = store.put(s, "child");
                if (!store.get(key).orElse("").equals(s)) {
                    bad++;
                }
            }
        }
        System.exit(bad == 0 ? 0 : 1);
    }
}
