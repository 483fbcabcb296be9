package io.headroom4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.headroom4j.HeadroomConfig;
import io.headroom4j.ledger.Ledger;
import io.headroom4j.proxy.HeadroomProxy;
import io.headroom4j.proxy.ProxyConfig;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.CompressionStores;

/**
 * {@code headroom proxy}: runs the compressing proxy until interrupted. Settings come from defaults, then the
 * config file ({@code --config}), then {@code HEADROOM_*} environment variables, then flags (resolved by
 * {@link io.headroom4j.ConfigLoader}); a flag left unset changes nothing. Originals go to the workspace's
 * SQLite store, or to memory when it cannot be opened. Every model request appends a line to the workspace's
 * savings ledger, which {@code headroom perf} reads.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Run the OpenAI- and Anthropic-compatible proxy that compresses requests on their way out.")
public final class ProxyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-p", "--port"}, description = "Port to listen on (default 8787; 0 picks a free one).")
    Integer port;

    @Option(names = "--host", description = "Address to bind (default 127.0.0.1, loopback only).")
    String host;

    @Option(names = "--mode", description = "cache (default: only new content is compressed, the prompt cache"
            + " keeps hitting) or token (compress everything eligible).")
    String mode;

    @Option(names = "--openai-api-url", description = "OpenAI-compatible upstream (default https://api.openai.com;"
            + " Ollama, vLLM, OpenRouter work too).")
    String openaiApiUrl;

    @Option(names = "--anthropic-api-url", description = "Anthropic upstream (default https://api.anthropic.com).")
    String anthropicApiUrl;

    @Option(names = "--lossless", description = "Only transforms whose output decodes back to the input.")
    Boolean lossless;

    @Option(names = "--no-ccr", description = "Never drop content, so nothing needs retrieving; no retrieve tool.")
    Boolean noCcr;

    @Option(names = "--no-warm-up", description = "Do not warm the request path up over synthetic requests at the"
            + " start (by default a background thread does, until the first model request; HEADROOM_WARMUP=false"
            + " also turns it off).")
    Boolean noWarmUp;

    @CommandLine.Mixin
    ConfigOptions options = new ConfigOptions();

    /** Set by tests to stop the proxy instead of waiting for Ctrl-C. */
    CountDownLatch stop = new CountDownLatch(1);

    /** Set by tests to read the bound port. */
    volatile HeadroomProxy running;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> env = System.getenv();
        Map<String, String> flags = new LinkedHashMap<>();
        if (mode != null) {
            flags.put("mode", mode.trim().toLowerCase(Locale.ROOT));
        }
        if (lossless != null) {
            flags.put("lossless", lossless.toString());
        }
        if (noCcr != null && noCcr) {
            flags.put("ccr", "false");
        }
        HeadroomConfig config = options.load(env, flags);
        ProxyConfig.Builder pb = ProxyConfig.builder().applyEnvironment(env);
        if (port != null) {
            pb.port(port);
        }
        if (host != null) {
            pb.host(host);
        }
        if (openaiApiUrl != null) {
            pb.openaiApiUrl(openaiApiUrl);
        }
        if (anthropicApiUrl != null) {
            pb.anthropicApiUrl(anthropicApiUrl);
        }
        if (noWarmUp != null && noWarmUp) {
            pb.warmUp(false);
        }
        ProxyConfig proxyConfig = pb.build();
        Cli.Store opened = Cli.openStore(config);
        CompressionStore store = opened.store();
        if (opened.problem() != null) {
            spec.commandLine().getErr().println("headroom: warning: the persistent store could not be opened ("
                    + opened.problem() + "); originals are kept in memory only");
        }
        HeadroomProxy proxy;
        try {
            proxy = HeadroomProxy.start(config, proxyConfig, store, Ledger.inWorkspace(config.workspaceDir()));
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("headroom: " + e.getMessage());
            store.close();
            return 1;
        }
        running = proxy;
        banner(out, proxy, config, proxyConfig, opened.persistent()
                ? CompressionStores.databaseFile(config).toString() : "in memory (lost on restart)");
        Thread hook = new Thread(() -> {
            proxy.close();
            store.close();
        }, "headroom-proxy-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stop.await();
        proxy.close();
        store.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already shutting down: the hook runs anyway
        }
        return 0;
    }

    static void banner(PrintWriter out, HeadroomProxy proxy, HeadroomConfig config, ProxyConfig pc, String where) {
        String url = proxy.uri().toString();
        out.println("Headroom4j proxy " + HeadroomProxy.VERSION + " listening on " + url);
        out.println("  mode       " + config.mode().name().toLowerCase(Locale.ROOT)
                + (config.lossless() ? ", lossless" : "") + (config.ccr() ? ", retrieval on" : ", retrieval off"));
        out.println("  upstreams  OpenAI    " + pc.openaiApiUrl());
        out.println("             Anthropic " + pc.anthropicApiUrl());
        out.println("  store      " + where + ", originals kept " + config.storeTtl().toHours() + " h");
        if (proxy.ledger() != null) {
            out.println("  ledger     " + proxy.ledger().file() + " (headroom perf reads it)");
        }
        out.println("  security   " + (isLoopback(pc.host()) ? "loopback only"
                : "WARNING: listening beyond loopback; anyone who can reach " + pc.host() + " can use it"));
        out.println("Point your agent at it:");
        out.println("  Claude Code   ANTHROPIC_BASE_URL=" + url + " claude");
        out.println("  Codex / SDKs  OPENAI_BASE_URL=" + url + "/v1");
        out.println("Ops: " + url + "/dashboard  /stats  /metrics  /health");
        out.flush();
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
