package org.oncopredict.efficacy.training;

/**
 * A hazard-ratio estimate for one model term with its bootstrap percentile interval, kept on the log
 * scale (where the estimator is approximately symmetric) and exponentiated on request.
 *
 * @param term           the feature name, e.g. the treatment column
 * @param logHazardRatio the coefficient and its interval
 * @param replicates     number of bootstrap replicates behind the interval
 */
public record HazardRatio(String term, Interval logHazardRatio, int replicates) {

    /** exp(coefficient). */
    public double ratio() {
        return Math.exp(logHazardRatio.estimate());
    }

    public double lower() {
        return Math.exp(logHazardRatio.lower());
    }

    public double upper() {
        return Math.exp(logHazardRatio.upper());
    }

    /** Whether the interval contains the hazard ratio {@code ratio} (e.g. 1: no detectable effect). */
    public boolean contains(double ratio) {
        return logHazardRatio.contains(Math.log(ratio));
    }

    @Override
    public String toString() {
        return String.format("%s HR %.3f (%.0f%% CI %.3f–%.3f, B = %d)", term, ratio(),
                100 * logHazardRatio.level(), lower(), upper(), replicates);
    }
}
