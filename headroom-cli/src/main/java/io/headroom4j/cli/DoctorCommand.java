package io.headroom4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.headroom4j.CompressionResult;
import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.TransformRecord;
import io.headroom4j.ledger.Ledger;
import io.headroom4j.ledger.LedgerEntry;
import io.headroom4j.store.CompressionStore;

/**
 * {@code headroom doctor}: checks the JDK, the port, the upstreams, the store and the config, and explains
 * why nothing is being compressed when that is the case: from the recent ledger, and, given a sample
 * request, from each piece of content's transform record.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check the setup and explain what is (and is not) being compressed, and why.")
final class DoctorCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(names = "--port", paramLabel = "PORT", description = "The proxy port (default: $HEADROOM_PORT or 8787).")
    Integer port;

    @Option(names = "--request", paramLabel = "FILE",
            description = "A sample request body (OpenAI chat, Responses or Anthropic JSON) to compress and explain.")
    Path request;

    @Option(names = "--offline", description = "Skip the upstream reachability checks.")
    boolean offline;

    /** The environment; tests replace it. */
    Map<String, String> env = System.getenv();

    private int failures;
    private int warnings;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HeadroomConfig config = options.load(env, Map.of());
        int p = port != null ? port : env.get("HEADROOM_PORT") != null
                ? Integer.parseInt(env.get("HEADROOM_PORT").trim()) : 8787;
        out.println("Headroom doctor");
        out.println("===============");
        checkJdk(out);
        checkPort(out, p);
        if (!offline) {
            checkUpstream(out, "anthropic upstream", env.getOrDefault("ANTHROPIC_TARGET_API_URL",
                    "https://api.anthropic.com"));
            checkUpstream(out, "openai upstream", env.getOrDefault("OPENAI_TARGET_API_URL", "https://api.openai.com"));
        }
        checkStore(out, config);
        checkAgentEnv(out, p);
        printConfig(out, config);
        explainLedger(out, config);
        if (request != null) {
            explainRequest(out, config);
        }
        out.println();
        out.println(failures == 0 ? (warnings == 0 ? "All checks passed." : warnings + " warning(s), no failures.")
                : failures + " check(s) failed, " + warnings + " warning(s).");
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private void line(PrintWriter out, String status, String check, String detail) {
        if (status.equals("FAIL")) {
            failures++;
        } else if (status.equals("WARN")) {
            warnings++;
        }
        out.printf("[%-4s] %-20s %s%n", status, check, detail);
    }

    private void checkJdk(PrintWriter out) {
        Runtime.Version v = Runtime.version();
        String detail = "Java " + v + " (" + System.getProperty("java.vendor", "?") + ") at "
                + System.getProperty("java.home");
        line(out, v.feature() >= 21 ? "OK" : "FAIL", "jdk", v.feature() >= 21 ? detail : detail + "; needs 21+");
    }

    private void checkPort(PrintWriter out, int p) {
        String health = health(p);
        if (health != null) {
            line(out, "OK", "port " + p, "a Headroom proxy answers /health: " + health);
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
            line(out, "OK", "port " + p, "free; no proxy is running (start one with `headroom proxy` or"
                    + " `headroom wrap <agent>`)");
        } catch (IOException e) {
            line(out, "FAIL", "port " + p, "in use by something that is not a Headroom proxy (" + e.getMessage()
                    + "); pick another with --port / HEADROOM_PORT");
        }
    }

    /** The /health body of a proxy on {@code port}, or null when none answers. */
    static String health(int port) {
        try {
            HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            c.shutdownNow();
            return r.statusCode() == 200 && r.body().contains("\"status\"") ? r.body().strip() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void checkUpstream(PrintWriter out, String name, String url) {
        try {
            HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpResponse<Void> r = c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(4))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            c.shutdownNow();
            line(out, "OK", name, url + " answered HTTP " + r.statusCode());
        } catch (IOException | RuntimeException e) {
            line(out, "WARN", name, url + " unreachable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); agents will get errors through"
                    + " the proxy unless they use another upstream");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkStore(PrintWriter out, HeadroomConfig config) {
        Path ws = config.workspaceDir();
        try {
            Files.createDirectories(ws);
            Path probe = Files.createTempFile(ws, "doctor", ".probe");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            line(out, "FAIL", "workspace", ws + " is not writable (" + e.getMessage() + "); set --workspace or"
                    + " HEADROOM_WORKSPACE_DIR");
            return;
        }
        line(out, "OK", "workspace", ws + " is writable");
        try (Cli.Store opened = Cli.openStore(config)) {
            if (!opened.persistent()) {
                line(out, "FAIL", "store", "cannot open the SQLite store: " + opened.problem()
                        + " (the proxy would keep originals in memory only)");
                return;
            }
            CompressionStore store = opened.store();
            String original = "headroom doctor probe " + Instant.now();
            String key = store.put(original, "doctor");
            boolean back = store.get(key).map(original::equals).orElse(false);
            line(out, back ? "OK" : "FAIL", "store", back ? store.getClass().getSimpleName() + " stores and returns"
                    + " originals exactly (" + store.size() + " entries)" : "stored content did not come back");
        } catch (RuntimeException e) {
            line(out, "FAIL", "store", "cannot open the store: " + e.getMessage());
        }
    }

    private void checkAgentEnv(PrintWriter out, int p) {
        for (String var : List.of("ANTHROPIC_BASE_URL", "OPENAI_BASE_URL")) {
            String v = env.get(var);
            if (v == null) {
                continue;
            }
            boolean ours = v.contains("127.0.0.1:" + p) || v.contains("localhost:" + p);
            line(out, ours ? "OK" : "WARN", var, v + (ours ? " points at the proxy"
                    : " does not point at this proxy (127.0.0.1:" + p + ")"));
        }
    }

    private void printConfig(PrintWriter out, HeadroomConfig config) {
        out.println();
        out.println("Config in force (value  <- where it came from)");
        Map<String, String> values = config.describe();
        int w = 0;
        for (String k : values.keySet()) {
            w = Math.max(w, k.length());
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            out.printf("  %-" + w + "s  %s  <- %s%n", e.getKey(), e.getValue(),
                    config.origins().getOrDefault(e.getKey(), "default"));
        }
    }

    private void explainLedger(PrintWriter out, HeadroomConfig config) {
        out.println();
        Ledger ledger = Ledger.inWorkspace(config.workspaceDir());
        List<LedgerEntry> recent;
        try {
            recent = ledger.read(Instant.now().minus(Duration.ofHours(24)));
        } catch (UncheckedIOException e) {
            line(out, "WARN", "ledger", "cannot read " + ledger.file() + ": " + e.getMessage());
            return;
        }
        if (recent.isEmpty()) {
            line(out, "OK", "ledger", "no requests in the last 24 h (" + ledger.file() + ")");
            return;
        }
        List<LedgerEntry> last = recent.subList(Math.max(0, recent.size() - 50), recent.size());
        long compressed = last.stream().filter(e -> e.tokensSaved() > 0).count();
        long failedOpen = last.stream().filter(LedgerEntry::failedOpen).count();
        String summary = compressed + " of the last " + last.size() + " requests saved tokens"
                + (failedOpen > 0 ? "; " + failedOpen + " failed open" : "");
        if (compressed > 0) {
            line(out, "OK", "compression", summary);
            return;
        }
        line(out, "WARN", "compression", summary + ". Likely reasons:");
        for (String reason : reasons(config)) {
            out.println("         - " + reason);
        }
        out.println("         Run `headroom doctor --request FILE` with a saved request body to see each piece's note.");
    }

    /** The config settings that commonly stop compression. */
    static List<String> reasons(HeadroomConfig config) {
        List<String> r = new ArrayList<>();
        if (config.lossless()) {
            r.add("lossless mode is on: only transforms that decode back exactly may run (lossless=true, from "
                    + config.origins().get("lossless") + ")");
        }
        if (!config.ccr()) {
            r.add("ccr is off: nothing may be dropped, since it could not be brought back");
        }
        r.add("content under " + config.minTokens() + " tokens is left alone (min-tokens); lossy steps need "
                + config.lossyMinTokens() + " (lossy-min-tokens)");
        r.add("output of excluded tools is never touched: " + String.join(", ", config.excludedTools()));
        r.add("user and system messages are protected (protect-user-messages=" + config.protectUserMessages()
                + ", protect-system-messages=" + config.protectSystemMessages() + ")");
        if (config.protectCachePrefix()) {
            r.add("content up to the last cache_control breakpoint is never changed (protect-cache-prefix=true);"
                    + " agents that mark their newest tool result for caching, as Claude Code does, then get"
                    + " nothing compressed in that request");
        }
        return r;
    }

    private void explainRequest(PrintWriter out, HeadroomConfig config) {
        out.println();
        out.println("Sample request " + request);
        byte[] body;
        try {
            body = Files.readAllBytes(request);
        } catch (IOException e) {
            line(out, "FAIL", "request", "cannot read " + request + ": " + e.getMessage());
            return;
        }
        CompressionResult r;
        try (Cli.Store store = Cli.openStore(config)) {
            r = Headroom.create(config, store.store()).compress(body, null);
        }
        if (r.failedOpen()) {
            line(out, "WARN", "request", "compression failed open: " + r.error());
        }
        out.printf("  tokens %,d -> %,d (saved %,d, %.1f%%), tokenizer %s%n", r.tokensBefore(), r.tokensAfter(),
                r.tokensSaved(), 100 * r.savedFraction(), r.tokenizer());
        if (r.records().isEmpty()) {
            out.println("  no tool output or other compressible content found in this request");
        }
        Map<String, Integer> why = new LinkedHashMap<>();
        for (TransformRecord t : r.records()) {
            out.printf("  %-36s %-8s %-16s %,7d -> %,7d  %s%n", t.location(), t.contentType(), t.transform(),
                    t.tokensBefore(), t.tokensAfter(), t.note());
            if (!t.applied()) {
                why.merge(t.note().replaceAll("\\d[\\d,]*", "N"), 1, Integer::sum);
            }
        }
        if (!why.isEmpty()) {
            out.println("  Left unchanged because:");
            why.forEach((note, n) -> out.println("    " + n + " x " + note));
        }
    }
}
