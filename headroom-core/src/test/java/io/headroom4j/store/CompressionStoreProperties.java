package io.headroom4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

final class CompressionStoreProperties {

    private static Path dir;
    private static SqliteCompressionStore sqlite;
    private static InMemoryCompressionStore memory;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("store-props");
        sqlite = SqliteCompressionStore.open(dir.resolve("store.db"), Duration.ofHours(1));
        memory = new InMemoryCompressionStore(Duration.ofHours(1), 256L << 20);
    }

    @AfterContainer
    static void close() throws IOException {
        sqlite.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Valid Unicode text: any code point but surrogates, weighted towards ASCII, line breaks and emoji. */
    @Provide
    Arbitrary<String> unicode() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE);
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0, 0x7F);
        Arbitrary<Integer> supplementary = Arbitraries.integers().between(0x10000, 0x10FFFF);
        Arbitrary<Integer> breaks = Arbitraries.of((int) '\n', (int) '\r', (int) '\t', 0xFEFF, 0x2028);
        Arbitrary<Integer> cp = Arbitraries.frequencyOf(
                Tuple.of(5, ascii), Tuple.of(3, any),
                Tuple.of(2, supplementary), Tuple.of(1, breaks));
        return cp.list().ofMaxSize(300).map(cps -> {
            StringBuilder sb = new StringBuilder();
            for (int c : cps) {
                sb.appendCodePoint(c);
            }
            return sb.toString();
        });
    }

    @Property(tries = 300)
    void sqliteGivesBackExactlyWhatWasPut(@ForAll("unicode") String original) {
        String key = sqlite.put(original, "prop");
        assertThat(key).isEqualTo(CompressionStore.keyOf(original));
        assertThat(sqlite.get(key)).contains(original);
        assertThat(sqlite.retrieve(key, " ")).contains(original);
    }

    @Property(tries = 500)
    void inMemoryGivesBackExactlyWhatWasPut(@ForAll("unicode") String original) {
        assertThat(memory.get(memory.put(original, "prop"))).contains(original);
    }

    /** Any UTF-16 text, lone surrogates included, mostly ASCII so the fast path is taken too. */
    @Provide
    Arbitrary<String> anyChars() {
        Arbitrary<Character> c = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.chars().range(' ', '~')),
                Tuple.of(2, Arbitraries.chars().range(Character.MIN_SURROGATE, Character.MAX_SURROGATE)),
                Tuple.of(2, Arbitraries.chars()));
        return c.list().ofMaxSize(60).map(cs -> {
            StringBuilder sb = new StringBuilder();
            cs.forEach(sb::append);
            return sb.toString();
        });
    }

    @Property(tries = 500)
    void storesRefuseExactlyTheTextWithALoneSurrogate(@ForAll("anyChars") String original) {
        // Reference: a strict UTF-8 encoder reports a lone surrogate as malformed input.
        boolean encodable = StandardCharsets.UTF_8.newEncoder().canEncode(original);
        for (CompressionStore store : new CompressionStore[] {memory, sqlite}) {
            if (encodable) {
                assertThat(store.get(store.put(original, "prop"))).contains(original);
            } else {
                assertThatThrownBy(() -> store.put(original, "prop"))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lone surrogate");
            }
        }
    }

    @Property(tries = 500)
    void asciiTextIsRefusedExactlyWhenALoneSurrogateIsAdded(@ForAll("ascii") String text, @ForAll int at,
                                                             @ForAll char c) {
        // ASCII text takes the fast path (UTF-8 bytes read back as Latin-1); one inserted char may leave it.
        int i = Math.floorMod(at, text.length() + 1);
        String original = text.substring(0, i) + c + text.substring(i);
        boolean encodable = StandardCharsets.UTF_8.newEncoder().canEncode(original);
        if (encodable) {
            assertThat(InMemoryCompressionStore.encodableUtf8(original))
                    .isEqualTo(original.getBytes(StandardCharsets.UTF_8));
        } else {
            assertThatThrownBy(() -> InMemoryCompressionStore.encodableUtf8(original))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lone surrogate at index " + i);
        }
    }

    @Provide
    Arbitrary<String> ascii() {
        return Arbitraries.strings().ascii().ofMaxLength(5000);
    }

    @Property(tries = 300)
    void filteredRetrievalNeverInventsLines(@ForAll("unicode") String original, @ForAll("unicode") String query) {
        String filtered = RetrievalFilter.filter(original, query);
        if (filtered.equals(original)) {
            return;
        }
        String[] out = filtered.split("\n", -1);
        assertThat(out[0]).startsWith("[");
        if (RetrievalFilter.jsonArrayItemSpans(original) != null) {
            return;
        }
        String[] lines = original.split("\n", -1);
        for (int i = 1; i < out.length; i++) {
            int colon = out[i].indexOf(':');
            int n = Integer.parseInt(out[i].substring(0, colon));
            String line = lines[n - 1];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            assertThat(out[i].substring(colon + 1)).isEqualTo(line);
        }
    }
}
