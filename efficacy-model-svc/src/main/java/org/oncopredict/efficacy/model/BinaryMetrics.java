package org.oncopredict.efficacy.model;

import org.oncopredict.efficacy.training.Interval;

/**
 * Held-out quality of a binary outcome model.
 *
 * @param n                    held-out lines with a known outcome
 * @param events               of which positive
 * @param auroc                area under the ROC curve with its 95% bootstrap interval
 * @param brier                mean squared error of the probabilities
 * @param calibrationIntercept intercept of the logistic recalibration on the held-out lines (ideal 0)
 * @param calibrationSlope     slope of the logistic recalibration (ideal 1; &lt; 1 means overfitted)
 * @param meanPredicted        mean predicted probability
 * @param observedRate         observed event rate
 */
public record BinaryMetrics(int n, int events, Interval auroc, double brier, double calibrationIntercept,
                            double calibrationSlope, double meanPredicted, double observedRate) {
}
