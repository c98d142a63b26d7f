package org.oncopredict.efficacy.model;

import java.util.Comparator;
import java.util.List;

/**
 * An additive explanation of a binary prediction: {@code baselineLogit + Σ contributions = logit} (the
 * calibrated logit). {@code EXACT_LINEAR} (logistic members): within rounding, 1e-9. {@code TREE_SHAP}
 * (XGBoost members): TreeSHAP values of the yes-minus-no margin, exact up to XGBoost's float32 arithmetic
 * (measured ≤ 9e-7, tested to 2e-6; the baseline is the TreeSHAP bias — the expected margin over the training
 * rows — plus the regimen indicators' shares, times the Platt slope, plus the Platt intercept). For the linear
 * case the baseline is the calibrated logit of the regimen for
 * the average training patient (standardised features 0); each feature contributes its coefficient
 * (main effect plus its interaction with the regimen) times its standardised value, scaled by the
 * calibration slope.
 *
 * @param contributions every feature with a non-zero contribution, largest |contribution| first
 * @param method        how the contributions were computed: {@value #EXACT_LINEAR} or {@value #TREE_SHAP}
 */
public record Explanation(double baselineLogit, double logit, List<FeatureContribution> contributions, String method) {

    public static final String EXACT_LINEAR = "EXACT_LINEAR";
    public static final String TREE_SHAP = "TREE_SHAP";

    /** An exact linear explanation. */
    public Explanation(double baselineLogit, double logit, List<FeatureContribution> contributions) {
        this(baselineLogit, logit, contributions, EXACT_LINEAR);
    }

    public Explanation {
        if (method == null) {
            method = EXACT_LINEAR;
        }
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
