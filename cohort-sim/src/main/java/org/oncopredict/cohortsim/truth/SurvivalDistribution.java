package org.oncopredict.cohortsim.truth;

import java.util.Collection;

/**
 * A time-to-event distribution on months since a therapy line's start.
 *
 * <p>{@code survival(t) = P(T > t)}, {@code density(t) = -dS/dt} and {@code hazard(t) = f(t) / S(t)}.
 * Implementations are immutable and use {@link StrictMath} so that values are bit-identical on
 * every platform (the simulator's reproducibility depends on it).
 */
public interface SurvivalDistribution {

    /** P(T &gt; t), t in months; 1 at t = 0. */
    double survival(double months);

    /** Probability density of T at t (per month). */
    double density(double months);

    /** Instantaneous hazard f(t) / S(t) (per month); {@code +Infinity} where S(t) = 0. */
    default double hazard(double months) {
        double s = survival(months);
        return s > 0 ? density(months) / s : Double.POSITIVE_INFINITY;
    }

    /** The median: the t with S(t) = 1/2. */
    double median();

    /**
     * Restricted mean survival time up to {@code horizonMonths}: the area under S on [0, horizon],
     * i.e. the expected number of event-free months within the horizon (composite Simpson rule,
     * 400 intervals; S is smooth and bounded, so the error is far below clinical relevance).
     */
    default double restrictedMean(double horizonMonths) {
        if (!(horizonMonths > 0)) {
            throw new IllegalArgumentException("horizon must be positive: " + horizonMonths);
        }
        int intervals = 400;
        double step = horizonMonths / intervals;
        double sum = survival(0) + survival(horizonMonths);
        for (int i = 1; i < intervals; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * survival(i * step);
        }
        return sum * step / 3;
    }

    /**
     * The median of a population-average survival curve {@code S̄(t) = (1/n) Σ_i S_i(t)}, e.g. the true
     * marginal median PFS of a trial arm (which is not the mean of the individual medians); by
     * bisection to 1e-4 months.
     */
    static double mixtureMedian(Collection<? extends SurvivalDistribution> distributions) {
        if (distributions.isEmpty()) {
            throw new IllegalArgumentException("no distributions");
        }
        double high = 1;
        while (mean(distributions, high) > 0.5) {
            high *= 2;
        }
        double low = 0;
        while (high - low > 1e-4) {
            double mid = (low + high) / 2;
            if (mean(distributions, mid) > 0.5) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    private static double mean(Collection<? extends SurvivalDistribution> distributions, double months) {
        double sum = 0;
        for (SurvivalDistribution d : distributions) {
            sum += d.survival(months);
        }
        return sum / distributions.size();
    }
}
