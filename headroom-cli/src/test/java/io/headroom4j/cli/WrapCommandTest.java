package io.headroom4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code headroom wrap} with a plain command and a stand-in proxy: environment, exit code, proxy log,
 * reuse of a running proxy, and the lease count that decides who stops the proxy.
 */
final class WrapCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int wrap(int port, String... command) {
        CommandLine cl = HeadroomCli.commandLine();
        WrapCommand wrap = cl.getSubcommands().get("wrap").getCommand();
        wrap.proxyCommand = FakeProxyMain.command();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HEADROOM_WORKSPACE_DIR", dir.resolve("ws").toString());
        env.remove("ANTHROPIC_BASE_URL");
        env.remove("OPENAI_BASE_URL");
        wrap.env = env;
        cl.setErr(new PrintWriter(err, true)).setOut(new PrintWriter(new StringWriter()));
        String[] args = new String[command.length + 4];
        args[0] = "wrap";
        args[1] = "--port";
        args[2] = Integer.toString(port);
        args[3] = "--";
        System.arraycopy(command, 0, args, 4, command.length);
        return cl.execute(args);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void runsCommandWithBaseUrlsPassesItsExitCodeAndStopsTheProxyItStarted() throws Exception {
        int port = freePort();
        Path seen = dir.resolve("env.txt");
        int code = wrap(port, "sh", "-c", "echo \"$ANTHROPIC_BASE_URL $OPENAI_BASE_URL $HEADROOM_PROXY_URL\" > "
                + seen + "; exit 3");
        assertThat(code).isEqualTo(3);
        assertThat(Files.readString(seen).strip()).isEqualTo("http://127.0.0.1:" + port + " http://127.0.0.1:"
                + port + "/v1 http://127.0.0.1:" + port);
        assertThat(err.toString()).contains("started a proxy on http://127.0.0.1:" + port);
        assertThat(Files.readString(dir.resolve("ws/logs/proxy-" + port + ".log"))).contains("fake proxy on " + port);
        assertThat(DoctorCommand.health(port)).isNull(); // stopped: this wrap started it and was the only user
        assertThat(dir.resolve("ws/proxy_clients/" + port + "/proxy.json")).doesNotExist();
    }

    @Test
    void reusesAHealthyProxyAndNeverStopsOneItDidNotStart() throws Exception {
        HttpServer running = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        running.createContext("/health", ex -> {
            byte[] b = "{\"status\":\"healthy\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        running.start();
        try {
            int port = running.getAddress().getPort();
            assertThat(wrap(port, "true")).isZero();
            assertThat(err.toString()).contains("using the proxy on http://127.0.0.1:" + port);
            assertThat(DoctorCommand.health(port)).isNotNull();
        } finally {
            running.stop(0);
        }
    }

    @Test
    void proxyOutlivesTheWrapThatStartedItWhileAnotherWrapUsesIt() throws Exception {
        int port = freePort();
        Path go = dir.resolve("go");
        Path inside = dir.resolve("inside");
        // Wrap A starts the proxy and waits until told to finish.
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> wrap(port, "sh", "-c",
                "touch " + inside + "; while [ ! -f " + go + " ]; do sleep 0.05; done"));
        try {
            for (int i = 0; i < 600 && !Files.exists(inside); i++) {
                Thread.sleep(50);
            }
            assertThat(inside).exists();
            // Wrap B runs while A holds its lease, and A is still running when B ends: the proxy stays.
            assertThat(wrap(port, "true")).isZero();
            assertThat(err.toString()).contains("using the proxy on");
            assertThat(DoctorCommand.health(port)).isNotNull();
        } finally {
            Files.writeString(go, "");
        }
        assertThat(a.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(DoctorCommand.health(port)).isNull();
    }

    @Test
    void missingAgentExits127WithAnInstallHint() throws Exception {
        int port = freePort();
        CommandLine cl = HeadroomCli.commandLine();
        WrapCommand wrap = cl.getSubcommands().get("wrap").getCommand();
        wrap.proxyCommand = FakeProxyMain.command();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("HEADROOM_WORKSPACE_DIR", dir.resolve("ws").toString());
        wrap.env = env;
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute("wrap", "--port", Integer.toString(port), "--agent-bin", dir.resolve("no-such-claude")
                .toString(), "claude", "-p", "hi");
        assertThat(code).isEqualTo(127);
        assertThat(err.toString()).contains("cannot start").contains("npm install -g @anthropic-ai/claude-code");
    }

    @Test
    void codexGetsAHeadroomProviderWithoutEditingItsConfig() {
        AgentLaunch l = AgentLaunch.of("codex", "codex", List.of("exec", "hi"), "http://127.0.0.1:9",
                Map.of("OPENAI_API_KEY", "sk-test"));
        assertThat(l.command()).containsExactly("codex", "-c", "model_provider=\"headroom\"", "-c",
                "model_providers.headroom={ name = \"Headroom\", base_url = \"http://127.0.0.1:9/v1\","
                        + " wire_api = \"responses\", env_key = \"OPENAI_API_KEY\" }", "exec", "hi");
        assertThat(l.env()).containsEntry("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
    }

    @Test
    void existingGatewayBecomesTheProxysUpstream() {
        assertThat(AgentLaunch.upstreamsFrom(Map.of("ANTHROPIC_BASE_URL", "https://gw.example/anthropic",
                "OPENAI_BASE_URL", "http://127.0.0.1:8787/v1"), "http://127.0.0.1:8787"))
                .containsExactly(Map.entry("ANTHROPIC_TARGET_API_URL", "https://gw.example/anthropic"));
    }
}
