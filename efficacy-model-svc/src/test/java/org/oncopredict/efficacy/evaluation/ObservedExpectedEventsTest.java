package org.oncopredict.efficacy.evaluation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.truth.Weibull;
import org.oncopredict.efficacy.training.DiscreteTimeSurvivalModel;
import org.oncopredict.efficacy.training.DiscreteTimeSurvivalTrainer;
import org.oncopredict.efficacy.training.QuietTribuo;
import org.oncopredict.efficacy.training.SimulatedTrials;
import org.oncopredict.efficacy.training.SurvivalData;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservedExpectedEventsTest extends QuietTribuo {

    private static final Weibull CONTROL = Weibull.withMedian(9, 1.3);

    private static DiscreteTimeSurvivalModel model;

    @BeforeAll
    static void fit() {
        model = new DiscreteTimeSurvivalTrainer().train(SimulatedTrials.trial(2000, CONTROL, 0.6, true, 21));
    }

    @Test
    void calibratedOnIndependentDataFromTheSameTruth() {
        SurvivalData heldOut = SimulatedTrials.trial(2000, CONTROL, 0.6, true, 22);
        List<ObservedExpected> groups = ObservedExpectedEvents.byRiskGroup(model, heldOut, 2);
        System.out.println("same truth: " + groups);
        assertThat(groups).extracting(ObservedExpected::subjects).containsExactly(1000, 1000);
        assertThat(groups).allSatisfy(group -> assertThat(group.ratio()).isBetween(0.87, 1.15));
        int observed = groups.stream().mapToInt(ObservedExpected::observed).sum();
        assertThat(observed).isLessThanOrEqualTo(heldOut.eventCount()).isGreaterThan(heldOut.eventCount() * 99 / 100);
    }

    @Test
    void detectsAPopulationWithTwiceTheHazard() {
        SurvivalData sicker = SimulatedTrials.trial(2000, CONTROL.withLogHazardRatio(Math.log(2)), 0.6, true, 23);
        List<ObservedExpected> groups = ObservedExpectedEvents.byRiskGroup(model, sicker, 2);
        System.out.println("twice the hazard: " + groups);
        assertThat(groups).allSatisfy(group -> assertThat(group.ratio()).isGreaterThan(1.4));
    }

    @Test
    void rejectsMoreGroupsThanSubjects() {
        SurvivalData two = SimulatedTrials.trial(2, CONTROL, 1, true, 1);
        assertThatThrownBy(() -> ObservedExpectedEvents.byRiskGroup(model, two, 3)).hasMessageContaining("groups");
    }
}
