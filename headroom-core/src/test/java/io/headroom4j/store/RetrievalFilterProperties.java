package io.headroom4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

final class RetrievalFilterProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> WORDS = List.of("error", "timeout", "ok", "payment", "order", "retry",
            "disk", "full", "Ünïcode", "\uD83D\uDE80", "quote\"d", "back\\slash", "line\nbreak");

    /** A JSON item: a string, a number, or an object of words, written with or without spaces. */
    @Provide
    Arbitrary<String> item() {
        Arbitrary<String> words = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(4).map(w -> String.join(" ", w));
        Arbitrary<String> string = words.map(RetrievalFilterProperties::quote);
        Arbitrary<String> number = Arbitraries.integers().between(-1000, 1000).map(String::valueOf);
        Arbitrary<String> object = Combinators.combine(words, words, Arbitraries.of(":", " : "))
                .as((a, b, colon) -> "{\"msg\"" + colon + quote(a) + ", \"tags\"" + colon + "[" + quote(b) + "]}");
        return Arbitraries.oneOf(string, number, object);
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 300)
    void matchingItemsComeBackVerbatimWithTheirIndexes(@ForAll("items") List<String> items,
                                                       @ForAll("queries") String query) throws Exception {
        String original = "[\n  " + String.join(",\n  ", items) + "\n]";
        String out = RetrievalFilter.filter(original, query);
        String header = out.contains("\n") ? out.substring(0, out.indexOf('\n')) : out;
        assertThat(header).startsWith("[").contains(" of " + items.size() + " item");
        if (!out.contains("\n")) {
            assertThat(header).contains("0 of ");
            return;
        }
        List<Integer> indexes = new ArrayList<>();
        for (String n : header.substring(header.indexOf("indexes ") + 8, header.length() - 1).split(", ")) {
            indexes.add(Integer.parseInt(n));
        }
        JsonNode returned = JSON.readTree(out.substring(out.indexOf('\n') + 1));
        assertThat(returned).hasSize(indexes.size());
        for (int k = 0; k < indexes.size(); k++) {
            assertThat(out).contains(items.get(indexes.get(k)));
            assertThat(returned.get(k)).isEqualTo(JSON.readTree(items.get(indexes.get(k))));
        }
    }

    @Provide
    Arbitrary<List<String>> items() {
        return item().list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.of("error", "payment timeout", "ünïcode", "retry order", "nothing-here",
                "\uD83D\uDE80 full");
    }
}
