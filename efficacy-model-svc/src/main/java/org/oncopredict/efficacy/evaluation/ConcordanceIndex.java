package org.oncopredict.efficacy.evaluation;

import org.oncopredict.efficacy.training.SurvivalData;

import java.util.function.ToDoubleFunction;

/**
 * Harrell's C-index (Harrell, Califf, Pryor, Lee &amp; Rosati 1982; Harrell, Lee &amp; Mark 1996): the
 * probability that, of two comparable subjects, the one who fails first has the higher risk score.
 *
 * <p>Conventions, as in the reference figures of {@code shared/data/README.md}:
 * <ul>
 *   <li>a pair (i, j) is comparable when the earlier time is an event: T_i &lt; T_j with δ_i = 1, or
 *       T_i = T_j with δ_i = 1 and δ_j = 0 (a subject censored at an event time was still at risk then,
 *       as in the Kaplan–Meier estimator);</li>
 *   <li>pairs tied on an event time (T_i = T_j, both events) and pairs whose earlier time is censored are
 *       not comparable;</li>
 *   <li>a comparable pair with equal risk scores counts ½.</li>
 * </ul>
 * Higher risk scores mean shorter expected survival (e.g. a model's linear predictor β·x). The count is
 * exact and takes O(n²) time, which is fine for evaluation sets up to tens of thousands of subjects.
 */
public final class ConcordanceIndex {

    private ConcordanceIndex() {
    }

    /**
     * @param times  follow-up times
     * @param events event flags (false: censored)
     * @param risks  risk scores, higher meaning earlier failure
     * @throws IllegalArgumentException when lengths differ or no pair is comparable
     */
    public static Concordance harrell(double[] times, boolean[] events, double[] risks) {
        int n = times.length;
        if (events.length != n || risks.length != n) {
            throw new IllegalArgumentException("times (" + n + "), events (" + events.length + ") and risks ("
                    + risks.length + ") differ in length");
        }
        long concordant = 0;
        long discordant = 0;
        long ties = 0;
        for (int i = 0; i < n; i++) {
            if (!events[i]) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                boolean comparable = times[i] < times[j] || (times[i] == times[j] && !events[j]);
                if (i == j || !comparable) {
                    continue;
                }
                if (risks[i] > risks[j]) {
                    concordant++;
                } else if (risks[i] < risks[j]) {
                    discordant++;
                } else {
                    ties++;
                }
            }
        }
        long comparable = concordant + discordant + ties;
        if (comparable == 0) {
            throw new IllegalArgumentException("no comparable pairs: the C-index needs an event followed by a"
                    + " longer time");
        }
        return new Concordance((concordant + 0.5 * ties) / comparable, concordant, discordant, ties, comparable);
    }

    /** The C-index of {@code riskScore} applied to each subject's features. */
    public static Concordance harrell(SurvivalData data, ToDoubleFunction<double[]> riskScore) {
        double[] risks = new double[data.size()];
        for (int i = 0; i < risks.length; i++) {
            risks[i] = riskScore.applyAsDouble(data.features(i));
        }
        return harrell(data.times(), data.events(), risks);
    }
}
