package org.oncopredict.efficacy.training;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Veterans' Administration lung cancer trial through the same import path as GBSG2: a second table
 * shape (string-coded categorical covariate, treatment coded 1/2), against shared/data/README.md.
 */
class VeteranTrialTest extends QuietTribuo {

    private static TrialTable table;
    private static SurvivalEnsemble ensemble;

    @BeforeAll
    static void fit() {
        table = TrialData.veteran();
        ensemble = new DiscreteTimeSurvivalTrainer().trainEnsemble(table.survivalData(), 100);
    }

    @Test
    void showsNoDetectableTreatmentEffect() {
        HazardRatio treatment = ensemble.hazardRatio(table.treatmentTerm(), 0.95);
        System.out.println("veteran: " + treatment);
        // Reference: Cox HR 1.34, 95% CI 0.894–2.017.
        assertThat(treatment.contains(1)).as(treatment.toString()).isTrue();
    }

    @Test
    void karnofskyScoreIsStronglyProtective() {
        HazardRatio karno = ensemble.hazardRatio("karno", 0.95);
        System.out.printf("veteran: karno coefficient %.4f (95%% CI %.4f to %.4f)%n", karno.logHazardRatio().estimate(),
                karno.logHazardRatio().lower(), karno.logHazardRatio().upper());
        // Reference: Cox coefficient −0.0328 per point, 95% CI of the HR 0.957–0.978.
        assertThat(karno.logHazardRatio().estimate()).isNegative();
        assertThat(karno.logHazardRatio().upper()).isNegative();
    }

    /**
     * With monthly intervals the veteran hazards are large (median survival under 3 months), so the
     * logistic coefficient is a log odds ratio visibly larger than the Cox log hazard ratio; weekly
     * intervals make interval hazards small and bring it close to Cox, as the model's javadoc states.
     */
    @Test
    void shorterIntervalsBringTheCoefficientToTheCoxLogHazardRatio() {
        double cox = -0.03282;
        DiscreteTimeSurvivalConfig weekly = DiscreteTimeSurvivalConfig.DEFAULT.withIntervalMonths(
                FollowUpUnit.WEEKS.toMonths(1));
        double weeklyKarno = new DiscreteTimeSurvivalTrainer(weekly).train(table.survivalData()).coefficient("karno");
        double monthlyKarno = ensemble.model().coefficient("karno");
        System.out.printf("veteran: karno coefficient monthly %.4f, weekly %.4f, Cox %.4f%n", monthlyKarno,
                weeklyKarno, cox);
        assertThat(Math.abs(weeklyKarno - cox)).isLessThan(Math.abs(monthlyKarno - cox));
        assertThat(weeklyKarno).isCloseTo(cox, within(0.15 * Math.abs(cox)));
    }

    @Test
    void adenocarcinomaCarriesAWorsePrognosisThanSquamous() {
        HazardRatio adeno = ensemble.hazardRatio("celltype=adeno", 0.95);
        System.out.println("veteran: " + adeno);
        // Reference: Cox HR 3.31, 95% CI 1.834–5.965.
        assertThat(adeno.lower()).isGreaterThan(1);
    }
}
