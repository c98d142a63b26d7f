package org.oncopredict.efficacy.model;

import java.util.Arrays;
import java.util.OptionalDouble;

import org.oncopredict.efficacy.training.Interval;

/** Small helpers shared by the outcome models. */
final class Predictions {

    private Predictions() {
    }

    /**
     * The percentile interval widened, if need be, to contain the point estimate: the full-data fit can
     * fall just outside its replicates' spread, and an interval that excludes its own estimate misleads.
     */
    static Interval including(Interval interval) {
        return new Interval(interval.estimate(), Math.min(interval.lower(), interval.estimate()),
                Math.max(interval.upper(), interval.estimate()), interval.level());
    }

    /**
     * A percentile of values where NaN means "not reached" (larger than any number); empty when the
     * percentile falls on such a value.
     */
    static OptionalDouble percentileNotReached(double[] values, double p) {
        double[] sorted = Arrays.stream(values).map(v -> Double.isNaN(v) ? Double.POSITIVE_INFINITY : v).sorted().toArray();
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double value = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
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
