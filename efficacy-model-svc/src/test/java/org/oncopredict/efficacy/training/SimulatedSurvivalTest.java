package org.oncopredict.efficacy.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.oncopredict.cohortsim.stats.KaplanMeier;
import org.oncopredict.cohortsim.truth.Weibull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The discrete-time model against data simulated from known hazards. */
class SimulatedSurvivalTest extends QuietTribuo {

    private static final double[] NO_COVARIATES = {};

    @ParameterizedTest(name = "shape {0}, median {1} months")
    @CsvSource({
            "1.0, 12",  // exponential: constant hazard
            "1.5, 9",   // rising hazard, as for chemotherapy
            "0.7, 10"   // falling hazard with a long tail, as for immunotherapy
    })
    void estimatesTheMedianWithinTenPercent(double shape, double median) {
        Weibull truth = Weibull.withMedian(median, shape);
        SurvivalData data = SimulatedTrials.trial(3000, truth, 1, false, 11);

        DiscreteTimeSurvivalModel model = new DiscreteTimeSurvivalTrainer().train(data);

        double estimate = model.median(NO_COVARIATES);
        System.out.printf("Weibull shape %.1f: median %.2f months (truth %.2f, Kaplan-Meier %.2f)%n", shape,
                estimate, truth.median(), new KaplanMeier(data.times(), data.events()).median());
        assertThat(estimate).isCloseTo(truth.median(), within(0.10 * truth.median()));
        for (double months : new double[] {6, 12, 24}) {
            assertThat(model.survival(NO_COVARIATES, months)).as("S(%s)", months)
                    .isCloseTo(truth.survival(months), within(0.03));
        }
    }

    @Test
    void recoversASimulatedHazardRatioWithinItsBootstrapInterval() {
        Weibull control = Weibull.withMedian(9, 1.3);
        SurvivalData data = SimulatedTrials.trial(3000, control, 0.6, true, 5);

        SurvivalEnsemble ensemble = new DiscreteTimeSurvivalTrainer().trainEnsemble(data, 50);

        HazardRatio hazardRatio = ensemble.hazardRatio("treatment", 0.95);
        System.out.println("simulated HR 0.6: " + hazardRatio);
        assertThat(hazardRatio.contains(0.6)).as(hazardRatio.toString()).isTrue();
        assertThat(hazardRatio.ratio()).isCloseTo(0.6, within(0.06));
        // The interval is informative: a trial of 3000 excludes no effect.
        assertThat(hazardRatio.contains(1)).isFalse();
        Interval controlAtOneYear = ensemble.survival(new double[] {0}, 12, 0.95);
        System.out.printf("control S(12) %.3f (95%% band %.3f–%.3f), truth %.3f%n", controlAtOneYear.estimate(),
                controlAtOneYear.lower(), controlAtOneYear.upper(), control.survival(12));
        assertThat(controlAtOneYear.contains(control.survival(12))).as(controlAtOneYear.toString()).isTrue();
    }
}
