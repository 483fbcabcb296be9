package io.headroom4j.bench.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

import dev.toonformat.jtoon.JToon;
import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.Mode;
import io.headroom4j.store.InMemoryCompressionStore;
import io.headroom4j.token.TokenCounter;
import io.headroom4j.token.TokenCounters;

/**
 * Runs every arm over the corpus and the conversations and collects the numbers the report shows.
 *
 * <p>Arms: Headroom4j in lossless-only mode and in default mode ({@link Headroom#compressContent}); the
 * Python Headroom ({@link HeadroomPeer}); JToon on JSON inputs; truncation to the token count Headroom4j's
 * default mode produced; head+tail to the same budget. Every arm is measured with one tokenizer,
 * {@code o200k_base}. Single-threaded, so timings are not disturbed by the harness itself.
 */
public final class Evaluation {

    /** Arm names, in report order. */
    public static final String H4J_LOSSLESS = "Headroom4j lossless";
    public static final String H4J = "Headroom4j";
    public static final String HEADROOM = "Headroom (Python)";
    public static final String JTOON = "JToon";
    public static final String TRUNCATE = "Truncate";
    public static final String HEAD_TAIL = "Head+tail";
    public static final List<String> ARMS = List.of(H4J_LOSSLESS, H4J, HEADROOM, JTOON, TRUNCATE, HEAD_TAIL);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Settings of one run.
     *
     * @param corpus      the corpus directory
     * @param work        scratch directory (the Python venv lives here)
     * @param pythonPeer  true to install and run the Python Headroom
     * @param maxRuns     most timed runs per input and arm
     * @param minSeconds  keep timing an input until this much time was spent (or maxRuns reached)
     * @param types       corpus types to run (empty: all)
     * @param maxFiles    at most this many inputs per type (0: all), for smoke runs
     * @param conversations true to run the cache economics
     * @param reusePeer   true to reuse the Python peer's outputs from an earlier run over the same inputs
     */
    public record Options(Path corpus, Path work, boolean pythonPeer, int maxRuns, double minSeconds,
                          List<String> types, int maxFiles, boolean conversations, boolean reusePeer) {
    }

    /**
     * One arm on one input.
     *
     * @param file      the input
     * @param arm       the arm
     * @param detected  the content type Headroom4j detected (ours only), or ""
     * @param transform the transform that ran, or the arm's method
     * @param before    tokens of the input
     * @param after     tokens of the output
     * @param lossless  true when the arm marked its output lossless
     * @param retention facts kept/recoverable/lost
     * @param roundTrip the round-trip outcome
     * @param seconds   timed runs, in seconds
     * @param note      what the arm said, or why it did not run
     */
    public record FileResult(CorpusFile file, String arm, String detected, String transform, int before, int after,
                             boolean lossless, Retention retention, RoundTrip.Outcome roundTrip, List<Double> seconds,
                             String note) {

        /** Median seconds of the timed runs. */
        public double medianSeconds() {
            return Stats.median(seconds);
        }
    }

    /**
     * One arm over one conversation.
     *
     * @param conversation the conversation file name
     * @param provider     the provider whose cache rules priced it
     * @param arm          {@code none}, {@code token} or {@code cache}
     * @param turns        per-turn tokens and cost
     * @param seconds      time spent compressing, per request
     */
    public record ConversationResult(String conversation, PrefixCacheSimulator.Provider provider, String arm,
                                     List<PrefixCacheSimulator.Turn> turns, List<Double> seconds) {

        /** Total input cost in dollars. */
        public double cost() {
            return turns.stream().mapToDouble(PrefixCacheSimulator.Turn::cost).sum();
        }

        /** Total input tokens sent. */
        public long tokens() {
            return turns.stream().mapToLong(PrefixCacheSimulator.Turn::tokens).sum();
        }

        long read() {
            return turns.stream().mapToLong(PrefixCacheSimulator.Turn::cacheRead).sum();
        }

        long write() {
            return turns.stream().mapToLong(PrefixCacheSimulator.Turn::cacheWrite).sum();
        }

        long uncached() {
            return turns.stream().mapToLong(PrefixCacheSimulator.Turn::uncached).sum();
        }
    }

    /**
     * Everything measured.
     *
     * @param files          per-file, per-arm results
     * @param conversations  cache-economics results
     * @param peerStatus     one line per peer saying whether it ran
     * @param decoder        the decoder used for round trips, or empty
     */
    public record Results(List<FileResult> files, List<ConversationResult> conversations,
                          Map<String, String> peerStatus, Optional<String> decoder) {
    }

    private final Options options;
    private final Progress progress;
    private final TokenCounter tokens = TokenCounters.o200k();
    private final Encoding encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    private final RoundTrip roundTrip = new RoundTrip();

    Evaluation(Options options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs everything. */
    public Results run() {
        List<CorpusFile> all = CorpusFile.load(options.corpus());
        List<CorpusFile> files = new ArrayList<>();
        Map<String, Integer> perType = new LinkedHashMap<>();
        for (CorpusFile f : all) {
            if (!options.types().isEmpty() && !options.types().contains(f.type())) {
                continue;
            }
            int n = perType.merge(f.type(), 1, Integer::sum);
            if (options.maxFiles() == 0 || n <= options.maxFiles()) {
                files.add(f);
            }
        }
        Map<String, String> status = new LinkedHashMap<>();
        InMemoryCompressionStore losslessStore = new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30);
        InMemoryCompressionStore defaultStore = new InMemoryCompressionStore(Duration.ofHours(1), 1L << 30);
        Headroom lossless = Headroom.create(HeadroomConfig.defaults().toBuilder().lossless(true).build(),
                losslessStore);
        Headroom standard = Headroom.create(HeadroomConfig.defaults(), defaultStore);

        warmUp(files, lossless, standard);
        List<FileResult> results = new ArrayList<>();
        progress.start("corpus", files.size());
        for (CorpusFile f : files) {
            int before = tokens.count(f.content());
            List<Fact> facts = FactExtractor.extract(f.content());
            FileResult ll = ours(f, H4J_LOSSLESS, lossless, losslessStore, facts, before);
            FileResult def = ours(f, H4J, standard, defaultStore, facts, before);
            results.add(ll);
            results.add(def);
            jtoon(f, facts, before).ifPresent(results::add);
            results.add(truncate(f, facts, before, def.after(), false));
            results.add(truncate(f, facts, before, def.after(), true));
            progress.step(f.id());
        }
        progress.finish();
        status.put(JTOON, "dev.toonformat:jtoon 1.0.9 (JSON inputs only)");
        status.put(TRUNCATE, "first N tokens, N = Headroom4j's output tokens for the same input");
        status.put(HEAD_TAIL, "first N/2 and last N/2 tokens, same N");

        if (options.pythonPeer()) {
            HeadroomPeer.Run run = new HeadroomPeer(options.work().resolve("peers"), progress,
                    options.reusePeer()).run(files);
            status.put(HEADROOM, run.available() ? run.reason() : "skipped: " + run.reason());
            if (run.available()) {
                for (CorpusFile f : files) {
                    HeadroomPeer.Output o = run.outputs().get(f.id());
                    if (o != null) {
                        results.add(headroom(f, o));
                    }
                }
            }
        } else {
            status.put(HEADROOM, "skipped: disabled for this run (--no-python)");
        }
        progress.line("peers: " + status);

        List<ConversationResult> convs = options.conversations() ? conversations() : List.of();
        return new Results(results, convs, status, roundTrip.decoderName());
    }

    private void warmUp(List<CorpusFile> files, Headroom lossless, Headroom standard) {
        // JIT warm-up on the small inputs of each type, so the first measured file is not the cold one.
        List<CorpusFile> small = files.stream().filter(f -> f.bytes() < 64 * 1024).toList();
        progress.start("warm-up", small.size());
        for (CorpusFile f : small) {
            for (int i = 0; i < 3; i++) {
                lossless.compressContent(f.content(), f.query());
                standard.compressContent(f.content(), f.query());
            }
            progress.step(f.id());
        }
        progress.finish();
    }

    private FileResult ours(CorpusFile f, String arm, Headroom h, InMemoryCompressionStore store, List<Fact> facts,
                            int before) {
        Headroom.ContentResult[] last = new Headroom.ContentResult[1];
        List<Double> secs = time(() -> last[0] = h.compressContent(f.content(), f.query()));
        Headroom.ContentResult r = last[0];
        String out = r.output();
        Retention ret = RetentionChecker.check(facts, out, r.compressed().lossless() && !out.equals(f.content()),
                store::get, r.retrievalKeys());
        RoundTrip.Outcome rt = roundTrip.check(f.content(), out, r.compressed().transform(), r.compressed().lossless());
        return new FileResult(f, arm, r.type().name(), r.compressed().transform(), before, tokens.count(out),
                r.compressed().lossless(), ret, rt, secs, r.compressed().note());
    }

    private Optional<FileResult> jtoon(CorpusFile f, List<Fact> facts, int before) {
        if (!f.type().equals("json")) {
            return Optional.empty();
        }
        JsonNode original;
        try {
            original = JSON.readTree(f.content());
        } catch (Exception e) {
            return Optional.of(new FileResult(f, JTOON, "", "not one JSON document", before, before, true,
                    RetentionChecker.check(facts, f.content(), k -> Optional.empty(), List.of()),
                    RoundTrip.Outcome.UNCHANGED, List.of(0.0), "JToon needs one JSON document"));
        }
        String[] out = new String[1];
        List<Double> secs;
        try {
            secs = time(() -> out[0] = JToon.encodeJson(f.content()));
        } catch (RuntimeException e) {
            return Optional.of(new FileResult(f, JTOON, "", "error", before, before, true,
                    RetentionChecker.check(facts, f.content(), k -> Optional.empty(), List.of()),
                    RoundTrip.Outcome.UNCHANGED, List.of(0.0), "JToon failed: " + e));
        }
        RoundTrip.Outcome rt;
        try {
            rt = JSON.readTree(JToon.decodeToJson(out[0])).equals(original) ? RoundTrip.Outcome.EXACT
                    : RoundTrip.Outcome.MISMATCH;
        } catch (Exception e) {
            rt = RoundTrip.Outcome.MISMATCH;
        }
        Retention ret = RetentionChecker.check(facts, out[0], true, k -> Optional.empty(), List.of());
        return Optional.of(new FileResult(f, JTOON, "", "toon", before, tokens.count(out[0]), true, ret, rt, secs,
                "round trip compared as parsed JSON (JToon rewrites number literals)"));
    }

    private FileResult truncate(CorpusFile f, List<Fact> facts, int before, int budget, boolean headTail) {
        long t0 = System.nanoTime();
        String out;
        if (budget >= before) {
            out = f.content();
        } else {
            IntArrayList ids = encoding.encodeOrdinary(f.content());
            if (headTail) {
                int head = budget / 2;
                int tail = budget - head;
                out = encoding.decode(slice(ids, 0, head)) + encoding.decode(slice(ids, ids.size() - tail, ids.size()));
            } else {
                out = encoding.decode(slice(ids, 0, budget));
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Retention ret = RetentionChecker.check(facts, out, k -> Optional.empty(), List.of());
        return new FileResult(f, headTail ? HEAD_TAIL : TRUNCATE, "", headTail ? "head+tail" : "truncate", before,
                tokens.count(out), false, ret, out.equals(f.content()) ? RoundTrip.Outcome.UNCHANGED
                : RoundTrip.Outcome.LOSSY, List.of(secs), "budget " + budget + " tokens");
    }

    private FileResult headroom(CorpusFile f, HeadroomPeer.Output o) {
        int before = tokens.count(f.content());
        List<Fact> facts = FactExtractor.extract(f.content());
        if (o.output() == null) {
            return new FileResult(f, HEADROOM, "", "error", before, before, false,
                    RetentionChecker.check(facts, f.content(), k -> Optional.empty(), List.of()),
                    RoundTrip.Outcome.UNCHANGED, List.of(o.seconds()), String.valueOf(o.error()));
        }
        Function<String, Optional<String>> store = k -> Optional.ofNullable(o.originals().get(k));
        Retention ret = RetentionChecker.check(facts, o.output(), store, o.originals().keySet());
        return new FileResult(f, HEADROOM, "", "compress()", before, tokens.count(o.output()), false, ret,
                o.output().equals(f.content()) ? RoundTrip.Outcome.UNCHANGED : RoundTrip.Outcome.LOSSY,
                List.of(o.seconds()), o.originals().size() + " originals fetched from Headroom's store");
    }

    private static IntArrayList slice(IntArrayList ids, int from, int to) {
        IntArrayList out = new IntArrayList(Math.max(0, to - from));
        for (int i = Math.max(0, from); i < Math.min(to, ids.size()); i++) {
            out.add(ids.get(i));
        }
        return out;
    }

    /** Times {@code work}: one untimed call, then runs until maxRuns or minSeconds; one run if a call is slow. */
    private List<Double> time(Supplier<?> work) {
        work.get();
        List<Double> secs = new ArrayList<>();
        double spent = 0;
        while (secs.size() < Math.max(1, options.maxRuns()) && (secs.size() < 3 || spent < options.minSeconds())) {
            long t0 = System.nanoTime();
            work.get();
            double s = (System.nanoTime() - t0) / 1e9;
            secs.add(s);
            spent += s;
            if (s > 1.0) {
                break;
            }
        }
        return secs;
    }

    private List<ConversationResult> conversations() {
        Path dir = options.corpus().resolve("conversations");
        List<Path> convs;
        try (var s = Files.list(dir)) {
            convs = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (Exception e) {
            progress.line("conversations: none found in " + dir + " (" + e + ")");
            return List.of();
        }
        List<ConversationResult> out = new ArrayList<>();
        progress.start("conversations", convs.size() * 3L);
        for (Path p : convs) {
            JsonNode body;
            try {
                body = JSON.readTree(p.toFile());
            } catch (Exception e) {
                progress.line("conversations: cannot read " + p + ": " + e);
                continue;
            }
            String name = p.getFileName().toString();
            PrefixCacheSimulator.Provider provider = name.startsWith("anthropic")
                    ? PrefixCacheSimulator.Provider.ANTHROPIC : PrefixCacheSimulator.Provider.OPENAI;
            List<byte[]> requests = ConversationReplay.requests(body);
            PrefixCacheSimulator sim = new PrefixCacheSimulator(tokens, provider);
            for (String arm : List.of("none", "token", "cache")) {
                List<byte[]> sent = new ArrayList<>();
                List<Double> secs = new ArrayList<>();
                Headroom h = arm.equals("none") ? null : Headroom.create(HeadroomConfig.defaults().toBuilder()
                        .mode(arm.equals("token") ? Mode.TOKEN : Mode.CACHE).build());
                for (byte[] req : requests) {
                    if (h == null) {
                        sent.add(req);
                        secs.add(0.0);
                    } else {
                        long t0 = System.nanoTime();
                        sent.add(h.compress(req, null).body());
                        secs.add((System.nanoTime() - t0) / 1e9);
                    }
                }
                out.add(new ConversationResult(name, provider, arm, sim.run(sent), secs));
                progress.step(name + " " + arm);
            }
        }
        progress.finish();
        return out;
    }
}
