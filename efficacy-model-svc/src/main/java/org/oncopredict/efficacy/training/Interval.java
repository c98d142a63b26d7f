package org.oncopredict.efficacy.training;

import java.util.Arrays;

/**
 * A point estimate with an interval.
 *
 * @param estimate the point estimate
 * @param lower    lower bound
 * @param upper    upper bound
 * @param level    nominal coverage, e.g. 0.95
 */
public record Interval(double estimate, double lower, double upper, double level) {

    /**
     * The bootstrap percentile interval (Efron &amp; Tibshirani 1993, ch. 13): the (1 − level)/2 and
     * (1 + level)/2 quantiles of the replicate estimates, by linear interpolation between order
     * statistics (Hyndman &amp; Fan 1996, type 7).
     */
    public static Interval percentile(double estimate, double[] replicates, double level) {
        double[] sorted = replicates.clone();
        Arrays.sort(sorted);
        return ofSorted(estimate, sorted, level);
    }

    /** {@link #percentile} of replicate estimates already in ascending order. */
    public static Interval ofSorted(double estimate, double[] sorted, double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
        if (sorted.length < 2) {
            throw new IllegalArgumentException("a percentile interval needs at least 2 replicates");
        }
        return new Interval(estimate, quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2), level);
    }

    /**
     * This interval widened, if need be, to contain its estimate: a full-data fit can fall just outside its
     * bootstrap replicates' spread, and an interval that excludes its own estimate misleads.
     */
    public Interval includingEstimate() {
        return new Interval(estimate, Math.min(lower, estimate), Math.max(upper, estimate), level);
    }

    /** Whether {@code value} lies in [lower, upper]. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** The p-quantile of ascending {@code sorted} values, interpolating between order statistics (type 7). */
    public static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
