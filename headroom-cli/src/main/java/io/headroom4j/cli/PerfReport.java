package io.headroom4j.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.headroom4j.ledger.LedgerEntry;

/**
 * The savings report behind {@code headroom perf}: totals, per model, per transform and per tool, cache
 * hit rate, and money saved, computed from ledger entries.
 *
 * <p>Money saved is net of prompt-cache effects. Headroom compresses only content the provider has not
 * cached yet, so each saved token would have been billed like the rest of that request's uncached input:
 * at the input price, or at the cache-write price for the share the provider wrote to its cache. For a
 * request with {@code u} uncached input tokens, {@code w} cache-write tokens and write multiplier
 * {@code m}, a saved token is worth {@code price * (u + m*w) / (u + w)}. When the provider reported no
 * usage, the list input price is used and the report says so. Tokens a later request would have read
 * from the cache (at 0.1x) are not counted, so the figure errs low. A model with no price is reported as
 * unavailable, never as $0.00. The percentage saved is always {@code saved / before}.
 */
final class PerfReport {

    /** Sums for one group of entries (a model, or everything). */
    static final class Totals {
        long requests;
        long before;
        long after;
        long uncached;
        long cacheRead;
        long cacheWrite;
        long usageRequests;
        long failedOpen;
        double overheadMs;
        double moneySaved;
        double costWith;
        boolean priced = true;
        boolean listPriceOnly;
        final java.util.Set<String> unpriced = new java.util.TreeSet<>();

        long saved() {
            return Math.max(0, before - after);
        }

        double savedPercent() {
            return before == 0 ? 0.0 : 100.0 * saved() / before;
        }

        /** Cache reads over all input tokens of the requests with usage, or -1 when none reported usage. */
        double cacheHitPercent() {
            long all = uncached + cacheRead + cacheWrite;
            return usageRequests == 0 || all == 0 ? -1 : 100.0 * cacheRead / all;
        }
    }

    final Instant since;
    final Instant oldest;
    final Instant newest;
    final Totals total = new Totals();
    final Map<String, Totals> byModel = new TreeMap<>();
    final Map<String, Long> byTransform = new TreeMap<>();
    final Map<String, Long> byTool = new TreeMap<>();
    final Map<Instant, long[]> byHour = new TreeMap<>();
    final String priceSource;

    private PerfReport(Instant since, List<LedgerEntry> entries, PriceTable prices) {
        this.since = since;
        this.priceSource = prices.source();
        Instant lo = null;
        Instant hi = null;
        for (LedgerEntry e : entries) {
            lo = lo == null || e.time().isBefore(lo) ? e.time() : lo;
            hi = hi == null || e.time().isAfter(hi) ? e.time() : hi;
            Totals m = byModel.computeIfAbsent(e.model(), k -> new Totals());
            Optional<PriceTable.Price> price = prices.priceOf(e.model());
            add(total, e, price);
            add(m, e, price);
            e.savedByTransform().forEach((k, v) -> byTransform.merge(k, v, Long::sum));
            e.savedByTool().forEach((k, v) -> byTool.merge(k, v, Long::sum));
            long[] hour = byHour.computeIfAbsent(e.time().truncatedTo(java.time.temporal.ChronoUnit.HOURS),
                    k -> new long[2]);
            hour[0] += e.tokensBefore();
            hour[1] += e.tokensAfter();
        }
        this.oldest = lo;
        this.newest = hi;
    }

    /** The report over {@code entries} priced with {@code prices}. */
    static PerfReport of(Instant since, List<LedgerEntry> entries, PriceTable prices) {
        return new PerfReport(since, entries, prices);
    }

    private static void add(Totals t, LedgerEntry e, Optional<PriceTable.Price> price) {
        t.requests++;
        t.before += e.tokensBefore();
        t.after += e.tokensAfter();
        t.overheadMs += e.overheadMs();
        if (e.failedOpen()) {
            t.failedOpen++;
        }
        boolean usage = e.inputTokens() >= 0;
        long u = Math.max(0, e.inputTokens());
        long r = Math.max(0, e.cacheReadTokens());
        long w = Math.max(0, e.cacheWriteTokens());
        if (usage) {
            t.usageRequests++;
            t.uncached += u;
            t.cacheRead += r;
            t.cacheWrite += w;
        }
        if (price.isEmpty()) {
            if (e.tokensSaved() > 0 || usage) {
                t.priced = false;
                t.unpriced.add(e.model());
            }
            return;
        }
        PriceTable.Price p = price.get();
        double factor = 1.0;
        if (usage && u + w > 0) {
            factor = (u + p.cacheWriteMultiplier() * w) / (u + w);
        } else if (!usage && e.tokensSaved() > 0) {
            t.listPriceOnly = true;
        }
        t.moneySaved += e.tokensSaved() * p.perToken() * factor;
        if (usage) {
            t.costWith += p.perToken() * (u + p.cacheReadMultiplier() * r + p.cacheWriteMultiplier() * w);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Rendering

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    static String money(Totals t) {
        String amount = String.format(Locale.ROOT, "$%.4f", t.moneySaved) + (t.listPriceOnly ? " (list price)" : "");
        if (!t.priced) {
            // A partial sum is shown only with the models it leaves out, and never as $0.0000.
            return t.moneySaved > 0 ? amount + " for priced models; unavailable for " + String.join(", ", t.unpriced)
                    : "unavailable";
        }
        return amount;
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Headroom savings report\n");
        sb.append("=======================\n");
        sb.append("Window:        since ").append(since).append('\n');
        if (total.requests == 0) {
            sb.append("\nNo requests in the ledger for this window.\n")
                    .append("Run agents through `headroom proxy` or `headroom wrap <agent>`; each request adds a line.\n");
            return sb.toString();
        }
        sb.append("Data:          ").append(oldest).append(" .. ").append(newest).append('\n');
        sb.append("Requests:      ").append(number(total.requests));
        if (total.failedOpen > 0) {
            sb.append(" (").append(number(total.failedOpen)).append(" failed open: sent uncompressed)");
        }
        sb.append('\n');
        sb.append("Tokens:        ").append(number(total.before)).append(" -> ").append(number(total.after))
                .append('\n');
        sb.append("Saved:         ").append(number(total.saved())).append(" tokens (")
                .append(percent(total.savedPercent())).append(")\n");
        sb.append("Cache hit:     ").append(total.cacheHitPercent() < 0 ? "unavailable (no provider usage)"
                : percent(total.cacheHitPercent()) + " of input tokens read from the prompt cache").append('\n');
        sb.append("Money saved:   ").append(money(total)).append('\n');
        sb.append("Overhead:      ").append(String.format(Locale.ROOT, "%.1f ms", total.overheadMs / total.requests))
                .append(" average compression time per request\n");

        sb.append("\nBy model\n--------\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"model", "requests", "before", "after", "saved", "%", "cache hit", "money saved"});
        byModel.forEach((name, t) -> rows.add(new String[] {name, number(t.requests), number(t.before),
                number(t.after), number(t.saved()), percent(t.savedPercent()),
                t.cacheHitPercent() < 0 ? "-" : percent(t.cacheHitPercent()), money(t)}));
        table(sb, rows);
        section(sb, "By transform", byTransform, total.saved());
        section(sb, "By tool", byTool, total.saved());
        sb.append("\nPrices: ").append(priceSource)
                .append(" (edit it; unknown models show as unavailable). Money saved is net of prompt-cache")
                .append(" pricing: see docs/agents.md.\n");
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, Map<String, Long> saved, long totalSaved) {
        sb.append('\n').append(title).append('\n').append("-".repeat(title.length())).append('\n');
        if (saved.isEmpty()) {
            sb.append("  (nothing saved)\n");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "tokens saved", "share"});
        sorted(saved).forEach(e -> rows.add(new String[] {e.getKey(), number(e.getValue()),
                totalSaved == 0 ? "-" : percent(100.0 * e.getValue() / totalSaved)}));
        table(sb, rows);
    }

    static List<Map.Entry<String, Long>> sorted(Map<String, Long> m) {
        List<Map.Entry<String, Long>> list = new ArrayList<>(m.entrySet());
        list.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return list;
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            sb.append(' ');
            for (int i = 0; i < r.length; i++) {
                sb.append(' ');
                if (i == 0) {
                    sb.append(r[i]).append(" ".repeat(width[i] - r[i].length()));
                } else {
                    sb.append(" ".repeat(width[i] - r[i].length())).append(r[i]);
                }
            }
            sb.append('\n');
        }
    }

    String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode n = mapper.createObjectNode();
        n.put("since", since.toString());
        n.put("oldest", oldest == null ? null : oldest.toString());
        n.put("newest", newest == null ? null : newest.toString());
        totals(n.putObject("total"), total);
        ArrayNode models = n.putArray("by_model");
        byModel.forEach((name, t) -> totals(models.addObject().put("model", name), t));
        ArrayNode transforms = n.putArray("by_transform");
        sorted(byTransform).forEach(e -> transforms.addObject().put("transform", e.getKey())
                .put("tokens_saved", e.getValue()));
        ArrayNode tools = n.putArray("by_tool");
        sorted(byTool).forEach(e -> tools.addObject().put("tool", e.getKey()).put("tokens_saved", e.getValue()));
        n.put("price_table", priceSource);
        try {
            return mapper.writeValueAsString(n) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void totals(ObjectNode n, Totals t) {
        n.put("requests", t.requests);
        n.put("tokens_before", t.before);
        n.put("tokens_after", t.after);
        n.put("tokens_saved", t.saved());
        n.put("savings_pct", Math.round(t.savedPercent() * 10) / 10.0);
        n.put("cache_read_tokens", t.cacheRead);
        n.put("cache_write_tokens", t.cacheWrite);
        n.put("uncached_input_tokens", t.uncached);
        if (t.cacheHitPercent() < 0) {
            n.putNull("cache_hit_pct");
        } else {
            n.put("cache_hit_pct", Math.round(t.cacheHitPercent() * 10) / 10.0);
        }
        n.put("failed_open", t.failedOpen);
        if (t.priced) {
            n.put("money_saved_usd", Math.round(t.moneySaved * 1e6) / 1e6);
            n.put("money_basis", t.listPriceOnly ? "list price (some requests had no provider usage)"
                    : "net of prompt-cache pricing");
        } else if (t.moneySaved > 0) {
            n.put("money_saved_usd", Math.round(t.moneySaved * 1e6) / 1e6);
            n.put("money_basis", "priced models only");
            t.unpriced.forEach(n.putArray("money_unavailable_for")::add);
        } else {
            n.put("money_saved_usd", "unavailable");
            t.unpriced.forEach(n.putArray("money_unavailable_for")::add);
        }
    }

    String csv() {
        StringBuilder sb = new StringBuilder(
                "section,name,requests,tokens_before,tokens_after,tokens_saved,savings_pct,cache_hit_pct,money_saved_usd\n");
        csvRow(sb, "total", "all", total);
        byModel.forEach((name, t) -> csvRow(sb, "model", name, t));
        sorted(byTransform).forEach(e -> sb.append("transform,").append(csvText(e.getKey())).append(",,,,")
                .append(e.getValue()).append(",,,\n"));
        sorted(byTool).forEach(e -> sb.append("tool,").append(csvText(e.getKey())).append(",,,,")
                .append(e.getValue()).append(",,,\n"));
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, String section, String name, Totals t) {
        sb.append(section).append(',').append(csvText(name)).append(',').append(t.requests).append(',')
                .append(t.before).append(',').append(t.after).append(',').append(t.saved()).append(',')
                .append(String.format(Locale.ROOT, "%.1f", t.savedPercent())).append(',')
                .append(t.cacheHitPercent() < 0 ? "" : String.format(Locale.ROOT, "%.1f", t.cacheHitPercent()))
                .append(',').append(t.priced ? String.format(Locale.ROOT, "%.6f", t.moneySaved) : "unavailable")
                .append('\n');
    }

    static String csvText(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** Hourly tokens before and after, oldest first, for the HTML chart. */
    Map<Instant, long[]> hourly() {
        return new LinkedHashMap<>(byHour);
    }
}
