package org.oncopredict.efficacy.training;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.truth.Weibull;
import org.tribuo.classification.Label;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DiscreteTimeSurvivalModelTest extends QuietTribuo {

    private static final double[] CONTROL = {0};
    private static final double[] TREATED = {1};

    private static SurvivalData data;
    private static DiscreteTimeSurvivalModel model;

    @BeforeAll
    static void fit() {
        data = SimulatedTrials.trial(1000, Weibull.withMedian(8, 1.2), 0.7, true, 3);
        model = new DiscreteTimeSurvivalTrainer().train(data);
    }

    @Test
    void serializationRoundTripGivesIdenticalPredictions() {
        byte[] bytes = model.serialize();
        DiscreteTimeSurvivalModel copy = DiscreteTimeSurvivalModel.deserialize(bytes);

        for (double[] x : List.of(CONTROL, TREATED)) {
            assertThat(copy.survivalCurve(x)).containsExactly(model.survivalCurve(x));
            assertThat(copy.median(x)).isEqualTo(model.median(x));
            assertThat(copy.survival(x, 7.3)).isEqualTo(model.survival(x, 7.3));
        }
        assertThat(copy.coefficient("treatment")).isEqualTo(model.coefficient("treatment"));
        assertThat(copy.bands()).isEqualTo(model.bands());
        assertThat(copy.horizonMonths()).isEqualTo(model.horizonMonths());
        assertThat(copy.summary()).isEqualTo(model.summary());
        assertThat(copy.provenance()).isEqualTo(model.provenance());
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"format\":1,");
    }

    @Test
    void rejectsBytesThatAreNotASerialisedModel() {
        assertThatThrownBy(() -> DiscreteTimeSurvivalModel.deserialize("hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a serialised discrete-time survival model");
    }

    @Test
    void hazardsAreTheTribuoScoresPlusTheBandOffsets() {
        for (double[] x : List.of(CONTROL, TREATED)) {
            for (int interval : new int[] {0, 5, model.horizonInterval()}) {
                double p = model.tribuoModel().predict(model.example(x, interval)).getOutputScores()
                        .get(DiscreteTimeSurvivalModel.EVENT.getLabel()).getScore();
                double offset = model.bandOffsets()[model.bands().bandOf(interval)];
                assertThat(logit(p) + offset).isCloseTo(logit(model.hazard(x, interval)), within(1e-9));
            }
        }
    }

    @Test
    void keepsTribuoProvenanceOfDataTrainerAndExpansion() {
        String provenance = model.provenance().toString();
        assertThat(model.provenance().getClassName()).isEqualTo(model.tribuoModel().getClass().getName());
        assertThat(model.provenance().getDatasetProvenance().getSourceProvenance().toString())
                .contains("person-period expansion of simulated Weibull trial (seed 3)");
        assertThat(provenance).contains("LinearSGDTrainer", "ParameterAveraging", "AdaGrad", "LogMulticlass",
                "intervalMonths", "baselineBandStarts", model.bands().starts().toString());
    }

    @Test
    void survivalCurveIsConsistent() {
        double[] curve = model.survivalCurve(CONTROL);
        assertThat(model.survival(CONTROL, 0)).isEqualTo(1);
        assertThat(model.survival(CONTROL, 3)).isCloseTo(curve[2], within(1e-15));
        for (int k = 1; k < curve.length; k++) {
            assertThat(curve[k]).isLessThanOrEqualTo(curve[k - 1]);
        }
        assertThat(model.survival(CONTROL, model.median(CONTROL))).isCloseTo(0.5, within(1e-12));
        // Treatment lowers the hazard, so the treated curve lies above.
        assertThat(model.median(TREATED)).isGreaterThan(model.median(CONTROL));
        assertThat(model.hazardRatio("treatment")).isLessThan(1);
    }

    @Test
    void refusesToExtrapolateBeyondTheTrainingFollowUp() {
        assertThat(model.horizonMonths()).isGreaterThan(40).isLessThanOrEqualTo(49);
        assertThatThrownBy(() -> model.survival(CONTROL, model.horizonMonths() + 0.5))
                .hasMessageContaining("(the training follow-up)");
        assertThat(model.survival(CONTROL, model.horizonMonths())).isPositive();
    }

    @Test
    void medianIsNaNWhenSurvivalStaysAboveOneHalf() {
        SurvivalData fewEvents = SimulatedTrials.trial(500, Weibull.withMedian(200, 1), 1, false, 8);
        assertThat(new DiscreteTimeSurvivalTrainer().train(fewEvents).median(new double[0])).isNaN();
    }

    @Test
    void summaryDescribesTheFit() {
        TrainingSummary summary = model.summary();
        assertThat(summary.subjects()).isEqualTo(1000);
        assertThat(summary.events()).isEqualTo(data.eventCount());
        assertThat(summary.personPeriods()).isEqualTo(PersonPeriodExpansion.MONTHLY.expand(data).size());
        // One covariate (the arm) and its band: at most 2 × bands × 2 outcomes distinct rows.
        assertThat(summary.trainingRows()).isLessThanOrEqualTo(4 * model.bands().count());
        assertThat(summary.maxAbsCovariateScore()).isLessThan(1e-3);
    }

    @Test
    void sameSeedGivesTheSameModel() {
        DiscreteTimeSurvivalModel again = new DiscreteTimeSurvivalTrainer().train(data);
        assertThat(again.coefficient("treatment")).isEqualTo(model.coefficient("treatment"));
        assertThat(again.survivalCurve(CONTROL)).containsExactly(model.survivalCurve(CONTROL));
    }

    @Test
    void bootstrapDoesNotDependOnThreadScheduling() {
        DiscreteTimeSurvivalTrainer trainer = new DiscreteTimeSurvivalTrainer();
        HazardRatio first = trainer.trainEnsemble(data, 6).hazardRatio("treatment", 0.9);
        HazardRatio second = trainer.trainEnsemble(data, 6).hazardRatio("treatment", 0.9);
        assertThat(second).isEqualTo(first);
        assertThat(first.lower()).isLessThan(first.ratio());
        assertThat(first.upper()).isGreaterThan(first.ratio());
    }

    @Test
    void rejectsUnknownTermsAndConstantFeatures() {
        assertThatThrownBy(() -> model.coefficient("age")).hasMessage("no covariate 'age'; the model has [treatment]");
        assertThatThrownBy(() -> model.survivalCurve(new double[] {1, 2})).hasMessageContaining("expected 1 covariates");
        SurvivalData constant = SurvivalData.of("constant", List.of("x"), new double[] {1, 2, 3},
                new boolean[] {true, false, true}, new double[][] {{4}, {4}, {4}});
        assertThatThrownBy(() -> new DiscreteTimeSurvivalTrainer().train(constant))
                .hasMessageContaining("feature 'x' is constant in constant");
    }

    @Test
    void labelsAreEventAndNoEvent() {
        assertThat(model.tribuoModel().getOutputIDInfo().getDomain())
                .containsExactlyInAnyOrder(new Label("event"), new Label("no-event"));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
