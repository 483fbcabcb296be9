package io.headroom4j.bench.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** Draws the report's PNG charts with XChart. */
final class Charts {

    private static final Color[] PALETTE = {
        new Color(0x4C78A8), new Color(0x1F3A93), new Color(0xF58518), new Color(0x54A24B), new Color(0xB279A2),
        new Color(0x9D755D)};

    private Charts() {
    }

    /** Tokens saved (%) per type and arm. */
    static void savings(Map<String, Map<String, Summary>> sum, List<String> types, List<String> arms, Path file)
            throws IOException {
        CategoryChart c = bar("Tokens saved per content type (o200k_base)", "tokens saved (%)");
        for (String arm : arms) {
            List<Double> ys = new ArrayList<>();
            for (String t : types) {
                Summary s = sum.get(arm).get(t);
                ys.add(s.files == 0 ? 0.0 : s.savedPct());
            }
            if (sum.get(arm).get("all").files > 0) {
                c.addSeries(arm, types, ys).setFillColor(colorOf(arm));
            }
        }
        save(c, file);
    }

    /** Facts kept / recoverable / lost (%) per type for one arm, stacked. */
    static void retention(Map<String, Summary> byType, List<String> types, String arm, Path file) throws IOException {
        CategoryChart c = bar("Facts an agent needs, " + arm + " default mode", "facts (%)");
        c.getStyler().setStacked(true);
        c.getStyler().setYAxisMax(100.0);
        List<Double> kept = new ArrayList<>();
        List<Double> rec = new ArrayList<>();
        List<Double> enc = new ArrayList<>();
        List<Double> lost = new ArrayList<>();
        for (String t : types) {
            Retention r = byType.get(t).retention;
            kept.add(Stats.pct(r.kept(), r.total()));
            rec.add(Stats.pct(r.recoverable(), r.total()));
            enc.add(Stats.pct(r.encoded(), r.total()));
            lost.add(Stats.pct(r.lost(), r.total()));
        }
        c.addSeries("kept in output", types, kept).setFillColor(new Color(0x54A24B));
        c.addSeries("recoverable via retrieval key", types, rec).setFillColor(new Color(0x4C78A8));
        c.addSeries("encoded in lossless output", types, enc).setFillColor(new Color(0xEECA3B));
        c.addSeries("lost", types, lost).setFillColor(new Color(0xE45756));
        save(c, file);
    }

    /** Facts lost (%) per type, one bar per arm. */
    static void lost(Map<String, Map<String, Summary>> sum, List<String> types, List<String> arms, Path file)
            throws IOException {
        CategoryChart c = bar("Facts lost (neither in output nor retrievable)", "facts lost (%)");
        for (String arm : arms) {
            List<Double> ys = new ArrayList<>();
            for (String t : types) {
                Retention r = sum.get(arm).get(t).retention;
                ys.add(Stats.pct(r.lost(), r.total()));
            }
            if (sum.get(arm).get("all").files > 0) {
                c.addSeries(arm, types, ys).setFillColor(colorOf(arm));
            }
        }
        save(c, file);
    }

    /** Throughput (MB/s) per type and arm. */
    static void speed(Map<String, Map<String, Summary>> sum, List<String> types, List<String> arms, Path file)
            throws IOException {
        CategoryChart c = bar("Throughput per content type (higher is faster)", "MB/s");
        for (String arm : arms) {
            List<Double> ys = new ArrayList<>();
            for (String t : types) {
                Summary s = sum.get(arm).get(t);
                ys.add(s.mbPerSecond());
            }
            if (sum.get(arm).get("all").files > 0) {
                c.addSeries(arm, types, ys).setFillColor(colorOf(arm));
            }
        }
        save(c, file);
    }

    /** Cumulative input cost per turn of one conversation, one line per arm. */
    static void cache(String title, Map<String, List<PrefixCacheSimulator.Turn>> arms, Path file) throws IOException {
        XYChart c = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("turn")
                .yAxisTitle("cumulative input cost (USD)").build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setMarkerSize(4);
        int i = 0;
        for (Map.Entry<String, List<PrefixCacheSimulator.Turn>> e : arms.entrySet()) {
            List<Integer> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            double total = 0;
            for (PrefixCacheSimulator.Turn t : e.getValue()) {
                total += t.cost();
                xs.add(t.turn());
                ys.add(total);
            }
            XYSeries s = c.addSeries(e.getKey(), xs, ys);
            s.setLineColor(PALETTE[(i * 2) % PALETTE.length]);
            s.setMarkerColor(PALETTE[(i * 2) % PALETTE.length]);
            s.setLineStyle(new BasicStroke(2.5f));
            i++;
        }
        BitmapEncoder.saveBitmap(c, strip(file), BitmapEncoder.BitmapFormat.PNG);
    }

    /** One colour per arm in every chart, so a reader can follow an arm from chart to chart. */
    private static Color colorOf(String arm) {
        int i = Evaluation.ARMS.indexOf(arm);
        return PALETTE[Math.max(0, i) % PALETTE.length];
    }

    private static CategoryChart bar(String title, String yTitle) {
        CategoryChart c = new CategoryChartBuilder().width(1000).height(520).title(title).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setOverlapped(false);
        c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
        return c;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        if (s instanceof AxesChartStyler a) {
            a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        }
        s.setLegendBorderColor(Color.WHITE);
        s.setAntiAlias(true);
    }

    private static void save(CategoryChart c, Path file) throws IOException {
        BitmapEncoder.saveBitmap(c, strip(file), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String strip(Path file) {
        String s = file.toString();
        return s.endsWith(".png") ? s.substring(0, s.length() - 4) : s;
    }
}
