package io.headroom4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registering the MCP server in a Claude Code config file (never the real home). */
final class McpInstallerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private McpInstaller installer(Path file) {
        return new McpInstaller(file, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    @Test
    void addsServerKeepingOtherKeysAndBacksUpTheOldFile() throws Exception {
        Path file = dir.resolve(".claude.json");
        String before = "{\"numStartups\":7,\"mcpServers\":{\"other\":{\"command\":\"x\"}},\"projects\":{}}";
        Files.writeString(file, before);
        McpInstaller.Outcome o = installer(file).install("headroom", "/usr/bin/java", List.of("-jar", "h.jar", "mcp",
                "serve"), Map.of(), false, false);
        assertThat(o.ok()).isTrue();
        assertThat(o.changed()).isTrue();
        assertThat(o.message()).contains("added").contains("backup");
        JsonNode n = JSON.readTree(file.toFile());
        assertThat(n.get("numStartups").asInt()).isEqualTo(7);
        assertThat(n.at("/mcpServers/other/command").asText()).isEqualTo("x");
        assertThat(n.at("/mcpServers/headroom/type").asText()).isEqualTo("stdio");
        assertThat(n.at("/mcpServers/headroom/command").asText()).isEqualTo("/usr/bin/java");
        assertThat(n.at("/mcpServers/headroom/args/3").asText()).isEqualTo("serve");
        assertThat(Files.readString(dir.resolve(".claude.json.headroom-backup-20260102-030405"))).isEqualTo(before);
    }

    @Test
    void secondInstallChangesNothing() throws Exception {
        Path file = dir.resolve(".mcp.json");
        installer(file).install("headroom", "java", List.of("mcp", "serve"), Map.of(), false, false);
        String first = Files.readString(file);
        McpInstaller.Outcome o = installer(file).install("headroom", "java", List.of("mcp", "serve"), Map.of(),
                false, false);
        assertThat(o.changed()).isFalse();
        assertThat(o.message()).contains("already registered");
        assertThat(Files.readString(file)).isEqualTo(first);
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1); // no backup of a file that was not changed
        }
    }

    @Test
    void differentEntryNeedsForce() throws Exception {
        Path file = dir.resolve(".mcp.json");
        Files.writeString(file, "{\"mcpServers\":{\"headroom\":{\"command\":\"old\"}}}");
        McpInstaller.Outcome o = installer(file).install("headroom", "java", List.of(), Map.of(), false, false);
        assertThat(o.ok()).isFalse();
        assertThat(o.message()).contains("--force");
        assertThat(JSON.readTree(file.toFile()).at("/mcpServers/headroom/command").asText()).isEqualTo("old");
        assertThat(installer(file).install("headroom", "java", List.of(), Map.of(), true, false).message())
                .contains("replaced");
        assertThat(JSON.readTree(file.toFile()).at("/mcpServers/headroom/command").asText()).isEqualTo("java");
    }

    @Test
    void dryRunWritesNothing() {
        Path file = dir.resolve("new.json");
        McpInstaller.Outcome o = installer(file).install("headroom", "java", List.of(), Map.of(), false, true);
        assertThat(o.message()).startsWith("dry run: would have added");
        assertThat(file).doesNotExist();
    }

    @Test
    void brokenJsonIsLeftAlone() throws Exception {
        Path file = dir.resolve(".claude.json");
        Files.writeString(file, "{not json");
        McpInstaller.Outcome o = installer(file).install("headroom", "java", List.of(), Map.of(), false, false);
        assertThat(o.ok()).isFalse();
        assertThat(Files.readString(file)).isEqualTo("{not json");
    }

    @Test
    void installCommandHonoursTheConfigPathOverride() throws Exception {
        Path file = dir.resolve("claude.json");
        var out = new java.io.StringWriter();
        int code = HeadroomCli.commandLine().setOut(new java.io.PrintWriter(out))
                .execute("mcp", "install", "--claude-config", file.toString());
        assertThat(code).isZero();
        JsonNode n = JSON.readTree(file.toFile());
        List<String> args = JSON.convertValue(n.at("/mcpServers/headroom/args"), List.class);
        assertThat(args).endsWith("mcp", "serve");
        assertThat(out.toString()).contains("added MCP server 'headroom'");
    }
}
