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
    void claudeCodeRunsThroughARunningProxyAndItsBashResultGoesThroughIt() throws Exception {
        Path claude = npmBin("@anthropic-ai/claude-code", CLAUDE_VERSION, "claude");
        assumeTrue(claude != null, "skipped: cannot install @anthropic-ai/claude-code from npm");
        try (FakeProvider f = new FakeProvider()) {
            fake = f;
            int port = WrapCommandTest.freePort();
            // A proxy started by hand: wrap must reuse it and leave it running.
            Process proxy = new ProcessBuilder(javaHeadroom("proxy", "--port", Integer.toString(port),
                    "--anthropic-api-url", f.url())).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("proxy.log").toFile()).start();
            proxy.getOutputStream().close();
            try {
                for (int i = 0; i < 300 && DoctorCommand.health(port) == null; i++) {
                    Thread.sleep(100);
                }
                assertThat(DoctorCommand.health(port)).as("the proxy came up").isNotNull();
                Result r = wrap(port, Map.of("ANTHROPIC_API_KEY", "sk-ant-fake-key",
                                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1", "DISABLE_AUTOUPDATER", "1"),
                        "--agent-bin", claude.toString(), "claude",
                        "-p", "Print the log with the Bash tool, then say what you saw.", "--allowedTools", "Bash");
                assertThat(r.code).as(r.output).isZero();
                assertThat(r.stdout).contains(FakeProvider.ANSWER);
                assertThat(r.stderr).contains("using the proxy on http://127.0.0.1:" + port);
                // Only the proxy knows the fake's address, so whatever reached the fake came through it.
                List<FakeProvider.Seen> messages = f.seen.stream().filter(s -> s.path().equals("/v1/messages"))
                        .toList();
                assertThat(messages).hasSizeGreaterThanOrEqualTo(2);
                FakeProvider.Seen withResult = messages.stream().filter(s -> s.body().contains("\"tool_result\""))
                        .findFirst().orElseThrow();
                assertThat(withResult.body()).as("Claude Code ran the command").contains("request 1 served");
                // The proxy counts a request just after its response is complete: wait (bounded) for the last.
                String stats = stats(port);
                for (long end = System.nanoTime() + 10_000_000_000L;
                     !stats.contains("\"total\":" + messages.size()) && System.nanoTime() < end; ) {
                    Thread.sleep(10);
                    stats = stats(port);
                }
                assertThat(stats).contains("\"total\":" + messages.size());
                long saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats).at("/tokens/saved")
                        .asLong();
                // Claude Code marks its newest tool result with cache_control; it is new content all the same,
                // so the proxy compresses it: fewer of the 350 lines arrive whole.
                assertThat(saved).as("tokens the proxy saved on Claude Code's requests").isPositive();
                int whole = withResult.body().split(" served GET ", -1).length - 1;
                assertThat(whole).as("log lines that reached the provider verbatim").isLessThan(FakeProvider.LINES);
                System.err.println("claude through the proxy: " + messages.size() + " requests, " + saved
                        + " tokens saved; proxy stats " + stats);
                assertThat(DoctorCommand.health(port)).as("wrap left the proxy it did not start running").isNotNull();
            } finally {
                proxy.destroy();
                proxy.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static String stats(int port) throws IOException, InterruptedException {
        var client = java.net.http.HttpClient.newHttpClient();
        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                + "/stats")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void codexRunsThroughTheProxyAndGetsItsAnswer() throws Exception {
        Path codex = npmBin("@openai/codex", CODEX_VERSION, "codex");
        assumeTrue(codex != null, "skipped: cannot install @openai/codex from npm");
        Files.createDirectories(tmp.resolve("codex-home"));
        try (FakeProvider f = new FakeProvider()) {
            fake = f;
            int port = WrapCommandTest.freePort();
            Result r = wrap(port, Map.of("OPENAI_API_KEY", "sk-fake-key",
                            "CODEX_HOME", tmp.resolve("codex-home").toString()),
                    "--openai-upstream", f.url(), "--agent-bin", codex.toString(), "codex",
                    "exec", "--skip-git-repo-check", "Print the log, then say what you saw.");
            assertThat(r.code).as(r.output).isZero();
            assertThat(r.stdout).contains(FakeProvider.ANSWER);
            assertThat(r.stderr).contains("started a proxy on http://127.0.0.1:" + port);
            // Only the proxy that wrap started knows the fake's address.
            assertThat(f.seen).as("Codex's requests reached the provider through the proxy")
                    .anySatisfy(s -> assertThat(s.path()).isEqualTo("/v1/responses"));
            assertThat(f.seen).as("Codex ran the command and sent its output back through the proxy")
                    .anySatisfy(s -> assertThat(s.body()).contains("_call_output").contains("request 1 served"));
            assertThat(DoctorCommand.health(port)).as("wrap stopped the proxy it started").isNull();
            List<LedgerEntry> ledger = Ledger.inWorkspace(tmp.resolve("ws")).read(Instant.EPOCH);
            // Codex sends command output as JSON ({"exit_code":..,"output":".."}); the text inside is compressed.
            assertThat(ledger).as("the ledger line of the request carrying the command output")
                    .anySatisfy(e -> assertThat(e.savedByTransform()).containsKey("json.embedded"));
            System.err.println("codex through the proxy: " + f.seen.size() + " requests at the provider, "
                    + ledger.size() + " ledger lines, saved " + ledger.stream().map(e -> e.tokensBefore() + "->"
                    + e.tokensAfter() + " " + e.savedByTransform()).toList());
        }
    }

    private record Result(int code, String stdout, String stderr, String output) {
    }

    private static List<String> javaHeadroom(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HeadroomCli.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs {@code headroom wrap ARGS} as its own process, as a user would, and waits up to two minutes. */
    private Result wrap(int port, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = javaHeadroom("wrap", "--port", Integer.toString(port));
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
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String all = "stdout:\n" + stdout + "\nstderr:\n" + stderr + "\nfake saw: "
                + fake.seen.stream().map(FakeProvider.Seen::path).toList();
        return new Result(p.exitValue(), stdout, stderr, all);
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
