package io.headroom4j.mcp;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.compress.Compressed;
import io.headroom4j.compress.CompressionContext;
import io.headroom4j.compress.Compressor;
import io.headroom4j.compress.Markers;
import io.headroom4j.ledger.Ledger;
import io.headroom4j.route.ContentRouter;
import io.headroom4j.route.ContentType;
import io.headroom4j.store.InMemoryCompressionStore;

/**
 * Entry points the tests start as child processes, and the tools they need: the MCP server and relay on
 * stdio, with a small lossy compressor registered for every content type so the tests do not depend on
 * which compressors exist yet, and the Python {@code mcp} client installed into {@code target/}.
 */
final class TestServers {

    /** The Python MCP SDK version the tests install. */
    static final String PYTHON_MCP_VERSION = "2.3.0";

    private TestServers() {
    }

    /** {@code serve} or {@code relay CMD...}; the workspace comes from {@code HEADROOM_WORKSPACE_DIR}. */
    public static void main(String[] args) {
        PrintStream stdout = System.out;
        System.setOut(System.err); // stdout is the protocol: nothing else may write to it
        HeadroomConfig config = HeadroomConfig.builder().applyEnvironment(System.getenv()).minTokens(20)
                .lossyMinTokens(20).build();
        InMemoryCompressionStore store = new InMemoryCompressionStore(Duration.ofHours(1), 64L << 20);
        Headroom headroom = Headroom.create(config, store, headLinesRouter());
        HeadroomTools tools = new HeadroomTools(headroom, Ledger.inWorkspace(config.workspaceDir()),
                Clock.systemUTC());
        if (args[0].equals("serve")) {
            HeadroomMcpServer.serve(tools, System.in, stdout);
            System.exit(0);
        }
        List<String> command = List.of(args).subList(1, args.length);
        System.exit(new McpRelay(tools).run(command, System.in, stdout));
    }

    /** A router whose every type keeps the first 5 lines and marks the rest with a retrieval key. */
    static ContentRouter headLinesRouter() {
        ContentRouter.Builder b = ContentRouter.builder();
        for (ContentType t : ContentType.values()) {
            b.register(t, new HeadLines());
        }
        return b.build();
    }

    /** Keeps the first 5 lines; the rest is stored and replaced by a marker. */
    static final class HeadLines implements Compressor {
        @Override
        public Compressed compress(String content, CompressionContext context) {
            String[] lines = content.split("\n", -1);
            if (lines.length <= 10 || !context.allowsLossy()) {
                return Compressed.unchanged(content, "test.head", "short");
            }
            String rest = String.join("\n", List.of(lines).subList(5, lines.length));
            String key = context.offload(rest, "test.head");
            String out = String.join("\n", List.of(lines).subList(0, 5)) + "\n"
                    + Markers.omitted("lines 6-" + lines.length, key);
            return Compressed.lossy(out, "test.head", List.of(key), "kept 5 lines");
        }
    }

    /** The Java command that runs {@link #main} with {@code args}. */
    static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(TestServers.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * The Python interpreter of a venv under {@code target/} with the {@code mcp} package, installing it on
     * first use; null when Python or PyPI is unavailable (the caller skips, saying so).
     */
    static Path pythonWithMcp() {
        Path venv = Path.of("target", "mcp-venv").toAbsolutePath();
        Path python = venv.resolve("bin/python");
        if (Files.isExecutable(python) && run(List.of(python.toString(), "-c", "import mcp"), 60)) {
            return python;
        }
        if (!run(List.of("python3", "-m", "venv", venv.toString()), 120)) {
            return null;
        }
        if (!run(List.of(python.toString(), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                "mcp==" + PYTHON_MCP_VERSION), 300)) {
            return null;
        }
        return python;
    }

    /** The npm package's directory under {@code target/npm}, installing it on first use; null if npm fails. */
    static Path npmPackage(String name, String version) {
        Path dir = Path.of("target", "npm").toAbsolutePath();
        Path pkg = dir.resolve("node_modules").resolve(name);
        if (Files.isRegularFile(pkg.resolve("package.json"))) {
            return pkg;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return null;
        }
        List<String> cmd = List.of("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund",
                "--loglevel=error", name + "@" + version);
        return run(cmd, 300) && Files.isRegularFile(pkg.resolve("package.json")) ? pkg : null;
    }

    /** Runs {@code cmd} with output to a log under target/, true when it exits 0 within the time. */
    static boolean run(List<String> cmd, int seconds) {
        try {
            Path log = Path.of("target", "test-setup.log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
