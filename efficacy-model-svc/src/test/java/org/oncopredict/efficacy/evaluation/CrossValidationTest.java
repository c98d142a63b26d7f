package org.oncopredict.efficacy.evaluation;

import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.truth.Weibull;
import org.oncopredict.efficacy.training.SimulatedTrials;
import org.oncopredict.efficacy.training.SurvivalData;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CrossValidationTest {

    @Test
    void foldsAreBalancedInSizeAndEvents() {
        boolean[] events = new boolean[103];
        for (int i = 0; i < events.length; i++) {
            events[i] = i % 3 == 0; // 35 events
        }
        int[] folds = CrossValidation.stratifiedFolds(events, 5, 1);
        for (int fold = 0; fold < 5; fold++) {
            int f = fold;
            long size = Arrays.stream(folds).filter(assigned -> assigned == f).count();
            long foldEvents = IntStream.range(0, events.length).filter(i -> folds[i] == f && events[i]).count();
            assertThat(size).isBetween(20L, 21L);
            assertThat(foldEvents).isEqualTo(7);
        }
    }

    @Test
    void foldsDependOnlyOnTheSeed() {
        boolean[] events = new boolean[50];
        Arrays.fill(events, 0, 20, true);
        assertThat(CrossValidation.stratifiedFolds(events, 4, 9)).isEqualTo(CrossValidation.stratifiedFolds(events, 4, 9));
        assertThat(CrossValidation.stratifiedFolds(events, 4, 9)).isNotEqualTo(CrossValidation.stratifiedFolds(events, 4, 10));
        assertThatThrownBy(() -> CrossValidation.stratifiedFolds(events, 1, 9)).hasMessageContaining("2 <= folds");
        assertThatThrownBy(() -> CrossValidation.stratifiedFolds(events, 51, 9)).hasMessageContaining("2 <= folds");
    }

    @Test
    void fitsOnTheOtherFoldsAndScoresTheHeldOutOne() {
        SurvivalData data = SimulatedTrials.trial(200, Weibull.withMedian(10, 1), 0.5, true, 4);
        Map<String, Integer> trainingSizes = new ConcurrentHashMap<>();
        CrossValidatedConcordance uninformative = CrossValidation.concordance(data, 4, 3, training -> {
            trainingSizes.put(training.description(), training.size());
            return x -> 0;
        });
        assertThat(trainingSizes.values()).containsOnly(150);
        assertThat(trainingSizes.keySet()).allMatch(description -> description.contains("training"));
        // Constant risk ties every pair: each fold's C is exactly 1/2.
        assertThat(uninformative.folds()).extracting(Concordance::index).containsOnly(0.5);
        assertThat(uninformative.standardDeviation()).isZero();

        // The true risk ordering (treated subjects have the lower hazard) is informative on every fold.
        CrossValidatedConcordance truth = CrossValidation.concordance(data, 4, 3, training -> x -> -x[0]);
        assertThat(truth.folds()).allMatch(fold -> fold.index() > 0.5);
    }

    @Test
    void meanAndStandardDeviationOfFolds() {
        CrossValidatedConcordance cv = new CrossValidatedConcordance(List.of(
                new Concordance(0.6, 0, 0, 0, 1), new Concordance(0.7, 0, 0, 0, 1), new Concordance(0.8, 0, 0, 0, 1)));
        assertThat(cv.mean()).isCloseTo(0.7, within(1e-12));
        assertThat(cv.standardDeviation()).isCloseTo(0.1, within(1e-12));
    }
}
