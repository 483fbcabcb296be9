package io.headroom4j.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks shared by the pre-tokenizers' property tests (o200k and cl100k). */
final class PieceChecks {

    private PieceChecks() {
    }

    /** The pieces {@code reference} splits {@code text} into, asserting it never skips text. */
    static List<String> regexPieces(Pattern reference, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = reference.matcher(text);
        int last = 0;
        while (m.find()) {
            assertThat(m.start()).as("the regex never skips text").isEqualTo(last);
            out.add(m.group());
            last = m.end();
        }
        assertThat(last).isEqualTo(text.length());
        return out;
    }

    /** The pieces a scan's {@code end(text, start)} splits {@code text} into, asserting each is non-empty. */
    static List<String> scanPieces(PieceEnd end, String text) {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < text.length(); ) {
            int e = end.end(text, p);
            assertThat(e).isGreaterThan(p).isLessThanOrEqualTo(text.length());
            out.add(text.substring(p, e));
            p = e;
        }
        return out;
    }

    /** A pre-tokenizer's {@code end}: where the piece starting at {@code start} ends. */
    @FunctionalInterface
    interface PieceEnd {
        int end(String text, int start);
    }

    /** Four threads count {@code texts} with one {@code shared} counter, in different orders; all counts exact. */
    static void countsExactOnFourThreads(TokenCounter shared, List<String> texts, int[] expected)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int offset = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < texts.size(); i++) {
                            int k = (i + offset * 3) % texts.size();
                            assertThat(shared.count(texts.get(k))).isEqualTo(expected[k]);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }
}
