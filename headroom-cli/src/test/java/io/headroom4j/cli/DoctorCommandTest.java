package io.headroom4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import io.headroom4j.ledger.Ledger;
import io.headroom4j.ledger.LedgerEntry;

/** {@code headroom doctor} offline, with a workspace, ledger and sample request made in the test. */
final class DoctorCommandTest {

    @TempDir
    Path ws;

    private String out;

    private int doctor(Map<String, String> extraEnv, String... args) {
        CommandLine cl = HeadroomCli.commandLine();
        DoctorCommand d = cl.getSubcommands().get("doctor").getCommand();
        Map<String, String> env = new HashMap<>();
        env.put("HEADROOM_WORKSPACE_DIR", ws.toString());
        env.putAll(extraEnv);
        d.env = env;
        StringWriter o = new StringWriter();
        cl.setOut(new PrintWriter(o)).setErr(new PrintWriter(new StringWriter()));
        String[] all = new String[args.length + 4];
        all[0] = "doctor";
        all[1] = "--offline";
        all[2] = "--port";
        all[3] = Integer.toString(freePort());
        System.arraycopy(args, 0, all, 4, args.length);
        int code = cl.execute(all);
        out = o.toString();
        return code;
    }

    private static int freePort() {
        try {
            return WrapCommandTest.freePort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void reportsJdkPortStoreAndWhereEachSettingCameFrom() throws Exception {
        Path file = ws.resolve("headroom.properties");
        Files.writeString(file, "min-tokens=300\n");
        int code = doctor(Map.of("HEADROOM_LOSSLESS", "true"), "--config", file.toString());
        assertThat(code).isZero();
        assertThat(out).contains("[OK  ] jdk").contains("free; no proxy is running")
                .contains("[OK  ] workspace").contains("[OK  ] store")
                .containsPattern("min-tokens +300  <- " + java.util.regex.Pattern.quote(file.toString()))
                .containsPattern("lossless +true  <- env")
                .containsPattern("ccr +true  <- default");
    }

    @Test
    void explainsWhyNothingIsCompressed() {
        Ledger l = Ledger.inWorkspace(ws);
        for (int i = 0; i < 3; i++) {
            l.append(new LedgerEntry(Instant.now(), "anthropic", "claude-sonnet-4-5", "/v1/messages", 900, 900,
                    Map.of(), Map.of(), 900, 0, 0, 10, 300, 2, false, 200));
        }
        doctor(Map.of("HEADROOM_LOSSLESS", "true"));
        assertThat(out).contains("[WARN] compression").contains("0 of the last 3 requests saved tokens")
                .contains("lossless mode is on").contains("under 200 tokens").contains("Read, Write, Edit");
    }

    @Test
    void explainsEachPieceOfASampleRequest() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            big.append("2026-01-01T00:00:").append(i % 60).append(" INFO worker-").append(i % 4)
                    .append(" processed job ").append(i).append(" in ").append(i % 90).append("ms\\n");
        }
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"why is the worker slow?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"Read\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\""
                + big + "\"}]}]}";
        Path req = ws.resolve("req.json");
        Files.writeString(req, body);
        assertThat(doctor(Map.of(), "--request", req.toString())).isZero();
        assertThat(out).contains("Sample request").contains("tokens ").contains("/messages/2")
                .contains("Left unchanged because:").containsIgnoringCase("excluded");
    }
}
