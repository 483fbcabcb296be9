package io.headroom4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.headroom4j.compress.Markers;
import io.headroom4j.store.CompressionStores;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.store.SqliteCompressionStore;

/**
 * Earlier turns keep their exact bytes when the proxy restarts or a second process serves the same
 * workspace (issue #5, cache mode: "every earlier message is sent with the exact bytes it was sent with
 * before"). Real SQLite files in a temporary directory, real compressors, real tool outputs.
 */
final class MemoAcrossRestartsTest {

    private static final List<String> QUESTIONS = List.of("which issues mention memory leaks?",
            "find packages for date parsing", "what do the search results say about retries?",
            "which pods are crash looping?");

    @TempDir
    Path dir;

    private HeadroomConfig config(Mode mode) {
        return HeadroomConfig.builder().workspaceDir(dir).mode(mode).build();
    }

    /** Sends turns 0..split-1 with one process, the rest with a fresh one; returns every request as sent. */
    private List<byte[]> converse(HeadroomConfig config, List<Integer> order, int split) {
        List<String> outputs = Conversations.toolOutputs();
        Conversations conversation = new Conversations();
        List<byte[]> sent = new ArrayList<>();
        for (int part = 0; part < 2; part++) {
            try (SqliteCompressionStore store = CompressionStores.open(config)) {
                Headroom headroom = Headroom.create(config, store);
                for (int t = part == 0 ? 0 : split; t < (part == 0 ? split : order.size()); t++) {
                    int i = order.get(t);
                    CompressionResult r = headroom.compress(conversation.turn(QUESTIONS.get(i), outputs.get(i)), null);
                    assertThat(r.failedOpen()).isFalse();
                    sent.add(r.body());
                }
            }
        }
        return sent;
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Request n+1 starts with request n's bytes up to its closing brackets: the provider's cache hits. */
    private static void assertEachRequestExtendsThePrevious(List<byte[]> sent) {
        for (int n = 1; n < sent.size(); n++) {
            String previous = text(sent.get(n - 1));
            assertThat(text(sent.get(n))).as("request %d", n + 1)
                    .startsWith(previous.substring(0, previous.length() - 2));
        }
    }

    @Test
    void earlierTurnsKeepTheirBytesAfterARestart() {
        HeadroomConfig config = config(Mode.CACHE);

        List<byte[]> sent = converse(config, List.of(0, 1, 3), 2);

        List<String> before = Conversations.toolResults(sent.get(1));
        List<String> after = Conversations.toolResults(sent.get(2));
        assertThat(after.subList(0, 2)).isEqualTo(before);
        assertThat(after.get(0)).isNotEqualTo(Conversations.toolOutputs().get(0));   // still compressed
        assertEachRequestExtendsThePrevious(sent);
    }

    @Test
    void withoutADurableMemoARestartSendsEarlierTurnsUncompressed() {
        // What happened before the memo was stored: the same conversation over a store that keeps no memo.
        // The restarted process sees the earlier tool results only as history it never compressed, so they
        // go out whole: the provider's cached prefix is lost and every later turn pays for the full text.
        HeadroomConfig config = config(Mode.CACHE);
        InMemoryCompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30);
        List<String> outputs = Conversations.toolOutputs();
        Conversations conversation = new Conversations();

        CompressionResult first = Headroom.create(config, store).compress(conversation.turn(QUESTIONS.get(0),
                outputs.get(0)), null);
        CompressionResult restarted = Headroom.create(config, store).compress(conversation.turn(QUESTIONS.get(1),
                outputs.get(1)), null);

        assertThat(Conversations.toolResults(first.body()).get(0)).isNotEqualTo(outputs.get(0));
        assertThat(Conversations.toolResults(restarted.body()).get(0)).isEqualTo(outputs.get(0));
        assertThat(restarted.records().get(1).note()).isEqualTo("cache mode: sent before the live zone");
    }

    static Stream<Arguments> conversations() {
        return Stream.of(
                Arguments.of(Mode.CACHE, List.of(0, 1, 2, 3), 1),
                Arguments.of(Mode.CACHE, List.of(3, 2, 1, 0), 2),
                Arguments.of(Mode.CACHE, List.of(1, 3, 0, 2), 3),
                Arguments.of(Mode.TOKEN, List.of(0, 1, 2, 3), 2),
                Arguments.of(Mode.TOKEN, List.of(2, 0, 3, 1), 1));
    }

    @ParameterizedTest(name = "{0} mode, tool outputs {1}, restart before turn {2}")
    @MethodSource("conversations")
    void everyTurnAfterARestartExtendsTheBytesSentBefore(Mode mode, List<Integer> order, int split) {
        List<byte[]> sent = converse(config(mode), order, split);

        assertEachRequestExtendsThePrevious(sent);
        // Every marker in the last request still retrieves its original.
        try (SqliteCompressionStore store = CompressionStores.open(config(mode))) {
            for (String key : Markers.keysIn(text(sent.get(sent.size() - 1)))) {
                assertThat(store.get(key)).as(key).isPresent();
            }
        }
    }

    @Test
    void aSecondProcessOnTheSameWorkspaceSendsTheSameBytes() {
        HeadroomConfig config = config(Mode.TOKEN);
        List<String> outputs = Conversations.toolOutputs();
        Conversations conversation = new Conversations();
        try (SqliteCompressionStore a = CompressionStores.open(config);
             SqliteCompressionStore b = CompressionStores.open(config)) {
            byte[] first = Headroom.create(config, a).compress(conversation.turn(QUESTIONS.get(0), outputs.get(0)),
                    null).body();
            byte[] second = Headroom.create(config, b).compress(conversation.turn(QUESTIONS.get(2), outputs.get(2)),
                    null).body();

            assertThat(Conversations.toolResults(second).get(0)).isEqualTo(Conversations.toolResults(first).get(0));
        }
    }

    @Test
    void aLosslessProcessNeverReusesWhatALossyOneRemembered() {
        List<String> outputs = Conversations.toolOutputs();
        Conversations conversation = new Conversations();
        byte[] request = conversation.turn(QUESTIONS.get(0), outputs.get(0));
        HeadroomConfig lossy = config(Mode.TOKEN);
        HeadroomConfig lossless = lossy.toBuilder().lossless(true).build();
        try (SqliteCompressionStore store = CompressionStores.open(lossy)) {
            CompressionResult dropped = Headroom.create(lossy, store).compress(request, null);
            assertThat(Markers.keysIn(text(dropped.body()))).isNotEmpty();
        }
        try (SqliteCompressionStore store = CompressionStores.open(lossless)) {
            CompressionResult r = Headroom.create(lossless, store).compress(request, null);

            assertThat(Markers.hasMarker(text(r.body()))).isFalse();
            assertThat(r.records()).allMatch(TransformRecord::lossless);
        }
    }

    @Test
    void aDamagedMemoRowIsRecompressedNeverAnError() throws Exception {
        HeadroomConfig config = config(Mode.TOKEN);
        List<String> outputs = Conversations.toolOutputs();
        Conversations conversation = new Conversations();
        byte[] request = conversation.turn(QUESTIONS.get(0), outputs.get(0));
        try (SqliteCompressionStore store = CompressionStores.open(config)) {
            Headroom.create(config, store).compress(request, null);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + CompressionStores.databaseFile(config));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            // Flip the output to bytes that are not UTF-8 and garble the note: both must be caught.
            assertThat(s.executeUpdate("UPDATE memo SET output = X'C328FF', note = 'x'")).isPositive();
        }
        try (SqliteCompressionStore store = CompressionStores.open(config)) {
            CompressionResult r = Headroom.create(config, store).compress(request, null);

            assertThat(r.failedOpen()).isFalse();
            assertThat(r.changed()).isTrue();
            String sent = Conversations.toolResults(r.body()).get(0);
            assertThat(sent).doesNotContain("\uFFFD");
            for (String key : Markers.keysIn(sent)) {
                assertThat(store.get(key)).isPresent();
            }
        }
    }
}
