package io.headroom4j.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.headroom4j.compress.Markers;
import io.headroom4j.store.CompressionStore;

/**
 * The official {@code anthropic} and {@code openai} SDKs (Python and Node.js) and Headroom's own
 * {@code headroom-ai} npm client, run for real against the proxy in front of a fake provider.
 *
 * <p>The SDKs are installed from PyPI and npm into {@code target/clients} once per build (a marker file
 * remembers the install). When a registry, Python or Node cannot be reached, the tests are skipped with a
 * message saying why, printed to stderr as well as recorded as the skip reason.
 */
final class RealClientsTest {

    private static final Path DIR = Path.of("target", "clients").toAbsolutePath();
    private static final String NPM_PACKAGES = "openai@6.49.0 @anthropic-ai/sdk@0.137.0 headroom-ai@0.37.0";
    private static final String LOG = EndToEndTest.log(7);

    private static FakeUpstream up;
    private static HeadroomProxy proxy;
    private static CompressionStore store;

    @BeforeAll
    static void start() throws IOException {
        up = new FakeUpstream();
        store = TestProxies.store();
        proxy = TestProxies.start(up, store, TestProxies.marker(store, LOG));
        up.always(RealClientsTest::fakeProvider);
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve("log.txt"), LOG);
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (up != null) {
            up.close();
        }
    }

    /** A provider that answers like Anthropic or OpenAI would, including a retrieve call when it sees a key. */
    static void fakeProvider(FakeUpstream.Received req, com.sun.net.httpserver.HttpExchange ex) throws IOException {
        JsonNode body = TestProxies.JSON.readTree(req.body());
        boolean stream = body.path("stream").asBoolean(false);
        boolean anthropic = req.path().startsWith("/v1/messages");
        String text = req.text();
        if ("rate-limited".equals(body.path("model").asText())) {
            String err = anthropic
                    ? "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"
                    : "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
            FakeUpstream.json(429, Map.of("retry-after", "7"), err).respond(req, ex);
            return;
        }
        List<String> keys = Markers.keysIn(text);
        if (anthropic) {
            if (stream && !keys.isEmpty() && !text.contains("toolu_r")) {
                FakeUpstream.sse(Map.of(), Streams.cut(Streams.messageStart("msg_1") + Streams.textBlock(0, "Looking.")
                        + Streams.toolUseBlock(1, "toolu_r", "headroom_retrieve", "{\\\"key\\\":\\\"" + keys.get(0)
                        + "\\\"}") + Streams.messageEnd("tool_use", 9), 40)).respond(req, ex);
            } else if (stream) {
                FakeUpstream.sse(Map.of(), Streams.cut(Streams.messageStart("msg_2")
                        + Streams.textBlock(0, "Hello from fake Claude ✓") + Streams.messageEnd("end_turn", 6), 40))
                        .respond(req, ex);
            } else {
                FakeUpstream.json(200, Map.of("request-id", "req_1"), "{\"id\":\"msg_1\",\"type\":\"message\","
                        + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"Hello from fake Claude ✓\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}").respond(req, ex);
            }
            return;
        }
        if (stream && !keys.isEmpty() && !text.contains("call_r")) {
            FakeUpstream.sse(Map.of(), Streams.cut(Streams.openAiRetrieveCall("call_r", keys.get(0)), 40))
                    .respond(req, ex);
        } else if (stream) {
            FakeUpstream.sse(Map.of(), Streams.cut(Streams.openAiText("Hello from fake GPT ✓"), 40)).respond(req, ex);
        } else {
            FakeUpstream.json(200, Map.of(), "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
                    + "\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                    + "\"Hello from fake GPT ✓\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}").respond(req, ex);
        }
    }

    @Test
    void pythonSdksWorkThroughTheProxy() throws Exception {
        Path py = DIR.resolve("py");
        ensureInstalled(py.resolve(".installed"), List.of("python3", "-m", "pip", "install", "--quiet",
                "--disable-pip-version-check", "--no-input", "--target", py.toString(), "anthropic==2.12.0", "openai==3.54.0"),
                "the anthropic and openai Python SDKs from PyPI");
        Path script = DIR.resolve("sdk_check.py");
        copyResource("clients/sdk_check.py", script);
        String out = run(List.of("python3", script.toString(), proxy.uri().toString(), DIR.resolve("log.txt").toString()),
                Map.of("PYTHONPATH", py.toString()));
        assertThat(out).contains("PY_ANTHROPIC_CREATE Hello from fake Claude ✓")
                .contains("PY_ANTHROPIC_STREAM Hello from fake Claude ✓")
                .contains("PY_ANTHROPIC_RETRIEVE [\"Looking.\", \"Hello from fake Claude \\u2713\"] end_turn 0")
                .contains("PY_ANTHROPIC_429 429 7")
                .contains("PY_OPENAI_CREATE Hello from fake GPT ✓")
                .contains("PY_OPENAI_STREAM Hello from fake GPT ✓ 1117")
                .contains("PY_OPENAI_429 429");
    }

    @Test
    void nodeSdksAndHeadroomAiWorkThroughTheProxy() throws Exception {
        Path node = DIR.resolve("node");
        List<String> cmd = new ArrayList<>(List.of("npm", "install", "--prefix", node.toString(), "--no-audit",
                "--no-fund", "--silent", "--no-save"));
        cmd.addAll(List.of(NPM_PACKAGES.split(" ")));
        ensureInstalled(node.resolve(".installed"), cmd, "openai, @anthropic-ai/sdk and headroom-ai from npm");
        Path script = node.resolve("sdk_check.mjs");
        copyResource("clients/sdk_check.mjs", script);
        String out = run(List.of("node", script.toString(), proxy.uri().toString(), DIR.resolve("log.txt").toString()),
                Map.of());
        assertThat(out).contains("NODE_ANTHROPIC_CREATE Hello from fake Claude ✓")
                .contains("NODE_ANTHROPIC_STREAM Hello from fake Claude ✓")
                .contains("NODE_OPENAI_CREATE Hello from fake GPT ✓")
                .contains("NODE_OPENAI_STREAM Hello from fake GPT ✓")
                .contains("NODE_OPENAI_RETRIEVE \"Hello from fake GPT ✓\" stop 0")
                .contains("NODE_HEADROOM_COMPRESS true 1000 20 980 1 true")
                .contains("NODE_HEADROOM_COMPRESS_FN 980 3")
                .contains("NODE_HEADROOM_HEALTH healthy");
    }

    private static void ensureInstalled(Path marker, List<String> command, String what) throws Exception {
        if (Files.exists(marker)) {
            return;
        }
        String tool = command.get(0);
        if (!onPath(tool)) {
            skip(tool + " is not on the PATH, so " + what + " cannot be installed");
        }
        Files.createDirectories(marker.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("npm_config_update_notifier", "false");
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            skip("could not install " + what + " (registry unreachable?): "
                    + tail(new String(out, StandardCharsets.UTF_8)));
        }
        Files.writeString(marker, String.join(" ", command));
    }

    private static boolean onPath(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void skip(String why) {
        System.err.println("SKIPPED (RealClientsTest): " + why);
        Assumptions.abort(why);
    }

    private static String run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().remove("HTTP_PROXY");
        pb.environment().remove("HTTPS_PROXY");
        pb.environment().remove("http_proxy");
        pb.environment().remove("https_proxy");
        pb.environment().put("NO_PROXY", "127.0.0.1,localhost");
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("client finished in time").isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(p.exitValue()).as("client exit status; output:\n" + text).isZero();
        return text;
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = RealClientsTest.class.getClassLoader().getResourceAsStream(name)) {
            Files.createDirectories(to.getParent());
            Files.write(to, in.readAllBytes());
        }
    }

    private static String tail(String s) {
        return s.length() <= 600 ? s : s.substring(s.length() - 600);
    }
}
