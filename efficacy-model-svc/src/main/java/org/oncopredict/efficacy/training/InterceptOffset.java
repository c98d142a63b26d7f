package org.oncopredict.efficacy.training;

/**
 * The exact intercept of a logistic model given its other coefficients: the offset δ that solves the
 * intercept's score equation Σ w (y − σ(η + δ)) = 0, by Newton's method. Averaged SGD leaves intercepts
 * slightly biased when events are rare; with this offset predicted and observed event counts agree on the
 * fitting rows. Shared by the survival bands and the binary outcome models.
 */
public final class InterceptOffset {

    private static final int MAX_ITERATIONS = 50;
    /** Capped steps keep Newton safe should SGD have left an intercept far off. */
    private static final double MAX_STEP = 2;
    private static final double TOLERANCE = 1e-12;

    private InterceptOffset() {
    }

    /**
     * @param logits   the model's linear predictors η of the rows
     * @param weights  row weights, or null for 1 each
     * @param outcomes the rows' events
     */
    public static double solve(double[] logits, double[] weights, boolean[] outcomes) {
        double delta = 0;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double score = 0;
            double information = 0;
            for (int i = 0; i < logits.length; i++) {
                double w = weights == null ? 1 : weights[i];
                double p = 1 / (1 + Math.exp(-(logits[i] + delta)));
                score += w * ((outcomes[i] ? 1 : 0) - p);
                information += w * p * (1 - p);
            }
            double step = Math.max(-MAX_STEP, Math.min(MAX_STEP, score / information));
            delta += step;
            if (Math.abs(step) < TOLERANCE) {
                break;
            }
        }
        return delta;
    }
}
