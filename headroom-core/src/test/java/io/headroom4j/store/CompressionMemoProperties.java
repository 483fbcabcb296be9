package io.headroom4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import io.headroom4j.compress.Compressed;

final class CompressionMemoProperties {

    private static Path dir;
    private static SqliteCompressionStore sqlite;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("memo-props");
        sqlite = SqliteCompressionStore.open(dir.resolve("store.db"), Duration.ofHours(1));
    }

    @AfterContainer
    static void close() throws IOException {
        sqlite.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<Compressed> values() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(400)
                .filter(s -> !hasLoneSurrogate(s));
        Arbitrary<List<String>> keys = Arbitraries.strings().withChars("0123456789abcdef").ofLength(24)
                .list().ofMaxSize(3);
        Arbitrary<String> transform = Arbitraries.strings().alpha().withChars('.').ofMinLength(1).ofMaxLength(20);
        return net.jqwik.api.Combinators.combine(text, transform, Arbitraries.of(true, false), keys, text)
                .as((output, name, lossless, ks, note) -> new Compressed(output, name, lossless, ks, note));
    }

    private static boolean hasLoneSurrogate(String s) {
        try {
            InMemoryCompressionStore.requireEncodable(s);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    @Property(tries = 200)
    void aRememberedValueComesBackFieldForField(@ForAll("values") Compressed value) {
        // The originals must be live, or the memo rightly refuses to hand the value out.
        List<String> live = new ArrayList<>();
        for (String k : value.retrievalKeys()) {
            live.add(sqlite.put("original for " + k, "t"));
        }
        Compressed stored = new Compressed(value.output(), value.transform(), value.lossless(), live, value.note());
        String key = CompressionStore.keyOf(stored.toString());

        Compressed sent = sqlite.memo().remember(key, stored);

        assertThat(sent).isEqualTo(stored);
        assertThat(sqlite.memo().recall(key)).contains(stored);
    }
}
