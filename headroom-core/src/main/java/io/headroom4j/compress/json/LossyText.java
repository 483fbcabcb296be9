package io.headroom4j.compress.json;

import io.headroom4j.compress.Markers;

/** The wording of the lossy path's omission markers and notes. */
final class LossyText {

    private LossyText() {
    }

    /**
     * {@code [kept 15 of 1,000 items (first 3, last 2, 3 errors, 7 samples); items 4-119, 121-997 (1-based)
     * omitted; retrieve: <key>]}: which items remain, why, and exactly which positions are gone.
     */
    static String marker(ItemSelector.Selection sel, String units, String key) {
        return Markers.omitted(summary(sel, units) + "; " + units + " " + droppedRanges(sel) + " (1-based)", key);
    }

    /** {@code kept 15 of 1,000 items (first 3, last 2, 3 errors, 7 samples)}. */
    static String summary(ItemSelector.Selection sel, String units) {
        StringBuilder sb = new StringBuilder(96);
        sb.append("kept ").append(Markers.count(sel.kept().length)).append(" of ")
                .append(Markers.count(sel.total())).append(' ').append(units).append(" (");
        int start = sb.length();
        append(sb, start, sel.count(ItemSelector.Reason.FIRST), "first ", null);
        append(sb, start, sel.count(ItemSelector.Reason.LAST), "last ", null);
        append(sb, start, sel.count(ItemSelector.Reason.ERROR), "", " error");
        append(sb, start, sel.count(ItemSelector.Reason.OUTLIER), "", " outlier");
        append(sb, start, sel.count(ItemSelector.Reason.CHANGE), "", " at change points");
        append(sb, start, sel.count(ItemSelector.Reason.QUERY), "", " matching the query");
        append(sb, start, sel.count(ItemSelector.Reason.SAMPLE), "", " sample");
        return sb.append(')').toString();
    }

    private static void append(StringBuilder sb, int start, int n, String prefix, String noun) {
        if (n == 0) {
            return;
        }
        if (sb.length() > start) {
            sb.append(", ");
        }
        sb.append(prefix).append(Markers.count(n));
        if (noun != null) {
            sb.append(noun);
            if (n != 1 && (noun.equals(" error") || noun.equals(" outlier") || noun.equals(" sample"))) {
                sb.append('s');
            }
        }
    }

    /** The omitted positions as 1-based ranges: {@code 4-119, 121-997}. */
    static String droppedRanges(ItemSelector.Selection sel) {
        StringBuilder sb = new StringBuilder(64);
        int[] kept = sel.kept();
        int next = 0;   // 0-based index of the first position not yet accounted for
        for (int k = 0; k <= kept.length; k++) {
            int until = k < kept.length ? kept[k] : sel.total();
            if (until > next) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(Markers.range(next + 1, until));
            }
            next = until + 1;
        }
        return sb.toString();
    }
}
