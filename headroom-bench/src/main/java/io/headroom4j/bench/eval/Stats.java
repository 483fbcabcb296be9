package io.headroom4j.bench.eval;

import java.util.Arrays;
import java.util.List;

/** Small numeric helpers for the report. */
final class Stats {

    private Stats() {
    }

    /** The {@code q}-quantile (0..1) of {@code values} by nearest rank; 0 for none. */
    static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int rank = (int) Math.ceil(q * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    static double median(List<Double> values) {
        return quantile(values, 0.5);
    }

    /** {@code part / whole} as a percentage, 0 when whole is 0. */
    static double pct(double part, double whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
