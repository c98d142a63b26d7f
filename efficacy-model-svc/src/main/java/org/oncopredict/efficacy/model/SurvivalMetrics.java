package org.oncopredict.efficacy.model;

import org.oncopredict.efficacy.training.Interval;

/**
 * Held-out quality of a survival model.
 *
 * @param n              held-out lines
 * @param events         of which with an observed event
 * @param cIndex         Harrell's C of the predicted 12-month event probability, with its 95% bootstrap interval
 *                       (above 2,000 lines an m-out-of-n bootstrap rescaled by √(m/n))
 * @param observed12     events observed within 12 months
 * @param expected12     events the model expects within 12 months (Σ of the monthly hazards over the months at risk, up to 12);
 *                       observed / expected near 1 means calibrated in the large
 */
public record SurvivalMetrics(int n, int events, Interval cIndex, int observed12, double expected12) {
}
