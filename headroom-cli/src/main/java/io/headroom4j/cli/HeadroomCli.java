package io.headroom4j.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code headroom} command: one subcommand per surface (compress, retrieve, proxy, wrap, mcp, perf,
 * doctor). Exits 0 on success, 1 on failure, 2 on a usage error, and prints messages, not stack traces.
 */
@Command(name = "headroom", mixinStandardHelpOptions = true, version = "headroom4j 0.1.0",
        description = "Context compression for AI agents: shrinks tool output before it reaches the model,"
                + " keeps what it drops retrievable, and keeps the prompt cache hitting.",
        subcommands = {CommandLine.HelpCommand.class, ProxyCommand.class})
public final class HeadroomCli implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HeadroomCli());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("headroom: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
