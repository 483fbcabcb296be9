package io.headroom4j.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The savings report as one self-contained HTML page: summary figures, bar charts of tokens saved by model,
 * transform and tool, and tokens before and after per hour, all inline SVG with no external assets or
 * scripts, so the page can be mailed or archived as it is.
 */
final class PerfHtml {

    private PerfHtml() {
    }

    static String render(PerfReport r) {
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Headroom savings report</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:2em;color:#222;max-width:960px}")
                .append("h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}")
                .append(".cards{display:flex;gap:1em;flex-wrap:wrap}")
                .append(".card{border:1px solid #ddd;border-radius:6px;padding:.8em 1.2em;min-width:9em}")
                .append(".card b{display:block;font-size:1.4em}")
                .append("table{border-collapse:collapse}td,th{padding:.25em .7em;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}tr:nth-child(even){background:#f6f6f6}")
                .append("</style></head><body>\n");
        sb.append("<h1>Headroom savings report</h1>\n<p>Since ").append(esc(r.since.toString()));
        if (r.oldest != null) {
            sb.append("; data from ").append(esc(r.oldest.toString())).append(" to ").append(esc(r.newest.toString()));
        }
        sb.append(".</p>\n");
        PerfReport.Totals t = r.total;
        sb.append("<div class=\"cards\">");
        card(sb, "Requests", PerfReport.number(t.requests));
        card(sb, "Tokens before", PerfReport.number(t.before));
        card(sb, "Tokens after", PerfReport.number(t.after));
        card(sb, "Saved", PerfReport.number(t.saved()) + " (" + PerfReport.percent(t.savedPercent()) + ")");
        card(sb, "Cache hit", t.cacheHitPercent() < 0 ? "unavailable" : PerfReport.percent(t.cacheHitPercent()));
        card(sb, "Money saved", PerfReport.money(t));
        sb.append("</div>\n");

        sb.append("<h2>By model</h2>\n<table><tr><th>Model</th><th>Requests</th><th>Before</th><th>After</th>")
                .append("<th>Saved</th><th>%</th><th>Cache hit</th><th>Money saved</th></tr>\n");
        for (Map.Entry<String, PerfReport.Totals> e : r.byModel.entrySet()) {
            PerfReport.Totals m = e.getValue();
            sb.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(PerfReport.number(m.requests))
                    .append("</td><td>").append(PerfReport.number(m.before)).append("</td><td>")
                    .append(PerfReport.number(m.after)).append("</td><td>").append(PerfReport.number(m.saved()))
                    .append("</td><td>").append(PerfReport.percent(m.savedPercent())).append("</td><td>")
                    .append(m.cacheHitPercent() < 0 ? "-" : PerfReport.percent(m.cacheHitPercent()))
                    .append("</td><td>").append(esc(PerfReport.money(m))).append("</td></tr>\n");
        }
        sb.append("</table>\n");
        Map<String, Long> savedByModel = new java.util.TreeMap<>();
        r.byModel.forEach((k, v) -> savedByModel.put(k, v.saved()));
        bars(sb, "Tokens saved by model", savedByModel);
        bars(sb, "Tokens saved by transform", r.byTransform);
        bars(sb, "Tokens saved by tool", r.byTool);
        timeline(sb, r.hourly());
        sb.append("<p><small>Prices: ").append(esc(r.priceSource))
                .append(". Money saved is net of prompt-cache pricing; models without a price show as unavailable.")
                .append("</small></p>\n</body></html>\n");
        return sb.toString();
    }

    private static void card(StringBuilder sb, String label, String value) {
        sb.append("<div class=\"card\">").append(esc(label)).append("<b>").append(esc(value)).append("</b></div>");
    }

    /** A horizontal bar chart, largest first. */
    static void bars(StringBuilder sb, String title, Map<String, Long> values) {
        sb.append("<h2>").append(esc(title)).append("</h2>\n");
        List<Map.Entry<String, Long>> rows = PerfReport.sorted(values);
        if (rows.isEmpty()) {
            sb.append("<p>Nothing saved.</p>\n");
            return;
        }
        long max = Math.max(1, rows.get(0).getValue());
        int rowH = 22;
        int labelW = 220;
        int barW = 560;
        int h = rows.size() * rowH + 4;
        sb.append("<svg role=\"img\" width=\"").append(labelW + barW + 120)
                .append("\" height=\"").append(h).append("\" aria-label=\"").append(esc(title)).append("\">\n");
        for (int i = 0; i < rows.size(); i++) {
            Map.Entry<String, Long> e = rows.get(i);
            int y = i * rowH + 2;
            int w = (int) Math.max(1, Math.round((double) e.getValue() / max * barW));
            sb.append("<text x=\"").append(labelW - 6).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\" font-size=\"12\">").append(esc(clip(e.getKey()))).append("</text>")
                    .append("<rect x=\"").append(labelW).append("\" y=\"").append(y).append("\" width=\"").append(w)
                    .append("\" height=\"").append(rowH - 6).append("\" fill=\"#3b82f6\"/>")
                    .append("<text x=\"").append(labelW + w + 6).append("\" y=\"").append(y + 15)
                    .append("\" font-size=\"12\">").append(PerfReport.number(e.getValue())).append("</text>\n");
        }
        sb.append("</svg>\n");
    }

    /** Tokens before (grey) and after (blue) per hour, as paired columns. */
    static void timeline(StringBuilder sb, Map<Instant, long[]> hourly) {
        sb.append("<h2>Tokens per hour: before (grey) and after (blue)</h2>\n");
        if (hourly.isEmpty()) {
            sb.append("<p>No data.</p>\n");
            return;
        }
        long max = 1;
        for (long[] v : hourly.values()) {
            max = Math.max(max, v[0]);
        }
        int n = hourly.size();
        int plotH = 180;
        int colW = Math.max(4, Math.min(40, 840 / n));
        int w = n * colW + 60;
        sb.append("<svg role=\"img\" width=\"").append(w).append("\" height=\"")
                .append(plotH + 40).append("\" aria-label=\"tokens per hour\">\n");
        sb.append("<text x=\"0\" y=\"12\" font-size=\"11\">").append(PerfReport.number(max)).append("</text>\n");
        int i = 0;
        Instant first = null;
        Instant last = null;
        for (Map.Entry<Instant, long[]> e : hourly.entrySet()) {
            first = first == null ? e.getKey() : first;
            last = e.getKey();
            int x = 50 + i * colW;
            int hb = (int) Math.round((double) e.getValue()[0] / max * plotH);
            int ha = (int) Math.round((double) e.getValue()[1] / max * plotH);
            int half = Math.max(1, colW / 2 - 1);
            sb.append("<rect x=\"").append(x).append("\" y=\"").append(20 + plotH - hb).append("\" width=\"")
                    .append(half).append("\" height=\"").append(hb).append("\" fill=\"#bbb\"><title>")
                    .append(esc(e.getKey().toString())).append(": ").append(e.getValue()[0]).append(" before</title></rect>")
                    .append("<rect x=\"").append(x + half).append("\" y=\"").append(20 + plotH - ha)
                    .append("\" width=\"").append(half).append("\" height=\"").append(ha)
                    .append("\" fill=\"#3b82f6\"><title>").append(esc(e.getKey().toString())).append(": ")
                    .append(e.getValue()[1]).append(" after</title></rect>\n");
            i++;
        }
        sb.append("<text x=\"50\" y=\"").append(plotH + 36).append("\" font-size=\"11\">").append(esc(first.toString()))
                .append("</text><text x=\"").append(w - 4).append("\" y=\"").append(plotH + 36)
                .append("\" font-size=\"11\" text-anchor=\"end\">").append(esc(last.toString())).append("</text>\n");
        sb.append("</svg>\n");
    }

    private static String clip(String s) {
        return s.length() <= 32 ? s : s.substring(0, 31) + "\u2026";
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
