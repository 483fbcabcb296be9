package io.headroom4j.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The savings ledger: a JSON-lines file in the workspace directory, one {@link LedgerEntry} per line,
 * appended by the proxy and read by {@code headroom perf}.
 *
 * <p>Appends are whole lines written under a lock with {@code O_APPEND}, so concurrent requests, and
 * several processes sharing a workspace, never interleave inside a line. Reading skips lines it cannot
 * parse (a crash can leave half a line) instead of failing the report.
 */
public final class Ledger {

    /** The ledger's file name inside the workspace directory. */
    public static final String FILE_NAME = "ledger.jsonl";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final Object lock = new Object();

    /** A ledger at {@code file}; the file and its directory are created on the first append. */
    public Ledger(Path file) {
        this.file = file;
    }

    /** The ledger in {@code workspaceDir}. */
    public static Ledger inWorkspace(Path workspaceDir) {
        return new Ledger(workspaceDir.resolve(FILE_NAME));
    }

    /** The file this ledger writes. */
    public Path file() {
        return file;
    }

    /** Appends {@code entry} as one line. */
    public void append(LedgerEntry entry) {
        byte[] line = (toJson(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            try {
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to ledger " + file, e);
            }
        }
    }

    /** Every entry at or after {@code since}, in file order; empty when the file does not exist. */
    public List<LedgerEntry> read(Instant since) {
        List<LedgerEntry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                LedgerEntry e = parse(line);
                if (e != null && !e.time().isBefore(since)) {
                    entries.add(e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger " + file, e);
        }
        return entries;
    }

    static String toJson(LedgerEntry e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("time", e.time().toString());
        n.put("provider", e.provider());
        n.put("model", e.model());
        n.put("route", e.route());
        n.put("tokens_before", e.tokensBefore());
        n.put("tokens_after", e.tokensAfter());
        ObjectNode byTransform = n.putObject("saved_by_transform");
        e.savedByTransform().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(x -> byTransform.put(x.getKey(), x.getValue()));
        ObjectNode byTool = n.putObject("saved_by_tool");
        e.savedByTool().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(x -> byTool.put(x.getKey(), x.getValue()));
        n.put("input_tokens", e.inputTokens());
        n.put("cache_read_tokens", e.cacheReadTokens());
        n.put("cache_write_tokens", e.cacheWriteTokens());
        n.put("output_tokens", e.outputTokens());
        n.put("latency_ms", Math.round(e.latencyMs() * 1000) / 1000.0);
        n.put("overhead_ms", Math.round(e.overheadMs() * 1000) / 1000.0);
        n.put("failed_open", e.failedOpen());
        n.put("status", e.status());
        return n.toString();
    }

    /** The entry on {@code line}, or null when the line is not a ledger entry. */
    static LedgerEntry parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode n = MAPPER.readTree(line);
            return new LedgerEntry(Instant.parse(n.path("time").asText()), n.path("provider").asText(null),
                    n.path("model").asText(null), n.path("route").asText(""), n.path("tokens_before").asLong(),
                    n.path("tokens_after").asLong(), longs(n.path("saved_by_transform")), longs(n.path("saved_by_tool")),
                    n.path("input_tokens").asLong(-1), n.path("cache_read_tokens").asLong(-1),
                    n.path("cache_write_tokens").asLong(-1), n.path("output_tokens").asLong(-1),
                    n.path("latency_ms").asDouble(), n.path("overhead_ms").asDouble(),
                    n.path("failed_open").asBoolean(), n.path("status").asInt());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Long> longs(JsonNode n) {
        Map<String, Long> m = new LinkedHashMap<>();
        n.properties().forEach(x -> m.put(x.getKey(), x.getValue().asLong()));
        return m;
    }
}
