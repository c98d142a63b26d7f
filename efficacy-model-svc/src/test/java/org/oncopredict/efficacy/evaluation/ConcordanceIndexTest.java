package org.oncopredict.efficacy.evaluation;

import org.junit.jupiter.api.Test;
import org.oncopredict.efficacy.training.SurvivalData;
import org.oncopredict.efficacy.training.TrialData;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConcordanceIndexTest {

    private static final double[] TIMES = {1, 2, 3, 4};
    private static final boolean[] ALL_EVENTS = {true, true, true, true};

    @Test
    void perfectReversedAndUninformativeRankings() {
        assertThat(ConcordanceIndex.harrell(TIMES, ALL_EVENTS, new double[] {4, 3, 2, 1}))
                .isEqualTo(new Concordance(1, 6, 0, 0, 6));
        assertThat(ConcordanceIndex.harrell(TIMES, ALL_EVENTS, new double[] {1, 2, 3, 4}).index()).isZero();
        assertThat(ConcordanceIndex.harrell(TIMES, ALL_EVENTS, new double[] {7, 7, 7, 7}))
                .isEqualTo(new Concordance(0.5, 0, 0, 6, 6));
    }

    @Test
    void onlyPairsWhoseEarlierTimeIsAnEventAreComparable() {
        // Subject 0 is censored first, so it is comparable with nobody; subject 1 fails before 2 and 3 leave.
        Concordance c = ConcordanceIndex.harrell(TIMES, new boolean[] {false, true, false, true},
                new double[] {0, 5, 1, 2});
        assertThat(c.comparablePairs()).isEqualTo(2);
        assertThat(c.concordant()).isEqualTo(2);
    }

    @Test
    void tiedEventTimesAreExcludedButACensoringAtAnEventTimeCounts() {
        double[] times = {2, 2, 2, 5};
        boolean[] events = {true, true, false, true};
        // Pairs: (0,1) tied events, excluded; (0,2) and (1,2) event before censoring at the same time;
        // (0,3), (1,3) ordinary; subject 2 censored, subject 3 last.
        Concordance c = ConcordanceIndex.harrell(times, events, new double[] {3, 1, 2, 0});
        assertThat(c.comparablePairs()).isEqualTo(4);
        assertThat(c.concordant()).isEqualTo(3);
        assertThat(c.discordant()).isEqualTo(1);
        assertThat(c.index()).isEqualTo(0.75);
    }

    @Test
    void riskTiesCountOneHalf() {
        Concordance c = ConcordanceIndex.harrell(new double[] {1, 2, 3}, new boolean[] {true, true, false},
                new double[] {2, 2, 1});
        // (0,1) tie, (0,2) concordant, (1,2) concordant.
        assertThat(c).isEqualTo(new Concordance(2.5 / 3, 2, 0, 1, 3));
    }

    @Test
    void needsAComparablePair() {
        assertThatThrownBy(() -> ConcordanceIndex.harrell(new double[] {1, 2}, new boolean[] {false, false},
                new double[] {1, 2})).hasMessageContaining("no comparable pairs");
        assertThatThrownBy(() -> ConcordanceIndex.harrell(new double[] {1}, new boolean[] {true, false},
                new double[] {1})).hasMessageContaining("differ in length");
    }

    /** The Cox models of shared/data/README.md and their published apparent C-indices. */
    @Test
    void reproducesTheReferenceConcordanceOfTheCoxModels() {
        SurvivalData gbsg = TrialData.gbsg().survivalData();
        assertThat(gbsg.featureNames())
                .containsExactly("hormon", "age", "meno", "size", "grade=2", "grade=3", "nodes", "pgr", "er");
        double[] gbsgFull = {-0.34628, -0.00946, 0.25844, 0.00780, 0.63611, 0.77965, 0.04879, -0.00222, 0.00020};
        assertThat(concordance(gbsg, gbsgFull)).isCloseTo(0.692, within(5e-4));
        assertThat(concordance(gbsg, -0.36401, 0, 0, 0, 0, 0, 0, 0, 0)).isCloseTo(0.543, within(5e-4));

        SurvivalData veteran = TrialData.veteran().survivalData();
        assertThat(veteran.featureNames()).containsExactly("trt", "celltype=adeno", "celltype=large",
                "celltype=smallcell", "karno", "diagtime", "age", "prior");
        double[] veteranFull = {0.29460, 1.19607, 0.40129, 0.86156, -0.03282, 0.00008, -0.00871, 0.00716};
        assertThat(concordance(veteran, veteranFull)).isCloseTo(0.736, within(5e-4));
        assertThat(concordance(veteran, 0, 0, 0, 0, -0.03342, 0, 0, 0)).isCloseTo(0.709, within(5e-4));
        assertThat(concordance(veteran, 0.01774, 0, 0, 0, 0, 0, 0, 0)).isCloseTo(0.525, within(5e-4));
    }

    private static double concordance(SurvivalData data, double... coefficients) {
        return ConcordanceIndex.harrell(data, x -> {
            double eta = 0;
            for (int j = 0; j < x.length; j++) {
                eta += coefficients[j] * x[j];
            }
            return eta;
        }).index();
    }

    @Test
    void acceptsRiskScoresFromAnyFunction() {
        SurvivalData data = SurvivalData.of("three", List.of("x"), new double[] {1, 2, 3},
                new boolean[] {true, true, true}, new double[][] {{3}, {2}, {1}});
        assertThat(ConcordanceIndex.harrell(data, x -> x[0]).index()).isEqualTo(1);
        assertThat(ConcordanceIndex.harrell(data, x -> -x[0]).index()).isZero();
    }
}
