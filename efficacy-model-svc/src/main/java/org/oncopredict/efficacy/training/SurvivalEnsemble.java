package org.oncopredict.efficacy.training;

import java.util.List;

/**
 * A discrete-time survival model fitted on all data together with its bootstrap replicates (Efron &amp;
 * Tibshirani 1993): point estimates come from {@code model}, percentile intervals from the replicates.
 *
 * @param model      the fit on all data
 * @param replicates fits on B resamples of the subjects, drawn with replacement
 */
public record SurvivalEnsemble(DiscreteTimeSurvivalModel model, List<DiscreteTimeSurvivalModel> replicates) {

    public SurvivalEnsemble {
        replicates = List.copyOf(replicates);
        if (replicates.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least 2 replicates, got " + replicates.size());
        }
    }

    /** The hazard ratio exp(β) of a term with its bootstrap percentile interval at {@code level}. */
    public HazardRatio hazardRatio(String term, double level) {
        double[] coefficients = replicates.stream().mapToDouble(replicate -> replicate.coefficient(term)).toArray();
        return new HazardRatio(term, Interval.percentile(model.coefficient(term), coefficients, level),
                replicates.size());
    }

    /**
     * S(t) for covariates x with its bootstrap percentile band at {@code level}.
     *
     * @throws IllegalArgumentException when t lies beyond a replicate's follow-up horizon
     */
    public Interval survival(double[] covariates, double months, double level) {
        double[] values = replicates.stream().mapToDouble(replicate -> replicate.survival(covariates, months)).toArray();
        return Interval.percentile(model.survival(covariates, months), values, level);
    }
}
