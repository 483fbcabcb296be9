package io.headroom4j.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code headroom} command: one subcommand per surface (compress, retrieve, demo, proxy, wrap, mcp,
 * perf, doctor). Exits 0 on success, 1 on failure, 2 on a usage error, and prints messages, not stack
 * traces.
 */
@Command(name = "headroom", mixinStandardHelpOptions = true, version = "headroom4j 0.1.0",
        description = "Context compression for AI agents: shrinks tool output before it reaches the model,"
                + " keeps what it drops retrievable, and keeps the prompt cache hitting.",
        subcommands = {CompressCommand.class, RetrieveCommand.class, DemoCommand.class, ProxyCommand.class,
                WrapCommand.class, McpCommand.class, PerfCommand.class, DoctorCommand.class,
                CommandLine.HelpCommand.class})
public final class HeadroomCli implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;
    private final InputStream stdin;

    /** The command with the process environment and standard input. */
    public HeadroomCli() {
        this(System.getenv(), System.in);
    }

    /** The command with an explicit environment and standard input, for tests and embedding. */
    public HeadroomCli(Map<String, String> env, InputStream stdin) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        CommandLine cl = commandLine();
        // Write UTF-8 whatever the locale says, so `headroom retrieve` gives back the exact bytes.
        cl.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(cl.execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return commandLine(new HeadroomCli());
    }

    /** The configured command line over {@code env} and {@code stdin}. */
    public static CommandLine commandLine(Map<String, String> env, InputStream stdin) {
        return commandLine(new HeadroomCli(env, stdin));
    }

    private static CommandLine commandLine(HeadroomCli root) {
        CommandLine cl = new CommandLine(root);
        // Everything after the agent's (or MCP server's) name belongs to it, options included.
        cl.getSubcommands().get("wrap").setStopAtPositional(true);
        cl.getSubcommands().get("mcp").getSubcommands().get("proxy").setStopAtPositional(true);
        // A usage error says what is wrong and where help is, like other command-line tools; the whole
        // usage text would bury the one line that matters (often a bad setting from a config file).
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("headroom: " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            cmd.getErr().flush();
            return Cli.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("headroom: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            cmd.getErr().flush();
            return 1;
        });
        return cl;
    }

    /** The environment the command reads {@code HEADROOM_*} settings from. */
    Map<String, String> env() {
        return env;
    }

    /** Where {@code -} reads from. */
    InputStream stdin() {
        return stdin;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
