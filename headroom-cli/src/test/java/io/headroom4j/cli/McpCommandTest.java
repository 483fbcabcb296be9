package io.headroom4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom mcp serve} and {@code headroom mcp proxy} as real processes speaking newline-delimited
 * JSON-RPC: every stdout line must be a protocol message, whatever the store and logging do.
 */
final class McpCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private List<String> headroom(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HeadroomCli.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Sends each message once the answers to the earlier requests are in, then closes stdin. */
    private List<JsonNode> exchange(List<String> cmd, String... messages) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve("stderr.txt").toFile());
        pb.environment().put("HEADROOM_WORKSPACE_DIR", tmp.resolve("ws").toString());
        Process p = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        List<JsonNode> answers = new ArrayList<>();
        try (OutputStream in = p.getOutputStream()) {
            for (String m : messages) {
                in.write((m + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                if (m.contains("\"id\"")) {
                    String line = lines.poll(60, TimeUnit.SECONDS);
                    assertThat(line).as("answer to " + m).isNotNull();
                    JsonNode n = JSON.readTree(line); // throws if anything but protocol reached stdout
                    assertThat(n.path("jsonrpc").asText()).as(line).isEqualTo("2.0");
                    answers.add(n);
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        reader.join(5_000);
        assertThat(lines).as("nothing else on stdout").isEmpty();
        return answers;
    }

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}";

    @Test
    void serveWritesOnlyProtocolToStdoutAndListsItsThreeTools() throws Exception {
        String stats = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"headroom_stats\","
                + "\"arguments\":{}}}";
        List<JsonNode> answers = exchange(headroom("mcp", "serve"), INIT, INITIALIZED, LIST, stats);
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).at("/result/serverInfo/name").asText()).isEqualTo("headroom");
        List<String> names = new ArrayList<>();
        answers.get(1).at("/result/tools").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("headroom_compress", "headroom_retrieve", "headroom_stats");
        JsonNode s = JSON.readTree(answers.get(2).at("/result/content/0/text").asText());
        assertThat(s.path("workspace_dir").asText()).isEqualTo(tmp.resolve("ws").toString());
        assertThat(tmp.resolve("ws/store.db")).exists();
    }

    @Test
    void proxyInFrontOfServeKeepsOneRetrieveToolAndAnswersRetrieveItself() throws Exception {
        List<String> cmd = headroom("mcp", "proxy", "--");
        cmd.addAll(headroom("mcp", "serve"));
        String missing = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"headroom_retrieve\","
                + "\"arguments\":{\"key\":\"ffffffffffffffffffffffff\"}}}";
        List<JsonNode> answers = exchange(cmd, INIT, INITIALIZED, LIST, missing);
        assertThat(answers).hasSize(3);
        List<String> names = new ArrayList<>();
        answers.get(1).at("/result/tools").forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).containsOnlyOnce("headroom_retrieve");
        assertThat(answers.get(2).at("/result/isError").asBoolean()).isTrue();
        assertThat(answers.get(2).at("/result/content/0/text").asText()).contains("unknown or expired");
        assertThat(Files.readString(tmp.resolve("stderr.txt"))).doesNotContain("Exception");
    }
}
