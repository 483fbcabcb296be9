package io.headroom4j.bench.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Python Headroom ({@code headroom-ai} from PyPI) as a peer: installed into a virtual environment under
 * {@code target/}, run once over all inputs by {@code headroom_peer.py}.
 *
 * <p>Every failure (no python3, registry unreachable, install or run error) makes the peer unavailable
 * with a one-line reason that the report prints; it never stops the evaluation.
 */
final class HeadroomPeer {

    /** The pinned version, so the side-by-side numbers are reproducible. */
    static final String VERSION = "0.42.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What Headroom made of one input.
     *
     * @param output    the compressed text, or null on error
     * @param seconds   wall-clock seconds of one compress() call
     * @param originals originals fetched from Headroom's store by the hashes in the output
     * @param error     the error, or null
     */
    record Output(String output, double seconds, Map<String, String> originals, String error) {
    }

    /**
     * The outcome of trying to run the peer.
     *
     * @param available true when outputs were produced
     * @param reason    why not, or the version that ran
     * @param outputs   outputs by input id
     */
    record Run(boolean available, String reason, Map<String, Output> outputs) {
        static Run unavailable(String reason) {
            return new Run(false, reason, Map.of());
        }
    }

    private final Path work;
    private final Progress log;
    private final boolean reuse;

    /**
     * A peer working in {@code work}; with {@code reuse}, outputs of an earlier run over exactly the same
     * inputs are read back instead of running Headroom again.
     */
    HeadroomPeer(Path work, Progress log, boolean reuse) {
        this.work = work;
        this.log = log;
        this.reuse = reuse;
    }

    /** Installs (if needed) and runs Headroom over {@code files}. */
    Run run(List<CorpusFile> files) {
        try {
            Files.createDirectories(work);
            Path input = work.resolve("peer-input.jsonl");
            Path output = work.resolve("peer-output.jsonl");
            List<String> lines = new ArrayList<>();
            for (CorpusFile f : files) {
                ObjectNode n = JSON.createObjectNode();
                n.put("id", f.id());
                n.put("content", f.content());
                n.put("query", f.query());
                lines.add(JSON.writeValueAsString(n));
            }
            String joined = String.join("\n", lines) + "\n";
            boolean same = Files.exists(input) && Files.exists(output)
                    && Files.readString(input, StandardCharsets.UTF_8).equals(joined)
                    && Files.readAllLines(output, StandardCharsets.UTF_8).size() == files.size();
            if (same && reuse) {
                // Same inputs, same pinned version: its outputs cannot differ, only its timings would.
                log.line("headroom-ai: reusing the outputs of the previous run (same inputs, same version)");
                return read(output, "headroom-ai " + VERSION + " (outputs and timings reused from a previous run on the"
                        + " same inputs)");
            }
            Path venv = work.resolve("headroom-venv");
            Path python = venv.resolve("bin/python");
            if (!Files.isExecutable(python)) {
                log.line("headroom-ai: creating a virtual environment in " + venv);
                Files.createDirectories(work);
                int rc = exec(List.of("python3", "-m", "venv", venv.toString()), work.resolve("venv.log"), 300);
                if (rc != 0) {
                    return Run.unavailable("python3 -m venv failed (exit " + rc + "), see " + work.resolve("venv.log"));
                }
            }
            if (exec(List.of(python.toString(), "-c", "import headroom, sys; sys.exit(0 if headroom.__version__ == '"
                    + VERSION + "' else 1)"), work.resolve("check.log"), 120) != 0) {
                log.line("headroom-ai: pip install headroom-ai==" + VERSION + " (a few hundred MB; takes minutes)");
                int rc = exec(List.of(python.toString(), "-m", "pip", "install", "-q", "headroom-ai==" + VERSION),
                        work.resolve("pip.log"), 1800);
                if (rc != 0) {
                    return Run.unavailable("pip install headroom-ai==" + VERSION + " failed (exit " + rc
                            + "; registry unreachable?), see " + work.resolve("pip.log"));
                }
            }
            Path tiktoken = tiktokenCache();
            Path script = work.resolve("headroom_peer.py");
            try (InputStream in = HeadroomPeer.class.getResourceAsStream("headroom_peer.py")) {
                Files.write(script, in.readAllBytes());
            }
            Files.writeString(input, joined, StandardCharsets.UTF_8);
            log.line("headroom-ai: compressing " + files.size() + " inputs with Headroom " + VERSION);
            ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), input.toString(),
                    output.toString());
            pb.environment().put("HEADROOM_OFFLINE", "1");
            pb.environment().put("HEADROOM_TELEMETRY", "off");
            pb.environment().put("HEADROOM_UPDATE_CHECK", "off");
            pb.environment().put("DO_NOT_TRACK", "1");
            pb.environment().put("ORT_DISABLE_TELEMETRY", "1");
            pb.environment().put("HF_HUB_OFFLINE", "1");
            pb.environment().put("HOME", work.toAbsolutePath().toString());
            pb.environment().put("TIKTOKEN_CACHE_DIR", tiktoken.toString());
            pb.redirectErrorStream(true).redirectOutput(work.resolve("peer-run.log").toFile());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return Run.unavailable("Headroom run timed out after 60 minutes");
            }
            if (p.exitValue() != 0) {
                return Run.unavailable("Headroom run failed (exit " + p.exitValue() + "), see "
                        + work.resolve("peer-run.log"));
            }
            return read(output, "headroom-ai " + VERSION);
        } catch (IOException | RuntimeException e) {
            return Run.unavailable("Headroom peer failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Run.unavailable("interrupted");
        }
    }

    private static Run read(Path output, String reason) throws IOException {
        Map<String, Output> outputs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(line);
            Map<String, String> originals = new LinkedHashMap<>();
            n.path("originals").properties().forEach(e -> originals.put(e.getKey(), e.getValue().asText()));
            outputs.put(n.path("id").asText(), new Output(n.path("output").isNull() ? null : n.path("output").asText(),
                    n.path("seconds").asDouble(), originals, n.path("error").isNull() ? null
                            : n.path("error").asText()));
        }
        return new Run(true, reason, outputs);
    }

    /**
     * A tiktoken cache holding jtokkit's copies of the o200k/cl100k vocabularies (the same files tiktoken
     * downloads, byte for byte), so Headroom counts with the real tokenizer instead of its fallback estimate
     * on a machine that cannot reach the vocabulary host. tiktoken names cache files by the SHA-1 of the URL.
     */
    private Path tiktokenCache() throws IOException {
        Path dir = work.resolve("tiktoken-cache");
        Files.createDirectories(dir);
        for (String name : List.of("o200k_base", "cl100k_base")) {
            String url = "https://openaipublic.blob.core.windows.net/encodings/" + name + ".tiktoken";
            Path target = dir.resolve(sha1(url));
            if (Files.exists(target)) {
                continue;
            }
            try (InputStream in = com.knuddels.jtokkit.Encodings.class.getResourceAsStream(
                    "/com/knuddels/jtokkit/" + name + ".tiktoken")) {
                if (in != null) {
                    Files.write(target, in.readAllBytes());
                }
            }
        }
        return dir.toAbsolutePath();
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int exec(List<String> cmd, Path logFile, int timeoutSeconds) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(logFile.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    static void ensureDir(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
