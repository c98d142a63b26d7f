package org.oncopredict.efficacy.evaluation;

import java.util.List;

/**
 * Cross-validated C-indices: one per fold, each computed on the fold's held-out subjects with a model
 * fitted on the other folds.
 *
 * @param folds per-fold concordance, in fold order
 */
public record CrossValidatedConcordance(List<Concordance> folds) {

    public CrossValidatedConcordance {
        folds = List.copyOf(folds);
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("no folds");
        }
    }

    /** Mean of the per-fold C-indices: the cross-validated estimate. */
    public double mean() {
        return folds.stream().mapToDouble(Concordance::index).average().orElseThrow();
    }

    /** Sample standard deviation of the per-fold C-indices (0 for a single fold). */
    public double standardDeviation() {
        if (folds.size() < 2) {
            return 0;
        }
        double mean = mean();
        double squares = folds.stream().mapToDouble(fold -> (fold.index() - mean) * (fold.index() - mean)).sum();
        return Math.sqrt(squares / (folds.size() - 1));
    }
}
