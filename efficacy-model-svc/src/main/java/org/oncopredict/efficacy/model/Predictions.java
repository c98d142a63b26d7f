package org.oncopredict.efficacy.model;

import java.util.Arrays;
import java.util.OptionalDouble;

import org.oncopredict.efficacy.training.Interval;

/** Small helpers shared by the outcome models. */
final class Predictions {

    private Predictions() {
    }

    /**
     * A percentile of values where NaN means "not reached" (larger than any number); empty when the
     * percentile falls on such a value.
     */
    static OptionalDouble percentileNotReached(double[] values, double p) {
        double[] sorted = Arrays.stream(values).map(v -> Double.isNaN(v) ? Double.POSITIVE_INFINITY : v).sorted().toArray();
        double value = Interval.quantile(sorted, p);
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /** Median of a monthly curve (S at the end of months 1…n), log-linear within a month; NaN if not reached. */
    static double median(double[] monthly) {
        double before = 1;
        for (int k = 0; k < monthly.length; k++) {
            if (monthly[k] <= 0.5) {
                double h = 1 - monthly[k] / before;
                double fraction = h >= 1 ? 0 : Math.log(0.5 / before) / Math.log(1 - h);
                return k + fraction;
            }
            before = monthly[k];
        }
        return Double.NaN;
    }
}
