package io.headroom4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.headroom4j.ConfigLoader;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.CompressionStores;

final class HeadroomCliTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> env = new HashMap<>();
    private byte[] stdin = new byte[0];

    private int run(String... args) {
        return HeadroomCli.commandLine(env, new ByteArrayInputStream(stdin))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    }

    private Path workspace() {
        return dir.resolve("ws");
    }

    private String storeInWorkspace(String original) {
        HeadroomConfig config = ConfigLoader.load(null, Map.of(), Map.of("workspace-dir", workspace().toString()));
        try (CompressionStore store = CompressionStores.open(config)) {
            return store.put(original, "test");
        }
    }

    @Test
    void rootCommandListsSubcommands() {
        assertThat(run()).isZero();
        assertThat(out.toString()).contains("compress", "retrieve", "demo");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("compress", "--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void compressPassesSmallInputThroughExactlyAndSummarisesOnStderr() {
        stdin = "ok: 3 files changed\n".getBytes(StandardCharsets.UTF_8);
        assertThat(run("compress", "--workspace", workspace().toString())).isZero();
        assertThat(out.toString()).isEqualTo("ok: 3 files changed\n");
        assertThat(err.toString()).startsWith("headroom: ").contains("tokens, unchanged (under 200 tokens)");
    }

    @Test
    void compressesADirectoryIntoAnotherWithProgressAndATotal() throws Exception {
        Path in = dir.resolve("outputs");
        Files.createDirectories(in.resolve("logs"));
        Files.createDirectories(in.resolve(".git"));
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            log.append("2026-03-12T14:02:").append(String.format("%02d", i % 60)).append(".123Z INFO request ")
                    .append(i).append(" served GET /api/items/").append(i * 7).append(" in ").append(i % 90)
                    .append("ms\n");
        }
        log.append("2026-03-12T14:03:00.000Z ERROR payment declined for order 42\n");
        Files.writeString(in.resolve("logs/app.log"), log);
        Files.writeString(in.resolve("note.txt"), "short note\n");
        Files.write(in.resolve("blob.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Files.writeString(in.resolve(".git/config"), "[core]\n");
        Path outDir = dir.resolve("compressed");

        assertThat(run("compress", in.toString(), "--out", outDir.toString(), "--workspace", workspace().toString()))
                .isZero();

        String app = Files.readString(outDir.resolve("logs/app.log"));
        assertThat(app.length()).isLessThan(log.length() / 2);
        assertThat(app).contains("ERROR payment declined for order 42", "omitted; retrieve: ");
        assertThat(Files.readString(outDir.resolve("note.txt"))).isEqualTo("short note\n");
        assertThat(Files.readAllBytes(outDir.resolve("blob.bin"))).containsExactly(0xff, 0xfe, 0, 1);
        assertThat(outDir.resolve(".git")).doesNotExist();
        assertThat(err.toString()).contains("logs/app.log: log", "blob.bin: not UTF-8 text, copied as it is",
                "headroom: 3 files, ");
        assertThat(run("compress", in.toString())).isEqualTo(2);
    }

    @Test
    void compressReadsAFileAndPrintsJsonOnRequest() throws Exception {
        Path input = dir.resolve("out.txt");
        Files.writeString(input, "caf\u00e9 \uD83D\uDE00\r\nsecond line");
        assertThat(run("compress", input.toString(), "--format", "json", "--workspace", workspace().toString()))
                .isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("output").asText()).isEqualTo("caf\u00e9 \uD83D\uDE00\r\nsecond line");
        assertThat(json.get("tokens").get("before").asInt()).isPositive();
        assertThat(json.get("tokens").get("tokenizer").asText()).isEqualTo("o200k_base");
        assertThat(json.get("transforms").isArray()).isTrue();
        assertThat(json.get("keys").isArray()).isTrue();
    }

    @Test
    void compressTreatsChatRequestsAsRequestBodies() throws Exception {
        stdin = """
                {"model":"gpt-4o","messages":[{"role":"user","content":"hi"},
                 {"role":"tool","tool_call_id":"c1","content":"a result"}]}""".getBytes(StandardCharsets.UTF_8);
        assertThat(run("compress", "-", "--workspace", workspace().toString())).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("messages")).hasSize(2);
        assertThat(err.toString()).startsWith("headroom: request, ");
    }

    @Test
    void configPrecedenceIsFileThenEnvironmentThenFlags() throws Exception {
        Path file = dir.resolve("headroom.properties");
        Files.writeString(file, "model = claude-sonnet-4\nworkspace-dir = "
                + workspace().toString().replace("\\", "/") + "\n");
        String[] args = {"compress", "--config", file.toString(), "--format", "json"};
        stdin = "x".getBytes(StandardCharsets.UTF_8);
        assertThat(run(args)).isZero();
        assertThat(tokenizer()).isEqualTo("cl100k_base (Claude estimate)");

        env.put("HEADROOM_MODEL", "gpt-4");
        out.getBuffer().setLength(0);
        assertThat(run(args)).isZero();
        assertThat(tokenizer()).isEqualTo("cl100k_base");

        out.getBuffer().setLength(0);
        assertThat(run("compress", "--config", file.toString(), "--format", "json", "--model", "gpt-5")).isZero();
        assertThat(tokenizer()).isEqualTo("o200k_base");
    }

    private String tokenizer() throws Exception {
        return new ObjectMapper().readTree(out.toString()).get("tokens").get("tokenizer").asText();
    }

    @Test
    void badSettingIsAUsageErrorNamingIt() {
        assertThat(run("compress", "--set", "min-tokenz=3", "--workspace", workspace().toString())).isEqualTo(2);
        assertThat(err.toString()).contains("bad setting 'min-tokenz'").doesNotContain("Exception");
    }

    @Test
    void badSettingIsAUsageErrorForEveryCommandThatReadsTheConfig() {
        for (String command : List.of("doctor", "retrieve", "demo")) {
            err.getBuffer().setLength(0);
            List<String> args = new ArrayList<>(List.of(command, "--set", "min-tokens=lots",
                    "--workspace", workspace().toString()));
            if (command.equals("retrieve")) {
                args.add("0123456789abcdef01234567");
            }
            assertThat(run(args.toArray(String[]::new))).as(command).isEqualTo(2);
            assertThat(err.toString()).as(command)
                    .contains("headroom: bad setting 'min-tokens' = 'lots'")
                    .contains("Try 'headroom " + command + " --help' for usage.")
                    .doesNotContain("Exception").doesNotContain("Usage:");
        }
    }

    @Test
    void missingInputFileFailsWithAMessage() {
        assertThat(run("compress", dir.resolve("nope.txt").toString())).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo("headroom: no such file: " + dir.resolve("nope.txt") + System.lineSeparator());
    }

    @Test
    void invalidUtf8InputFailsWithAMessage() {
        stdin = new byte[] {'a', (byte) 0xC3, '(', 'b'};
        assertThat(run("compress", "--workspace", workspace().toString())).isEqualTo(1);
        assertThat(err.toString()).contains("not UTF-8");
    }

    @Test
    void compressFallsBackToLosslessWhenTheStoreCannotBeOpened() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        stdin = "some output".getBytes(StandardCharsets.UTF_8);
        assertThat(run("compress", "--workspace", notADir.toString())).isZero();
        assertThat(out.toString()).isEqualTo("some output");
        assertThat(err.toString()).contains("cannot create the store directory", "compressing losslessly only");
    }

    @Test
    void retrievePrintsTheExactOriginalWithNoAddedNewline() {
        String original = "line one\r\nzwei \u00fc\u00df \uD83D\uDE80\n\n\ttrailing tab\t";
        String key = storeInWorkspace(original);
        assertThat(run("retrieve", key, "--workspace", workspace().toString())).isZero();
        assertThat(out.toString()).isEqualTo(original);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void retrieveAcceptsAWholeMarker() {
        String key = storeInWorkspace("the original");
        assertThat(run("retrieve", "[lines 3-9: 7 lines omitted; retrieve: " + key + "]",
                "--workspace", workspace().toString())).isZero();
        assertThat(out.toString()).isEqualTo("the original");
    }

    @Test
    void retrieveWithQueryPrintsOnlyMatchingLines() {
        String key = storeInWorkspace("GET /a 200\nGET /b 500 upstream timeout\nGET /c 200\n");
        assertThat(run("retrieve", key, "--query", "timeout", "--workspace", workspace().toString())).isZero();
        assertThat(out.toString()).isEqualTo(
                "[1 of 3 lines match \"timeout\"; in original order, line 1 = the first line of this stored text]\n"
                        + "2:GET /b 500 upstream timeout");
    }

    @Test
    void retrieveOfAnUnknownKeyFailsWithExitOne() {
        storeInWorkspace("something else");
        assertThat(run("retrieve", "0123456789abcdef01234567", "--workspace", workspace().toString())).isEqualTo(1);
        assertThat(err.toString())
                .contains("nothing stored under 0123456789abcdef01234567", "expired (entries live 24 h)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void retrieveWithoutAStoreSaysSo() {
        assertThat(run("retrieve", "0123456789abcdef01234567", "--workspace", workspace().toString())).isEqualTo(1);
        assertThat(err.toString()).contains("there is no store at");
        assertThat(workspace()).doesNotExist();
    }

    @Test
    void retrieveOfAMalformedKeyIsAUsageError() {
        assertThat(run("retrieve", "XYZ", "--workspace", workspace().toString())).isEqualTo(2);
        assertThat(err.toString()).contains("'XYZ' is not a retrieval key");
    }

    @Test
    void retrieveFromACorruptStoreFailsWithAMessage() throws Exception {
        Files.createDirectories(workspace());
        Files.writeString(workspace().resolve("store.db"), "garbage, not SQLite\n".repeat(100));
        assertThat(run("retrieve", "0123456789abcdef01234567", "--workspace", workspace().toString())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot open the store", "not a database").doesNotContain("\tat ");
    }

    @Test
    void workspaceComesFromTheEnvironmentToo() {
        String key;
        env.put("HEADROOM_WORKSPACE_DIR", workspace().toString());
        key = storeInWorkspace("via env");
        assertThat(run("retrieve", key)).isZero();
        assertThat(out.toString()).isEqualTo("via env");
    }

    @Test
    void demoRunsOfflineAndEveryKeyRetrievesExactly() {
        assertThat(run("demo", "--workspace", workspace().toString())).isZero();
        String text = out.toString();
        assertThat(text).contains("api-response.json", "service.log", "test-run.txt", "grep.txt", "TOTAL")
                .containsAnyOf("byte-exact", "brought back exactly").doesNotContain("NOT FOUND");
        assertThat(text).contains("headroom retrieve ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void demoSamplesAreBundled() {
        for (DemoCommand.Sample s : DemoCommand.SAMPLES) {
            assertThat(DemoCommand.load(s.name()).length()).as(s.name()).isGreaterThan(10_000);
        }
    }
}
