package io.headroom4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.headroom4j.HeadroomConfig;

/**
 * {@code headroom wrap <agent> [-- args]}: runs a coding agent through the proxy. Starts a proxy (or
 * reuses a healthy one on the port), points the agent at it, runs the agent on this terminal, and exits
 * with the agent's exit code. The proxy writes to a log file in the workspace, never to the terminal.
 */
@Command(name = "wrap", mixinStandardHelpOptions = true,
        description = "Run claude, codex, aider or any command through the Headroom proxy.",
        footer = {"", "Examples:", "  headroom wrap claude", "  headroom wrap codex -- exec \"fix the test\"",
                "  headroom wrap -- my-agent --flag"})
final class WrapCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Proxy port (default: $HEADROOM_PORT or 8787).")
    Integer port;

    @Option(names = "--agent-bin", paramLabel = "PATH", description = "The agent program to run (default: its name on PATH).")
    String agentBin;

    @Option(names = "--anthropic-upstream", paramLabel = "URL",
            description = "Where a proxy started by wrap sends Anthropic traffic (default: a non-proxy"
                    + " ANTHROPIC_BASE_URL you had set, else https://api.anthropic.com).")
    String anthropicUpstream;

    @Option(names = "--openai-upstream", paramLabel = "URL",
            description = "Where a proxy started by wrap sends OpenAI traffic (default: a non-proxy"
                    + " OPENAI_BASE_URL you had set, else https://api.openai.com).")
    String openaiUpstream;

    @Option(names = "--proxy-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for a started proxy to be ready (default: ${DEFAULT-VALUE}).")
    int proxyTimeout;

    @Parameters(paramLabel = "AGENT_OR_CMD", arity = "1..*",
            description = "claude, codex, aider, or any command; then its arguments (after --).")
    List<String> words = new ArrayList<>();

    /** The environment; tests replace it. */
    Map<String, String> env = System.getenv();

    /** The command that starts a proxy (default: this program's {@code proxy} subcommand). */
    List<String> proxyCommand;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        HeadroomConfig config = options.load(env, Map.of());
        int p = port != null ? port : env.get("HEADROOM_PORT") != null
                ? Integer.parseInt(env.get("HEADROOM_PORT").trim()) : 8787;
        String first = words.get(0);
        String agent = AgentLaunch.KNOWN.contains(first.toLowerCase(Locale.ROOT)) ? first : null;
        List<String> args = words.subList(1, words.size());
        String binary = agentBin != null ? agentBin : first;
        String baseUrl = "http://127.0.0.1:" + p;

        Map<String, String> proxyEnv = new LinkedHashMap<>(AgentLaunch.upstreamsFrom(env, baseUrl));
        if (anthropicUpstream != null) {
            proxyEnv.put("ANTHROPIC_TARGET_API_URL", anthropicUpstream);
        }
        if (openaiUpstream != null) {
            proxyEnv.put("OPENAI_TARGET_API_URL", openaiUpstream);
        }
        proxyEnv.put("HEADROOM_PORT", Integer.toString(p));
        proxyEnv.put("HEADROOM_HOST", "127.0.0.1");
        proxyEnv.put("HEADROOM_WORKSPACE_DIR", config.workspaceDir().toString());
        if (options.configFile != null) {
            proxyEnv.put("HEADROOM_CONFIG", options.configFile.toAbsolutePath().toString());
        }
        Path log = config.workspaceDir().resolve("logs").resolve("proxy-" + p + ".log");
        List<String> startProxy = proxyCommand != null ? proxyCommand : Launcher.command("proxy");

        try (ProxyLease lease = ProxyLease.acquire(config.workspaceDir(), p, startProxy, proxyEnv, log,
                Duration.ofSeconds(proxyTimeout))) {
            err.println("headroom: " + (lease.started() ? "started a proxy on " : "using the proxy on ")
                    + lease.baseUrl() + (lease.started() ? " (log: " + log + ")" : ""));
            err.flush();
            AgentLaunch launch = AgentLaunch.of(agent, binary, args, lease.baseUrl(), env);
            Thread cleanup = new Thread(lease::close, "headroom-wrap-release");
            Runtime.getRuntime().addShutdownHook(cleanup);
            ignoreInterrupts();
            int code = run(launch, agent, err);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException ignored) {
                // shutting down already; the hook releases the lease
            }
            return code;
        }
    }

    private int run(AgentLaunch launch, String agent, PrintWriter err) {
        ProcessBuilder pb = new ProcessBuilder(launch.command()).inheritIO();
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().putAll(launch.env());
        try {
            Process agentProcess = pb.start();
            return agentProcess.waitFor();
        } catch (IOException e) {
            err.println("headroom: cannot start '" + launch.command().get(0) + "': " + e.getMessage()
                    + hint(agent != null ? agent : launch.command().get(0)));
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static String hint(String binary) {
        return switch (Path.of(binary).getFileName().toString()) {
            case "claude" -> "\n  install it with: npm install -g @anthropic-ai/claude-code";
            case "codex" -> "\n  install it with: npm install -g @openai/codex";
            case "aider" -> "\n  install it with: python -m pip install aider-install && aider-install";
            default -> "";
        };
    }

    /** Ctrl-C belongs to the agent on this terminal; the wrapper must outlive it to clean up. */
    @SuppressWarnings("removal")
    private static void ignoreInterrupts() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> { });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // not available on this platform: Ctrl-C then ends the wrapper too, and the hook cleans up
        }
    }
}
