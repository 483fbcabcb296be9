package io.headroom4j.cli;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.mcp.HeadroomMcpServer;
import io.headroom4j.mcp.HeadroomTools;
import io.headroom4j.mcp.McpRelay;

/** {@code headroom mcp}: the MCP server, its installer, and the MCP relay. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Headroom over MCP: serve its tools, install it into Claude Code, or relay another server.",
        subcommands = {McpCommand.Serve.class, McpCommand.Install.class, McpCommand.Proxy.class})
final class McpCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /**
     * Takes the process's real stdout for the protocol and points {@code System.out} at stderr, so that no
     * stray print can corrupt the MCP stream.
     */
    static OutputStream claimStdout() {
        OutputStream protocol = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        return protocol;
    }

    static void warnIfVolatile(Cli.Store store) {
        if (!store.persistent()) {
            System.err.println("headroom: the workspace store could not be opened (" + store.problem()
                    + "); originals are kept in memory for this session only");
        }
    }

    static InputStream stdin() {
        return new FileInputStream(FileDescriptor.in);
    }

    /** {@code headroom mcp serve}. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve headroom_compress, headroom_retrieve and headroom_stats over stdio."
                    + " stdout carries only MCP messages; diagnostics go to stderr.")
    static final class Serve implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() {
            OutputStream protocol = claimStdout();
            HeadroomConfig config = options.load(System.getenv(), Map.of());
            try (Cli.Store store = Cli.openStore(config)) {
                warnIfVolatile(store);
                HeadroomMcpServer.serve(HeadroomTools.create(config, store.store()), stdin(), protocol);
            }
            return 0;
        }
    }

    /** {@code headroom mcp proxy -- CMD ARGS}. */
    @Command(name = "proxy", mixinStandardHelpOptions = true,
            description = "Run another MCP server (stdio) and relay everything, compressing its tool results;"
                    + " adds headroom_retrieve to its tools.")
    static final class Proxy implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Parameters(arity = "1..*", paramLabel = "CMD", description = "The MCP server command and its arguments.")
        List<String> command = new ArrayList<>();

        @Override
        public Integer call() {
            OutputStream protocol = claimStdout();
            HeadroomConfig config = options.load(System.getenv(), Map.of());
            try (Cli.Store store = Cli.openStore(config)) {
                warnIfVolatile(store);
                return new McpRelay(HeadroomTools.create(config, store.store())).run(command, stdin(), protocol);
            }
        }
    }

    /** {@code headroom mcp install}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Register `headroom mcp serve` as the MCP server 'headroom' in Claude Code's"
                    + " configuration (user scope: ~/.claude.json; project scope: ./.mcp.json).")
    static final class Install implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--scope", defaultValue = "user", description = "user or project (default: ${DEFAULT-VALUE}).")
        String scope;

        @Option(names = "--claude-config", paramLabel = "FILE",
                description = "The file to edit instead of ~/.claude.json (user) or ./.mcp.json (project).")
        Path file;

        @Option(names = "--dry-run", description = "Show what would change; write nothing.")
        boolean dryRun;

        @Option(names = "--force", description = "Replace a different existing 'headroom' entry.")
        boolean force;

        @Option(names = "--name", defaultValue = "headroom", description = "The server name (default: ${DEFAULT-VALUE}).")
        String name;

        @Override
        public Integer call() {
            Path target = file;
            if (target == null) {
                target = switch (scope) {
                    case "user" -> Path.of(System.getProperty("user.home"), ".claude.json");
                    case "project" -> Path.of(".mcp.json").toAbsolutePath();
                    default -> throw new CommandLine.ParameterException(spec.commandLine(),
                            "--scope must be user or project, got " + scope);
                };
            }
            List<String> cmd = Launcher.command("mcp", "serve");
            McpInstaller.Outcome o = new McpInstaller(target).install(name, cmd.get(0), cmd.subList(1, cmd.size()),
                    Map.of(), force, dryRun);
            (o.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(o.message());
            return o.ok() ? 0 : 1;
        }
    }
}
