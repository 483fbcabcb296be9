package io.headroom4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.headroom4j.CompressionResult;
import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.TransformRecord;
import io.headroom4j.token.TokenCounters;

/**
 * {@code headroom compress}: compresses one tool output, or a whole request body, and prints the result on
 * stdout with a one-line summary on stderr.
 */
@Command(name = "compress", mixinStandardHelpOptions = true,
        description = {"Compress one tool output (or a whole chat request body) and print the result.",
                "A JSON object with `messages` or `input` is treated as a request body (OpenAI or Anthropic);"
                        + " anything else as one tool output. What is dropped stays retrievable with"
                        + " `headroom retrieve KEY`."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:compressed (or left unchanged)", "1:input unreadable", "2:usage error"})
final class CompressCommand implements Callable<Integer> {

    /** Output shapes of {@code --format}. */
    enum Format { text, json }

    @ParentCommand
    HeadroomCli root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "Input file, or a directory (needs --out); `-` or none reads stdin.")
    String file;

    @Option(names = "--out", paramLabel = "DIR",
            description = "With a directory as input: where the compressed files go, under the same relative paths.")
    Path outDir;

    @Option(names = "--query", paramLabel = "Q", description = "What the user is asking about, for relevance ranking.")
    String query;

    @Option(names = "--lossless", description = "Allow only transforms that decode back to the input exactly.")
    Boolean lossless;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format = Format.text;

    @Option(names = "--model", paramLabel = "M", description = "Model whose tokenizer counts tokens (default gpt-4o).")
    String model;

    @Option(names = "--tool", paramLabel = "NAME", description = "Tool that produced the output (Bash, Grep, ...).")
    String tool;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> flags = new LinkedHashMap<>();
        if (lossless != null) {
            flags.put("lossless", lossless.toString());
        }
        if (model != null) {
            flags.put("model", model);
        }
        HeadroomConfig config = configOptions.load(root.env(), flags);
        if (file != null && !file.equals("-") && Files.isDirectory(Path.of(file))) {
            if (outDir == null) {
                return Cli.fail(err, Cli.USAGE, "compressing a directory needs --out DIR for the results");
            }
            return compressDirectory(config, Path.of(file), err);
        }
        byte[] bytes;
        try {
            bytes = Cli.read(file, root.stdin());
        } catch (NoSuchFileException e) {
            return Cli.fail(err, Cli.FAILED, "no such file: " + file);
        } catch (IOException e) {
            return Cli.fail(err, Cli.FAILED, "cannot read " + (file == null ? "stdin" : file) + ": " + e.getMessage());
        }
        String text = Cli.utf8OrNull(bytes);
        if (text == null) {
            return Cli.fail(err, Cli.FAILED, "input is not UTF-8 text; nothing was compressed");
        }
        try (Cli.Store store = Cli.openStore(config)) {
            HeadroomConfig effective = config;
            if (!store.persistent()) {
                // Without the workspace store nothing dropped could be brought back later: lossless only.
                err.println("headroom: " + store.problem() + "; compressing losslessly only");
                effective = config.toBuilder().ccr(false).build();
            }
            Headroom headroom = Headroom.create(effective, store.store());
            Outcome o = isRequestBody(text) ? compressBody(headroom, bytes) : compressContent(headroom, text);
            if (format == Format.json) {
                out.println(toJson(o, effective));
            } else {
                out.print(o.output);
            }
            out.flush();
            err.println(summary(o));
            err.flush();
            return Cli.OK;
        }
    }

    /**
     * Compresses every regular file under {@code dir} (hidden files and directories, {@code target} and
     * {@code node_modules} skipped) into {@code outDir}, with a progress bar on a terminal and plain lines
     * otherwise, then one summary line per file and a total on stderr. Non-UTF-8 files are copied as they are.
     */
    private int compressDirectory(HeadroomConfig config, Path dir, PrintWriter err) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).filter(f -> !skipped(dir.relativize(f))).sorted().forEach(files::add);
        } catch (IOException | UncheckedIOException e) {
            return Cli.fail(err, Cli.FAILED, "cannot list " + dir + ": " + e.getMessage());
        }
        long before = 0;
        long after = 0;
        List<String> lines = new ArrayList<>();
        try (Cli.Store store = Cli.openStore(config);
             Progress progress = Progress.start("compress", files.size())) {
            HeadroomConfig effective = store.persistent() ? config : config.toBuilder().ccr(false).build();
            Headroom headroom = Headroom.create(effective, store.store());
            for (Path f : files) {
                Path rel = dir.relativize(f);
                Path target = outDir.resolve(rel.toString());
                byte[] bytes = Files.readAllBytes(f);
                String text = Cli.utf8OrNull(bytes);
                Files.createDirectories(target.toAbsolutePath().getParent());
                if (text == null) {
                    Files.write(target, bytes);
                    lines.add(rel + ": not UTF-8 text, copied as it is");
                } else {
                    Outcome o = isRequestBody(text) ? compressBody(headroom, bytes) : compressContent(headroom, text);
                    Files.writeString(target, o.output, StandardCharsets.UTF_8);
                    before += o.before;
                    after += o.after;
                    lines.add(rel + ": " + summary(o).substring("headroom: ".length()));
                }
                progress.step(rel.toString());
            }
        } catch (IOException | UncheckedIOException e) {
            return Cli.fail(err, Cli.FAILED, "cannot compress " + dir + ": " + e.getMessage());
        }
        lines.forEach(err::println);
        err.println("headroom: " + files.size() + " files, " + Cli.count(before) + " -> " + Cli.count(after)
                + " tokens (" + Cli.percentSaved(before, after) + " saved), written to " + outDir);
        err.flush();
        return Cli.OK;
    }

    private static boolean skipped(Path rel) {
        for (Path part : rel) {
            String name = part.toString();
            if (name.startsWith(".") || name.equals("target") || name.equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    private record Outcome(String output, String type, String unit, long before, long after,
                           List<String> transforms, List<String> keys, String note) {
    }

    private Outcome compressBody(Headroom headroom, byte[] bytes) {
        CompressionResult r = headroom.compress(bytes, null);
        String note = r.failedOpen() ? "failed open: " + r.error() : skipReasons(r.records());
        return new Outcome(r.bodyText(), "request", "tokens of tool output", r.tokensBefore(), r.tokensAfter(),
                r.appliedTransforms(), r.retrievalKeys(), note);
    }

    /**
     * Why content was left alone, largest content first, each reason once, at most three:
     * "no compressor for LOG; protected: user message".
     */
    private static String skipReasons(List<TransformRecord> records) {
        if (records.isEmpty()) {
            return "no tool output in the request";
        }
        List<TransformRecord> bySize = new ArrayList<>(records);
        bySize.sort(Comparator.comparingInt(TransformRecord::tokensBefore).reversed());
        Set<String> reasons = new LinkedHashSet<>();
        for (TransformRecord t : bySize) {
            if (!t.applied() && !t.note().isEmpty() && reasons.size() < 3) {
                reasons.add(t.note());
            }
        }
        return String.join("; ", reasons);
    }

    private Outcome compressContent(Headroom headroom, String text) {
        Headroom.ContentResult r = headroom.compressContent(text, query == null ? "" : query, tool);
        boolean changed = !r.output().equals(text);
        List<String> transforms = changed ? List.of(r.compressed().transform()) : List.of();
        return new Outcome(r.output(), r.type().name().toLowerCase(Locale.ROOT), "tokens", r.tokensBefore(),
                r.tokensAfter(), transforms, r.retrievalKeys(), r.compressed().note());
    }

    private static boolean isRequestBody(String text) {
        String t = text.stripLeading();
        if (!t.startsWith("{")) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(t);
            return node != null && node.isObject() && (node.has("messages") || node.has("input"));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String summary(Outcome o) {
        StringBuilder sb = new StringBuilder("headroom: ").append(o.type).append(", ");
        if (o.transforms.isEmpty()) {
            sb.append(Cli.count(o.before)).append(' ').append(o.unit).append(", unchanged");
            if (!o.note.isEmpty()) {
                sb.append(" (").append(o.note).append(')');
            }
            return sb.toString();
        }
        sb.append(Cli.count(o.before)).append(" -> ").append(Cli.count(o.after)).append(' ').append(o.unit).append(" (")
                .append(Cli.percentSaved(o.before, o.after)).append(" saved), ")
                .append(String.join(", ", o.transforms));
        if (!o.keys.isEmpty()) {
            sb.append("; ").append(o.keys.size() == 1 ? "1 retrieval key" : o.keys.size() + " retrieval keys");
        }
        return sb.toString();
    }

    private static String toJson(Outcome o, HeadroomConfig config) {
        ObjectNode root = JSON.createObjectNode();
        root.put("output", o.output);
        root.put("type", o.type);
        ObjectNode tokens = root.putObject("tokens");
        tokens.put("before", o.before);
        tokens.put("after", o.after);
        tokens.put("saved", Math.max(0, o.before - o.after));
        tokens.put("saved_percent", o.before == 0 ? 0.0
                : Math.round(1000.0 * Math.max(0, o.before - o.after) / o.before) / 10.0);
        tokens.put("tokenizer", TokenCounters.forModel(config.model()).name());
        ArrayNode transforms = root.putArray("transforms");
        o.transforms.forEach(transforms::add);
        ArrayNode keys = root.putArray("keys");
        o.keys.forEach(keys::add);
        root.put("note", o.note);
        return root.toString();
    }
}
