package io.headroom4j.mcp;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import io.headroom4j.Headroom;
import io.headroom4j.HeadroomConfig;
import io.headroom4j.ledger.Ledger;
import io.headroom4j.ledger.LedgerEntry;
import io.headroom4j.store.CompressionStore;

/**
 * The logic behind Headroom's MCP tools, free of any protocol: compress one piece of content, retrieve an
 * original by key, and report this session's numbers. Thread-safe.
 *
 * <p>Every successful compression stores the whole original too (when CCR is on), so the caller always
 * gets one key that brings back exactly what it sent, whatever markers the compressors placed inside.
 * Each compression that saved tokens appends a line to the ledger (route {@code mcp:headroom_compress}),
 * so {@code headroom perf} counts MCP savings beside the proxy's.
 */
public final class HeadroomTools {

    /** The tool that compresses content. */
    public static final String COMPRESS = "headroom_compress";
    /** The tool that brings back an original. */
    public static final String RETRIEVE = "headroom_retrieve";
    /** The tool that reports session numbers. */
    public static final String STATS = "headroom_stats";

    private final Headroom headroom;
    private final Ledger ledger;
    private final Clock clock;
    private final Instant started;
    private final AtomicLong compressions = new AtomicLong();
    private final AtomicLong tokensBefore = new AtomicLong();
    private final AtomicLong tokensAfter = new AtomicLong();
    private final AtomicLong retrievals = new AtomicLong();
    private final AtomicLong retrievalMisses = new AtomicLong();
    private final AtomicLong relayedResults = new AtomicLong();

    /**
     * Tools over {@code headroom}'s config and store.
     *
     * @param headroom the compressor, with the store shared with the proxy
     * @param ledger   where savings are recorded, or null to record none
     * @param clock    the time source for ledger lines
     */
    public HeadroomTools(Headroom headroom, Ledger ledger, Clock clock) {
        this.headroom = Objects.requireNonNull(headroom, "headroom");
        this.ledger = ledger;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = clock.instant();
    }

    /** Tools with a ledger in the config's workspace and the system clock. */
    public static HeadroomTools create(HeadroomConfig config, CompressionStore store) {
        return new HeadroomTools(Headroom.create(config, store), Ledger.inWorkspace(config.workspaceDir()),
                Clock.systemUTC());
    }

    /** The compressor these tools use. */
    public Headroom headroom() {
        return headroom;
    }

    /**
     * Compresses {@code content}; the answer holds {@code compressed} (the text to use), {@code key} (brings
     * back the whole original; null when nothing changed or CCR is off), {@code retrieval_keys} (keys inside
     * the compressed text), token counts, the transform and its note.
     *
     * @param content  the text; null counts as empty
     * @param query    what the caller is looking for, to rank what is kept; may be null
     * @param toolName the tool that produced the content, so excluded tools stay untouched; may be null
     */
    public Map<String, Object> compress(String content, String query, String toolName) {
        String text = content == null ? "" : content;
        Headroom.ContentResult r = headroom.compressContent(text, query == null ? "" : query, toolName);
        boolean changed = !r.output().equals(text);
        String key = null;
        if (changed && headroom.config().ccr()) {
            key = headroom.store().put(text, r.compressed().transform());
        }
        compressions.incrementAndGet();
        tokensBefore.addAndGet(r.tokensBefore());
        tokensAfter.addAndGet(r.tokensAfter());
        int saved = Math.max(0, r.tokensBefore() - r.tokensAfter());
        if (changed && saved > 0) {
            record(r.compressed().transform(), toolName, r.tokensBefore(), r.tokensAfter());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("compressed", r.output());
        m.put("key", key);
        m.put("retrieval_keys", r.retrievalKeys());
        m.put("content_type", r.type().name().toLowerCase(Locale.ROOT));
        m.put("tokens_before", r.tokensBefore());
        m.put("tokens_after", r.tokensAfter());
        m.put("tokens_saved", saved);
        m.put("savings_percent", r.tokensBefore() == 0 ? 0.0
                : Math.round(1000.0 * saved / r.tokensBefore()) / 10.0);
        m.put("transform", r.compressed().transform());
        m.put("lossless", r.compressed().lossless());
        m.put("note", r.compressed().note());
        return m;
    }

    /**
     * The original stored under {@code key}: exactly as stored when {@code query} is blank, else only the
     * matching lines or items. Empty when the key is unknown or expired.
     */
    public Optional<String> retrieve(String key, String query) {
        if (key == null || key.isBlank()) {
            retrievalMisses.incrementAndGet();
            return Optional.empty();
        }
        String k = key.trim();
        Optional<String> found = query == null || query.isBlank()
                ? headroom.store().get(k) : headroom.store().retrieve(k, query);
        (found.isPresent() ? retrievals : retrievalMisses).incrementAndGet();
        return found;
    }

    /** Counts one tool result that a relay compressed, for {@link #stats}. */
    void countRelayed() {
        relayedResults.incrementAndGet();
    }

    /** This session's numbers and the store's size. */
    public Map<String, Object> stats() {
        long before = tokensBefore.get();
        long after = tokensAfter.get();
        long saved = Math.max(0, before - after);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session_started", started.toString());
        m.put("compressions", compressions.get());
        m.put("relayed_results_compressed", relayedResults.get());
        m.put("tokens_before", before);
        m.put("tokens_after", after);
        m.put("tokens_saved", saved);
        m.put("savings_percent", before == 0 ? 0.0 : Math.round(1000.0 * saved / before) / 10.0);
        m.put("retrievals", retrievals.get());
        m.put("retrieval_misses", retrievalMisses.get());
        long size;
        try {
            size = headroom.store().size();
        } catch (RuntimeException e) {
            size = -1;
        }
        m.put("store_entries", size);
        m.put("store_ttl_hours", headroom.config().storeTtl().toHours());
        m.put("lossless", headroom.config().lossless());
        m.put("ccr", headroom.config().ccr());
        m.put("workspace_dir", headroom.config().workspaceDir().toString());
        return m;
    }

    /** Appends a ledger line for savings made through MCP; a broken ledger never breaks the tool. */
    void record(String transform, String toolName, int before, int after) {
        if (ledger == null) {
            return;
        }
        try {
            Map<String, Long> byTransform = Map.of(transform, (long) Math.max(0, before - after));
            Map<String, Long> byTool = Map.of(toolName == null || toolName.isBlank() ? "unknown" : toolName,
                    (long) Math.max(0, before - after));
            ledger.append(new LedgerEntry(clock.instant(), "mcp", headroom.config().model(),
                    "mcp:" + COMPRESS, before, after, byTransform, byTool, -1, -1, -1, -1, 0, 0, false, 200));
        } catch (RuntimeException e) {
            System.getLogger(HeadroomTools.class.getName())
                    .log(System.Logger.Level.WARNING, "cannot append to the ledger: " + e.getMessage());
        }
    }
}
