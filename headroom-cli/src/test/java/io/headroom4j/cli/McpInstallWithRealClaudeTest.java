package io.headroom4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom mcp install} checked by the real Claude Code from npm: after installing into a
 * throw-away home, {@code claude mcp list} finds the server, starts it and completes the MCP handshake.
 */
final class McpInstallWithRealClaudeTest {

    @TempDir
    Path tmp;

    @Test
    void claudeCodeConnectsToTheInstalledServer() throws Exception {
        Path claude = WrapWithRealAgentsTest.npmBin("@anthropic-ai/claude-code", WrapWithRealAgentsTest.CLAUDE_VERSION,
                "claude");
        assumeTrue(claude != null, "skipped: cannot install @anthropic-ai/claude-code from npm");
        Path home = Files.createDirectories(tmp.resolve("home"));
        StringWriter out = new StringWriter();
        int code = HeadroomCli.commandLine().setOut(new PrintWriter(out))
                .execute("mcp", "install", "--claude-config", home.resolve(".claude.json").toString());
        assertThat(code).as(out.toString()).isZero();

        ProcessBuilder pb = new ProcessBuilder(claude.toString(), "mcp", "list").redirectErrorStream(true)
                .directory(home.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("HEADROOM_WORKSPACE_DIR", tmp.resolve("ws").toString());
        pb.environment().put("DISABLE_AUTOUPDATER", "1");
        pb.environment().put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        Process p = pb.start();
        String listed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(listed).contains("headroom:").contains("mcp serve").contains("Connected");
    }
}
