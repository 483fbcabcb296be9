package io.headroom4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LedgerTest {

    @TempDir
    Path dir;

    private static LedgerEntry entry(Instant t, long before, long after) {
        return new LedgerEntry(t, "anthropic", "claude-sonnet-4-5", "/v1/messages", before, after,
                Map.of("json.table", before - after), Map.of("Bash", before - after), 100, 2_000, 50, 30,
                812.5, 1.25, false, 200);
    }

    @Test
    void appendsAndReadsBackEveryField() {
        Ledger ledger = Ledger.inWorkspace(dir.resolve("ws"));
        LedgerEntry e = entry(Instant.parse("2026-11-24T10:00:00Z"), 10_000, 4_000);

        ledger.append(e);

        assertThat(ledger.read(Instant.EPOCH)).containsExactly(e);
    }

    @Test
    void readsOnlyEntriesSinceTheGivenTimeAndSkipsBrokenLines() throws Exception {
        Ledger ledger = Ledger.inWorkspace(dir);
        ledger.append(entry(Instant.parse("2026-11-20T00:00:00Z"), 10, 5));
        Files.writeString(ledger.file(), "{\"time\":\"2026-11-2", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.writeString(ledger.file(), "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        ledger.append(entry(Instant.parse("2026-11-24T00:00:00Z"), 20, 5));

        List<LedgerEntry> recent = ledger.read(Instant.parse("2026-11-23T00:00:00Z"));

        assertThat(recent).extracting(LedgerEntry::tokensSaved).containsExactly(15L);
    }

    @Test
    void concurrentAppendsNeverInterleaveLines() throws Exception {
        Ledger ledger = Ledger.inWorkspace(dir);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 50; i++) {
                    ledger.append(entry(Instant.parse("2026-11-24T00:00:00Z"), 1_000, 10));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertThat(ledger.read(Instant.EPOCH)).hasSize(400);
        assertThat(Files.readAllLines(ledger.file())).allSatisfy(line -> assertThat(Ledger.parse(line)).isNotNull());
    }

    @Test
    void holdsOnlyCountsAndNamesNeverPromptText() throws Exception {
        String json = Ledger.toJson(entry(Instant.parse("2026-11-24T00:00:00Z"), 10, 5));

        List<String> fields = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("time", "provider", "model", "route", "tokens_before", "tokens_after",
                "saved_by_transform", "saved_by_tool", "input_tokens", "cache_read_tokens", "cache_write_tokens",
                "output_tokens", "latency_ms", "overhead_ms", "failed_open", "status");
    }
}
