package org.oncopredict.efficacy.model;

import java.util.OptionalDouble;

import org.oncopredict.efficacy.training.Interval;

/**
 * A predicted survival curve with bootstrap bands.
 *
 * @param monthly       S(t) at the end of months 1 … n with its band
 * @param median        median months with its band; empty when S stays above 1/2 over the curve
 * @param medianLower   lower bound of the median (empty: the band's upper curve never reaches 1/2 …)
 * @param medianUpper   upper bound of the median; empty when not reached in more than the tail of replicates
 * @param horizonMonths follow-up covered by the training data; values beyond it are extrapolated
 */
public record SurvivalPrediction(MonthlyBands monthly, OptionalDouble median, OptionalDouble medianLower,
                                 OptionalDouble medianUpper, double horizonMonths) {

    /** S at a whole month (1-based), with its band. */
    public Interval at(int month) {
        if (month < 1 || month > monthly.size()) {
            throw new IllegalArgumentException("month must be in [1, " + monthly.size() + "], got " + month);
        }
        return monthly.get(month - 1);
    }

    /** Restricted mean survival time up to {@code months}: the area under the point curve. */
    public double restrictedMean(int months) {
        double area = 0;
        double previous = 1;
        for (int m = 1; m <= Math.min(months, monthly.size()); m++) {
            double s = monthly.estimate(m - 1);
            area += (previous + s) / 2;
            previous = s;
        }
        return area;
    }
}
