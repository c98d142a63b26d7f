package org.oncopredict.efficacy.training;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oncopredict.efficacy.evaluation.ConcordanceIndex;
import org.oncopredict.efficacy.evaluation.CrossValidatedConcordance;
import org.oncopredict.efficacy.evaluation.CrossValidation;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The German Breast Cancer Study Group trial (GBSG2) through the trial-import path, against the Cox
 * reference figures of shared/data/README.md.
 */
class GbsgTrialTest extends QuietTribuo {

    private static final DiscreteTimeSurvivalTrainer TRAINER = new DiscreteTimeSurvivalTrainer();

    private static TrialTable table;
    private static SurvivalEnsemble ensemble;

    @BeforeAll
    static void fit() {
        table = TrialData.gbsg();
        ensemble = TRAINER.trainEnsemble(table.survivalData(), 50);
    }

    @Test
    void adjustedHormonalTherapyHazardRatioLiesInTheCoxConfidenceInterval() {
        HazardRatio hormon = ensemble.hazardRatio(table.treatmentTerm(), 0.95);
        System.out.println("GBSG adjusted: " + hormon);
        // Reference: Cox HR 0.7073, 95% CI 0.549–0.911.
        assertThat(hormon.ratio()).isBetween(0.549, 0.911);
        assertThat(hormon.contains(0.7073)).as(hormon.toString()).isTrue();
        assertThat(hormon.contains(1)).as("hormonal therapy's benefit is significant").isFalse();
    }

    @Test
    void strongPrognosticFactorsAgreeWithTheCoxModel() {
        DiscreteTimeSurvivalModel model = ensemble.model();
        // Cox coefficients per node and per fmol/l of progesterone receptor (both p < 0.001).
        assertThat(model.coefficient("nodes")).isCloseTo(0.04879, within(0.1 * 0.04879));
        assertThat(model.coefficient("pgr")).isCloseTo(-0.00222, within(0.1 * 0.00222));
        assertThat(ensemble.hazardRatio("grade=2", 0.95).lower()).isGreaterThan(1);
        assertThat(ensemble.hazardRatio("grade=3", 0.95).lower()).isGreaterThan(1);
    }

    @Test
    void apparentConcordanceMatchesTheCoxModel() {
        double apparent = ConcordanceIndex.harrell(table.survivalData(), ensemble.model()::linearPredictor).index();
        System.out.printf("GBSG apparent C-index %.4f%n", apparent);
        assertThat(apparent).isCloseTo(0.692, within(0.01));
    }

    @Test
    void unadjustedHormonalTherapyHazardRatioLiesInTheCoxConfidenceInterval() {
        TrialTable unadjusted = TrialData.read("gbsg.csv", TrialData.gbsgMapping().withCovariates(List.of()));
        DiscreteTimeSurvivalModel model = TRAINER.train(unadjusted.survivalData());
        System.out.printf("GBSG unadjusted: hormon HR %.4f%n", model.hazardRatio("hormon"));
        // Reference: Cox HR 0.6949, 95% CI 0.544–0.888.
        assertThat(model.hazardRatio("hormon")).isBetween(0.544, 0.888).isCloseTo(0.6949, within(0.03));
    }

    @Test
    void fiveFoldCrossValidatedConcordanceIsAtLeast064() {
        CrossValidatedConcordance cv = CrossValidation.concordance(table.survivalData(), 5, 20240611L,
                training -> TRAINER.train(training)::linearPredictor);
        System.out.printf("GBSG 5-fold CV C-index %.4f (SD %.4f)%n", cv.mean(), cv.standardDeviation());
        assertThat(cv.mean()).isGreaterThanOrEqualTo(0.64);
    }
}
