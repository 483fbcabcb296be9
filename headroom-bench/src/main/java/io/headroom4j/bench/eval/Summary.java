package io.headroom4j.bench.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Totals of one arm over a group of inputs (one type, or all). */
final class Summary {

    int files;
    long bytes;
    long before;
    long after;
    double seconds;
    Retention retention = Retention.empty();
    final List<Double> samples = new ArrayList<>();
    int unchanged;
    int exact;
    int equalValue;
    int mismatch;
    int noDecoder;
    int lossy;

    void add(Evaluation.FileResult r) {
        files++;
        bytes += r.file().bytes();
        before += r.before();
        after += r.after();
        seconds += r.medianSeconds();
        samples.addAll(r.seconds());
        retention = retention.plus(r.retention());
        switch (r.roundTrip()) {
            case UNCHANGED -> unchanged++;
            case EXACT -> exact++;
            case EQUAL_VALUE -> equalValue++;
            case MISMATCH -> mismatch++;
            case NO_DECODER -> noDecoder++;
            case LOSSY -> lossy++;
        }
    }

    /** Percentage of tokens saved. */
    double savedPct() {
        return Stats.pct(before - after, before);
    }

    /** Percentage of facts kept or recoverable. */
    double retainedPct() {
        return retention.total() == 0 ? 100.0 : Stats.pct(retention.kept() + retention.recoverable(),
                retention.total());
    }

    /** Megabytes (10^6 bytes) per second, from each input's median time. */
    double mbPerSecond() {
        return seconds == 0 ? 0 : bytes / 1e6 / seconds;
    }

    /** Summaries by arm, then by type ({@code "all"} for the total), in report order. */
    static Map<String, Map<String, Summary>> of(List<Evaluation.FileResult> results) {
        Map<String, Map<String, Summary>> m = new LinkedHashMap<>();
        for (String arm : Evaluation.ARMS) {
            Map<String, Summary> byType = new LinkedHashMap<>();
            for (String t : CorpusFile.TYPES) {
                byType.put(t, new Summary());
            }
            byType.put("all", new Summary());
            m.put(arm, byType);
        }
        for (Evaluation.FileResult r : results) {
            Map<String, Summary> byType = m.get(r.arm());
            byType.get(r.file().type()).add(r);
            byType.get("all").add(r);
        }
        return m;
    }
}
