package org.oncopredict.efficacy.model;

import java.util.List;

/**
 * One fitted model of a binary outcome over a {@link Design}'s columns: the full-data fit or a bootstrap
 * refit. The logit is uncalibrated (Platt calibration belongs to the {@link BinaryOutcomeModel}).
 */
sealed interface BinaryMember permits LogisticModel, XGBoostMember {

    BaseLearner kind();

    /** The uncalibrated logit of P(yes). */
    double logit(SparseRow row);

    /** The logits of many rows; tree members build one native matrix for all of them. */
    default double[] logits(List<SparseRow> rows) {
        double[] logits = new double[rows.size()];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = logit(rows.get(i));
        }
        return logits;
    }

    /** An additive decomposition of {@link #logit}: {@code intercept + Σ byColumn = logit} (up to the stated tolerance). */
    Attribution attribution(SparseRow row);

    /** Tribuo's protobuf serialisation of the underlying model. */
    byte[] tribuoBytes();

    /** Intercept correction added after fitting (logistic members; 0 for trees). */
    double interceptOffset();

    /**
     * @param intercept the part of the logit not attributed to a column (linear: the intercept; TreeSHAP: the
     *                  bias term, i.e. the expected margin over the training rows)
     * @param byColumn  each design column's share of the logit (0 for columns the row lacks, unless TreeSHAP
     *                  attributes a missing value)
     * @param method    "EXACT_LINEAR" or "TREE_SHAP"
     */
    record Attribution(double intercept, double[] byColumn, String method) {
    }
}
