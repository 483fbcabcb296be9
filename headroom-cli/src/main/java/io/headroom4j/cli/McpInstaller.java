package io.headroom4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Adds an MCP server to a Claude Code configuration file: {@code ~/.claude.json} (user scope) or a
 * project's {@code .mcp.json}, both of which keep servers under a top-level {@code mcpServers} object,
 * as {@code claude mcp add --scope user|project} does.
 *
 * <p>Safe by construction: a file that is not a JSON object is left alone; an equal entry means nothing
 * to do; a different entry is replaced only when forced; before any write the old file is copied to
 * {@code <file>.headroom-backup-<time>}, and the new one is written to a temporary file and moved into
 * place, so a crash never leaves half a file. Every other key is kept.
 */
final class McpInstaller {

    /** What happened, for the user. */
    record Outcome(boolean ok, boolean changed, String message) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;

    McpInstaller(Path file) {
        this(file, Clock.systemUTC());
    }

    McpInstaller(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    Outcome install(String name, String command, List<String> args, Map<String, String> env, boolean force,
                    boolean dryRun) {
        ObjectNode root;
        try {
            if (Files.exists(file)) {
                JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
                if (n == null || n.isMissingNode()) {
                    root = JSON.createObjectNode();
                } else if (!n.isObject()) {
                    return new Outcome(false, false, file + " is not a JSON object; left unchanged");
                } else {
                    root = (ObjectNode) n;
                }
            } else {
                root = JSON.createObjectNode();
            }
        } catch (IOException e) {
            return new Outcome(false, false, "cannot read " + file + " as JSON (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); left unchanged");
        }
        ObjectNode entry = JSON.createObjectNode();
        entry.put("type", "stdio");
        entry.put("command", command);
        args.forEach(entry.putArray("args")::add);
        ObjectNode envNode = entry.putObject("env");
        env.forEach(envNode::put);

        JsonNode servers = root.path("mcpServers");
        if (servers.isMissingNode() || servers.isNull()) {
            servers = root.putObject("mcpServers");
        } else if (!servers.isObject()) {
            return new Outcome(false, false, file + ": 'mcpServers' is not an object; left unchanged");
        }
        JsonNode existing = servers.get(name);
        if (entry.equals(existing)) {
            return new Outcome(true, false, "MCP server '" + name + "' is already registered in " + file
                    + "; nothing changed");
        }
        if (existing != null && !force) {
            return new Outcome(false, false, "MCP server '" + name + "' in " + file
                    + " differs from this one:\n  now:  " + existing + "\n  want: " + entry
                    + "\nrerun with --force to replace it");
        }
        ((ObjectNode) servers).set(name, entry);
        String verb = existing == null ? "added" : "replaced";
        String line = command + " " + String.join(" ", args);
        // A class path can run to kilobytes; show its ends, the file has it all.
        String what = "MCP server '" + name + "' (" + (line.length() <= 240 ? line
                : line.substring(0, 120) + " ... " + line.substring(line.length() - 100)) + ")";
        if (dryRun) {
            return new Outcome(true, false, "dry run: would have " + verb + " " + what + " in " + file
                    + (Files.exists(file) ? " (after a backup)" : " (a new file)"));
        }
        try {
            String backup = null;
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                        .format(clock.instant());
                Path b = file.resolveSibling(file.getFileName() + ".headroom-backup-" + stamp);
                Files.copy(file, b, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                backup = b.toString();
            }
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(
                    new DefaultIndenter("  ", "\n"));
            Files.writeString(tmp, JSON.writer(pp).writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Outcome(true, true, verb + " " + what + " in " + file
                    + (backup == null ? "" : "\nbackup of the previous file: " + backup)
                    + "\nClaude Code shows its tools as mcp__" + name + "__headroom_compress and friends;"
                    + " restart Claude Code to load it.");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
