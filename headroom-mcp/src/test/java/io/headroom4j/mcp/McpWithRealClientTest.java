package io.headroom4j.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.headroom4j.compress.Markers;
import io.headroom4j.ledger.Ledger;

/**
 * The MCP server and relay driven by the official Python MCP SDK client, with the relay in front of the
 * real {@code @modelcontextprotocol/server-filesystem} from npm. Both are installed into {@code target/}
 * on first run; the tests skip, saying why, when a registry cannot be reached.
 */
final class McpWithRealClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path python;

    @TempDir
    Path tmp;

    @BeforeAll
    static void installClient() {
        python = TestServers.pythonWithMcp();
    }

    @Test
    void serverCompressesAndRetrievesTheExactOriginalThroughARealClient() throws Exception {
        assumeTrue(python != null, "skipped: cannot create a venv with the Python 'mcp' package from PyPI");
        String log = numberedLog(60);
        String calls = JSON.writeValueAsString(List.of(
                java.util.Map.of("tool", "headroom_compress", "arguments", java.util.Map.of("content", log)),
                java.util.Map.of("tool", "headroom_retrieve", "key_from", 0),
                java.util.Map.of("tool", "headroom_retrieve", "arguments", java.util.Map.of("key", "0123456789abcdef01234567")),
                java.util.Map.of("tool", "headroom_stats", "arguments", java.util.Map.of())));
        JsonNode out = runClient(calls, TestServers.javaCommand("serve"));

        assertThat(out.path("server").path("name").asText()).isEqualTo("headroom");
        assertThat(JSON.convertValue(out.get("tools"), List.class))
                .containsExactlyInAnyOrder("headroom_compress", "headroom_retrieve", "headroom_stats");
        JsonNode compressed = JSON.readTree(out.at("/calls/0/texts/0").asText());
        assertThat(compressed.path("compressed").asText()).startsWith("line 1 GET /api/items/1 200")
                .contains("omitted; retrieve: ");
        assertThat(compressed.path("tokens_after").asInt()).isLessThan(compressed.path("tokens_before").asInt());
        assertThat(out.at("/calls/1/is_error").asBoolean()).isFalse();
        assertThat(out.at("/calls/1/texts/0").asText()).isEqualTo(log);
        assertThat(out.at("/calls/2/is_error").asBoolean()).isTrue();
        assertThat(out.at("/calls/2/texts/0").asText()).contains("unknown or expired").contains("re-run");
        JsonNode stats = JSON.readTree(out.at("/calls/3/texts/0").asText());
        assertThat(stats.path("compressions").asInt()).isEqualTo(1);
        assertThat(stats.path("retrievals").asInt()).isEqualTo(1);
        assertThat(stats.path("store_entries").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(Ledger.inWorkspace(tmp.resolve("ws")).read(java.time.Instant.EPOCH)).singleElement()
                .satisfies(e -> assertThat(e.route()).isEqualTo("mcp:headroom_compress"));
    }

    @Test
    void relayCompressesTheFilesystemServersResultsAndAnswersRetrieve() throws Exception {
        assumeTrue(python != null, "skipped: cannot create a venv with the Python 'mcp' package from PyPI");
        Path pkg = TestServers.npmPackage("@modelcontextprotocol/server-filesystem", "2026.8.31");
        assumeTrue(pkg != null, "skipped: cannot install @modelcontextprotocol/server-filesystem from npm");
        Path root = Files.createDirectories(tmp.resolve("files"));
        String log = numberedLog(80);
        Files.writeString(root.resolve("access.log"), log);
        Files.writeString(root.resolve("small.txt"), "hello\n");
        String big = root.resolve("access.log").toString();
        String calls = JSON.writeValueAsString(List.of(
                java.util.Map.of("tool", "read_text_file", "arguments", java.util.Map.of("path", big)),
                java.util.Map.of("tool", "read_text_file", "arguments",
                        java.util.Map.of("path", root.resolve("small.txt").toString()))));
        List<String> cmd = new ArrayList<>(TestServers.javaCommand("relay", "node",
                pkg.resolve("dist/index.js").toString(), root.toRealPath().toString()));
        JsonNode out = runClient(calls, cmd);

        assertThat(JSON.convertValue(out.get("tools"), List.class)).contains("read_text_file", "headroom_retrieve");
        String shrunk = out.at("/calls/0/texts/0").asText();
        assertThat(shrunk).startsWith("line 1 GET").contains("omitted; retrieve: ").hasSizeLessThan(log.length());
        assertThat(out.at("/calls/1/texts/0").asText()).isEqualTo("hello\n");

        // A second session retrieves through the relay with the key from the marker.
        String key = Markers.keysIn(shrunk).get(0);
        String again = JSON.writeValueAsString(List.of(
                java.util.Map.of("tool", "read_text_file", "arguments", java.util.Map.of("path", big)),
                java.util.Map.of("tool", "headroom_retrieve", "arguments", java.util.Map.of("key", key))));
        JsonNode second = runClient(again, cmd);
        String rest = second.at("/calls/1/texts/0").asText();
        assertThat(shrunk.substring(0, shrunk.indexOf("[lines")) + rest).isEqualTo(log);
    }

    private JsonNode runClient(String calls, List<String> serverCommand) throws IOException, InterruptedException {
        Path callsFile = tmp.resolve("calls-" + System.nanoTime() + ".json");
        Path outFile = tmp.resolve("out-" + System.nanoTime() + ".json");
        Files.writeString(callsFile, calls);
        Path script = Path.of("src/test/resources/mcp/mcp_client.py").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString(), callsFile.toString(),
                outFile.toString(), "--"));
        cmd.addAll(serverCommand);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HEADROOM_WORKSPACE_DIR", tmp.resolve("ws").toString());
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
        return JSON.readTree(outFile.toFile());
    }

    static String numberedLog(int lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            sb.append("line ").append(i).append(" GET /api/items/").append(i).append(" 200 ").append(10 + i % 7)
                    .append("ms\n");
        }
        return sb.toString();
    }
}
