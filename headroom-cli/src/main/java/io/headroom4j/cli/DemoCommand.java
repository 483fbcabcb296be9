package io.headroom4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.store.CompressionStore;
import io.headroom4j.store.CompressionStores;
import io.headroom4j.store.ContentKeys;
import io.headroom4j.token.TokenCounters;

/**
 * {@code headroom demo}: compresses a few bundled, realistic tool outputs and shows the savings per sample
 * and that every retrieval key brings back the exact original. Needs no API key and no network.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Compress bundled samples (a JSON API response, a log with an incident, a failing test run,"
                + " grep output) and show tokens saved and that retrieval keys bring back the exact originals.",
                "Needs no API key and no network. Originals go to the workspace store, so the printed"
                        + " `headroom retrieve` commands work afterwards."})
final class DemoCommand implements Callable<Integer> {

    /** A bundled sample: resource name, the tool that would have produced it. */
    record Sample(String name, String tool) {
    }

    static final List<Sample> SAMPLES = List.of(
            new Sample("api-response.json", "WebFetch"),
            new Sample("service.log", "Bash"),
            new Sample("test-run.txt", "Bash"),
            new Sample("grep.txt", "Grep"));

    @ParentCommand
    HeadroomCli root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--show", description = "Also print each sample's compressed output.")
    boolean show;

    @Option(names = "--keys", description = "List every retrieval key, not just the count per sample.")
    boolean listKeys;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HeadroomConfig config = configOptions.load(root.env(), Map.of());
        try (Cli.Store store = Cli.openStore(config)) {
            if (!store.persistent()) {
                err.println("headroom: " + store.problem() + "; using a store in memory for this run");
            }
            Headroom headroom = Headroom.create(config, store.store());
            out.println("Headroom4j demo: " + SAMPLES.size() + " tool outputs through the content router"
                    + " (tokens counted with " + TokenCounters.forModel(config.model()).name() + ")");
            out.println();
            out.println(row("SAMPLE", "TYPE", "BEFORE", "AFTER", "SAVED", "TRANSFORM"));
            long totalBefore = 0;
            long totalAfter = 0;
            List<String[]> keys = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            Map<String, String> originals = new LinkedHashMap<>();
            for (Sample s : SAMPLES) {
                String content = load(s.name());
                originals.put(s.name(), content);
                Headroom.ContentResult r = headroom.compressContent(content, "", s.tool());
                boolean changed = !r.output().equals(content);
                String transform = changed ? r.compressed().transform() : "- (" + r.compressed().note() + ")";
                out.println(row(s.name(), r.type().name().toLowerCase(Locale.ROOT), Cli.count(r.tokensBefore()),
                        Cli.count(r.tokensAfter()), Cli.percentSaved(r.tokensBefore(), r.tokensAfter()), transform));
                totalBefore += r.tokensBefore();
                totalAfter += r.tokensAfter();
                for (String key : r.retrievalKeys()) {
                    keys.add(new String[] {key, s.name()});
                }
                outputs.add(r.output());
            }
            out.println(row("TOTAL", "", Cli.count(totalBefore), Cli.count(totalAfter),
                    Cli.percentSaved(totalBefore, totalAfter), ""));
            out.println();
            boolean allExact = keys.isEmpty() ? showDirectRoundTrip(out, store.store(), originals)
                    : showRetrievals(out, store.store(), keys, originals);
            if (store.persistent()) {
                // The incident log makes the best example for a query; any key will do otherwise.
                String key = keys.isEmpty() ? CompressionStore.keyOf(originals.get("service.log")) : keys.get(0)[0];
                for (String[] k : keys) {
                    if (k[1].equals("service.log")) {
                        key = k[0];
                        break;
                    }
                }
                out.println();
                out.println("Try:");
                // Compressors keep error lines, so what they drop is routine traffic; the whole log has the incident.
                String query = keys.isEmpty() ? "timed out" : "payments authorize";
                String[][] tips = {
                    {"headroom retrieve " + key,
                        "# the exact original, from " + CompressionStores.databaseFile(config)},
                    {"headroom retrieve " + key + " --query \"" + query + "\"",
                        "# only the matching lines, ranked by BM25"},
                    {"headroom compress your-output.txt", "# any tool output, file or stdin"},
                    {"headroom demo --show", "# what the model would see for each sample"}};
                int width = 0;
                for (String[] t : tips) {
                    width = Math.max(width, t[0].length());
                }
                for (String[] t : tips) {
                    out.println("  " + t[0] + " ".repeat(width + 1 - t[0].length()) + t[1]);
                }
            }
            if (show) {
                for (int i = 0; i < SAMPLES.size(); i++) {
                    out.println();
                    out.println("===== " + SAMPLES.get(i).name() + " as the model would see it =====");
                    out.println(outputs.get(i));
                }
            }
            out.flush();
            return allExact ? Cli.OK : Cli.FAILED;
        }
    }

    private static String row(String sample, String type, String before, String after, String saved, String transform) {
        return String.format(Locale.ROOT, "%-18s %-13s %8s %8s %7s  %s", sample, type, before, after, saved, transform)
                .stripTrailing();
    }

    private boolean showRetrievals(PrintWriter out, CompressionStore store, List<String[]> keys,
                                   Map<String, String> originals) {
        out.println("Nothing is lost: every omission marker carries a key, and every key brought back exactly what");
        out.println("was stored under it (its SHA-256 matches the key):");
        boolean allExact = true;
        for (String sample : originals.keySet()) {
            int count = 0;
            int whole = 0;
            int slices = 0;
            int failed = 0;
            long bytes = 0;
            for (String[] k : keys) {
                if (!k[1].equals(sample)) {
                    continue;
                }
                count++;
                Optional<String> back = store.get(k[0]);
                // The store's own promise: what comes back hashes to the key it was stored under.
                boolean exact = back.isPresent() && ContentKeys.sha256Prefix(back.get()).equals(k[0]);
                String verdict;
                if (!exact) {
                    failed++;
                    verdict = "NOT FOUND OR DIFFERENT";
                } else if (originals.get(sample).equals(back.get())) {
                    whole++;
                    verdict = "the whole sample";
                } else if (originals.get(sample).contains(back.get())) {
                    slices++;
                    verdict = "a verbatim slice of the sample";
                } else {
                    verdict = "the dropped parts, as the compressor assembled them";
                }
                long size = back.map(v -> (long) v.getBytes(StandardCharsets.UTF_8).length).orElse(0L);
                bytes += size;
                if (listKeys) {
                    out.printf(Locale.ROOT, "    %s  %-18s %9s bytes, %s%n", k[0], sample, Cli.count(size), verdict);
                }
            }
            if (count == 0) {
                continue;
            }
            allExact &= failed == 0;
            int assembled = count - whole - slices - failed;
            List<String> parts = new ArrayList<>();
            if (whole > 0) {
                parts.add("the whole sample");
            }
            if (slices > 0) {
                parts.add(slices == count ? "verbatim slices of the sample" : slices + " verbatim slices");
            }
            if (assembled > 0) {
                parts.add(assembled + " assembled from dropped parts");
            }
            if (failed > 0) {
                parts.add(failed + " NOT FOUND OR DIFFERENT");
            }
            out.printf(Locale.ROOT, "  %-18s %3d %-5s %9s bytes   %s%n", sample, count, count == 1 ? "key" : "keys",
                    Cli.count(bytes), String.join(", ", parts));
        }
        return allExact;
    }

    private static boolean showDirectRoundTrip(PrintWriter out, CompressionStore store, Map<String, String> originals) {
        out.println("No sample needed anything dropped, so nothing was stored. The store round trip, directly:");
        boolean allExact = true;
        for (Map.Entry<String, String> e : originals.entrySet()) {
            String key = store.put(e.getValue(), "demo");
            boolean exact = store.get(key).map(e.getValue()::equals).orElse(false);
            allExact &= exact;
            out.printf(Locale.ROOT, "  %s  %-18s %9s bytes back, %s%n", key, e.getKey(),
                    Cli.count(e.getValue().getBytes(StandardCharsets.UTF_8).length),
                    exact ? "byte-exact" : "NOT FOUND OR DIFFERENT");
        }
        return allExact;
    }

    /** The bundled sample {@code name}. */
    static String load(String name) {
        try (InputStream in = DemoCommand.class.getResourceAsStream("demo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("demo sample " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo sample " + name, e);
        }
    }
}
