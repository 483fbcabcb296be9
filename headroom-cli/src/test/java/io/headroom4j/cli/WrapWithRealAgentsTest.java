package io.headroom4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.headroom4j.ledger.Ledger;
import io.headroom4j.ledger.LedgerEntry;

/**
 * {@code headroom wrap} with the real Claude Code and Codex CLI from npm, in non-interactive mode, against
 * {@link FakeProvider} on loopback: the wrap starts the real proxy (this program's {@code proxy}
 * subcommand), the agents' requests go through it to the fake, and the agents print the fake's answer.
 * The agents are installed into {@code target/npm} on first run; the tests skip, saying why, when npm
 * cannot reach the registry.
 */
final class WrapWithRealAgentsTest {

    static final String CLAUDE_VERSION = "2.1.197";
    static final String CODEX_VERSION = "0.169.0";

    @TempDir
    Path tmp;

    private FakeProvider fake;

    @BeforeEach
    void proxyExists() {
        assumeTrue(HeadroomCli.commandLine().getSubcommands().containsKey("proxy"),
                "skipped: this build has no `headroom proxy` subcommand yet, so wrap has no proxy to start");
    }

    @Test
    void claudeCodeRunsThroughTheProxyAndGetsItsAnswer() throws Exception {
        Path claude = npmBin("@anthropic-ai/claude-code", CLAUDE_VERSION, "claude");
        assumeTrue(claude != null, "skipped: cannot install @anthropic-ai/claude-code from npm");
        try (FakeProvider f = new FakeProvider()) {
            fake = f;
            Result r = wrap(Map.of("ANTHROPIC_API_KEY", "sk-ant-fake-key",
                            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1", "DISABLE_AUTOUPDATER", "1"),
                    "--anthropic-upstream", f.url(), "--agent-bin", claude.toString(), "claude",
                    "-p", "Print the log with the Bash tool, then say what you saw.", "--allowedTools", "Bash");
            assertThat(r.code).as(r.output).isZero();
            assertThat(r.stdout).contains(FakeProvider.ANSWER);
            List<FakeProvider.Seen> messages = f.seen.stream().filter(s -> s.path().equals("/v1/messages")).toList();
            assertThat(messages).as("requests that reached the provider through the proxy").hasSizeGreaterThanOrEqualTo(2);
            FakeProvider.Seen withResult = messages.stream().filter(s -> s.body().contains("\"tool_result\""))
                    .findFirst().orElseThrow();
            // Claude Code ran the Bash command and sent its 2,000 lines back through the proxy.
            assertThat(withResult.body()).contains("request 1 served");
            List<LedgerEntry> ledger = Ledger.inWorkspace(tmp.resolve("ws")).read(Instant.EPOCH);
            assertThat(ledger).as("one ledger line per proxied request").isNotEmpty()
                    .allSatisfy(e -> assertThat(e.route()).contains("/v1/messages"));
            long saved = ledger.stream().mapToLong(LedgerEntry::tokensSaved).sum();
            if (saved > 0) {
                assertThat(withResult.body()).doesNotContain("request 1999 served");
            }
            System.err.println("claude through the proxy: " + ledger.size() + " requests, " + saved
                    + " tokens saved");
        }
    }

    @Test
    void codexRunsThroughTheProxyAndGetsItsAnswer() throws Exception {
        Path codex = npmBin("@openai/codex", CODEX_VERSION, "codex");
        assumeTrue(codex != null, "skipped: cannot install @openai/codex from npm");
        Files.createDirectories(tmp.resolve("codex-home"));
        try (FakeProvider f = new FakeProvider()) {
            fake = f;
            Result r = wrap(Map.of("OPENAI_API_KEY", "sk-fake-key", "CODEX_HOME", tmp.resolve("codex-home").toString()),
                    "--openai-upstream", f.url(), "--agent-bin", codex.toString(), "codex",
                    "exec", "--skip-git-repo-check", "Say hello.");
            assertThat(r.code).as(r.output).isZero();
            assertThat(r.stdout).contains(FakeProvider.ANSWER);
            assertThat(f.seen).as("Codex's requests reached the provider through the proxy")
                    .anySatisfy(s -> assertThat(s.path()).isEqualTo("/v1/responses"));
            assertThat(Ledger.inWorkspace(tmp.resolve("ws")).read(Instant.EPOCH)).as("ledger lines").isNotEmpty()
                    .anySatisfy(e -> assertThat(e.route()).contains("/v1/responses"));
        }
    }

    private record Result(int code, String stdout, String output) {
    }

    /** Runs {@code headroom wrap ARGS} as its own process, as a user would, and waits up to two minutes. */
    private Result wrap(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HeadroomCli.class.getName());
        cmd.add("wrap");
        cmd.add("--port");
        cmd.add(Integer.toString(WrapCommandTest.freePort()));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("ANTHROPIC_") || k.startsWith("OPENAI_") || k.startsWith("HEADROOM_")
                || k.startsWith("CLAUDE") || k.startsWith("CODEX"));
        e.put("HOME", home.toString());
        e.put("HEADROOM_WORKSPACE_DIR", tmp.resolve("ws").toString());
        e.putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("wrap did not finish within 120 s; stderr:\n" + Files.readString(err));
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String all = "stdout:\n" + stdout + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8)
                + "\nfake saw: " + fake.seen.stream().map(FakeProvider.Seen::path).toList();
        return new Result(p.exitValue(), stdout, all);
    }

    /** The agent's executable from npm under {@code target/npm}, installing it on first use; null if npm fails. */
    static Path npmBin(String pkg, String version, String bin) {
        Path dir = Path.of("target", "npm").toAbsolutePath();
        Path exe = dir.resolve("node_modules/.bin").resolve(bin);
        if (Files.isExecutable(exe) && Files.exists(dir.resolve("node_modules").resolve(pkg)
                .resolve("package.json")) && versionOf(dir.resolve("node_modules").resolve(pkg)).equals(version)) {
            return exe;
        }
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund",
                    "--loglevel=error", pkg + "@" + version).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("npm.log").toFile())).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 && Files.isExecutable(exe) ? exe : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String versionOf(Path pkgDir) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(pkgDir.resolve("package.json").toFile())
                    .path("version").asText();
        } catch (IOException e) {
            return "";
        }
    }
}
