package org.oncopredict.cohortsim.truth;

import java.util.Objects;

import org.oncopredict.cohortsim.Regimen;

/**
 * The true outcome distribution of one regimen for one covariate snapshot, as defined by
 * {@link GroundTruthModel}: what a perfect model would predict.
 *
 * @param regimen                    the regimen
 * @param responseProbability        P(best overall response CR or PR)
 * @param progressionFreeSurvival    PFS distribution in months (event: progression or death)
 * @param overallSurvival            OS distribution in months, assuming no later line of therapy
 * @param severeToxicityProbability  P(worst CTCAE grade ≥ 3 during the line)
 */
public record TrueOutcome(
        Regimen regimen,
        double responseProbability,
        Weibull progressionFreeSurvival,
        OverallSurvival overallSurvival,
        double severeToxicityProbability) {

    public TrueOutcome {
        Objects.requireNonNull(regimen, "regimen");
        Objects.requireNonNull(progressionFreeSurvival, "progressionFreeSurvival");
        Objects.requireNonNull(overallSurvival, "overallSurvival");
    }

    public double medianPfsMonths() {
        return progressionFreeSurvival.median();
    }

    /** P(progression-free at {@code months}). */
    public double pfsSurvival(double months) {
        return progressionFreeSurvival.survival(months);
    }
}
