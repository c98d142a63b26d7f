package org.oncopredict.efficacy.model;

import java.util.Comparator;
import java.util.List;

/**
 * An exact additive explanation of a logistic prediction: {@code baselineLogit + Σ contributions = logit}
 * (the calibrated logit; within rounding, 1e-9). The baseline is the calibrated logit of the regimen for
 * the average training patient (standardised features 0); each feature contributes its coefficient
 * (main effect plus its interaction with the regimen) times its standardised value, scaled by the
 * calibration slope.
 *
 * @param contributions every feature with a non-zero contribution, largest |contribution| first
 */
public record Explanation(double baselineLogit, double logit, List<FeatureContribution> contributions) {

    public Explanation {
        contributions = contributions.stream()
                .sorted(Comparator.comparingDouble((FeatureContribution c) -> -Math.abs(c.contribution())))
                .toList();
    }

    public List<FeatureContribution> top(int k) {
        return contributions.subList(0, Math.min(k, contributions.size()));
    }

    /** Σ of the contributions beyond the top k, so that baseline + top + rest = logit. */
    public double rest(int k) {
        return contributions.stream().skip(k).mapToDouble(FeatureContribution::contribution).sum();
    }
}
