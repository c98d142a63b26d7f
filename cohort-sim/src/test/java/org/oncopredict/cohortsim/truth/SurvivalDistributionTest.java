package org.oncopredict.cohortsim.truth;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SurvivalDistributionTest {

    @Test
    void weibullMedianHazardAndInverse() {
        Weibull w = Weibull.withMedian(10, 1.3);
        assertEquals(10, w.median(), 1e-9);
        assertEquals(0.5, w.survival(10), 1e-12);
        for (double t : new double[] {0.5, 3, 10, 25}) {
            assertEquals(w.hazard(t), w.density(t) / w.survival(t), 1e-12);
            assertEquals(t, w.timeAtSurvival(w.survival(t)), 1e-9);
            assertEquals(-(Math.log(w.survival(t + 1e-5)) - Math.log(w.survival(t - 1e-5))) / 2e-5, w.hazard(t), 1e-6);
        }
        assertEquals(1, w.survival(0));
        assertThrows(IllegalArgumentException.class, () -> new Weibull(0, 1));
    }

    @Test
    void logHazardRatioIsProportionalHazards() {
        Weibull w = Weibull.withMedian(8, 0.8);
        Weibull worse = w.withLogHazardRatio(Math.log(2));
        for (double t : new double[] {0.3, 2, 12}) {
            assertEquals(2 * w.hazard(t), worse.hazard(t), 1e-12);
        }
        assertEquals(8 * Math.exp(-Math.log(2) / 0.8), worse.median(), 1e-9);
    }

    @Test
    void overallSurvivalMatchesTheClosedFormForExponentials() {
        // PFS ~ Exp(a), PPS ~ Exp(b), never death first: S(t) = (b e^{-at} - a e^{-bt}) / (b - a).
        double a = Math.log(2) / 5;
        double b = Math.log(2) / 9;
        OverallSurvival os = new OverallSurvival(Weibull.withMedian(5, 1), 0, Weibull.withMedian(9, 1));
        for (double t : new double[] {0.5, 4, 12, 30}) {
            double expected = (b * Math.exp(-a * t) - a * Math.exp(-b * t)) / (b - a);
            assertEquals(expected, os.survival(t), 1e-5, "S(" + t + ")");
            double density = a * b / (b - a) * (Math.exp(-a * t) - Math.exp(-b * t));
            assertEquals(density, os.density(t), 1e-5, "f(" + t + ")");
        }
    }

    @Test
    void overallSurvivalDominatesPfsAndIsPfsWhenDeathComesFirst() {
        Weibull pfs = Weibull.withMedian(6, 0.8); // infinite density at 0 must not break the integral
        OverallSurvival os = new OverallSurvival(pfs, 0.1, Weibull.withMedian(7, 1));
        double previous = 1;
        for (double t = 0.25; t < 60; t += 0.25) {
            double s = os.survival(t);
            assertTrue(s >= pfs.survival(t) - 1e-12 && s <= previous + 1e-12, "t = " + t);
            assertEquals(-(os.survival(t + 1e-4) - os.survival(t - 1e-4)) / 2e-4, os.density(t), 1e-4, "density at " + t);
            previous = s;
        }
        assertEquals(0.5, os.survival(os.median()), 1e-6);
        assertTrue(os.median() > pfs.median());
        OverallSurvival deathFirst = new OverallSurvival(pfs, 1, Weibull.withMedian(7, 1));
        assertEquals(pfs.survival(4), deathFirst.survival(4), 1e-12);
    }

    @Test
    void restrictedMeanAndMixtureMedian() {
        Weibull exponential = Weibull.withMedian(10, 1);
        double mean = 10 / Math.log(2);
        assertEquals(mean * (1 - Math.exp(-24 / mean)), exponential.restrictedMean(24), 1e-8);
        assertEquals(10, SurvivalDistribution.mixtureMedian(List.of(exponential, exponential)), 1e-3);
        // Half the population with median 2, half with median 20: the marginal median is not their mean.
        double m = SurvivalDistribution.mixtureMedian(List.of(Weibull.withMedian(2, 1), Weibull.withMedian(20, 1)));
        assertEquals(0.5, (Weibull.withMedian(2, 1).survival(m) + Weibull.withMedian(20, 1).survival(m)) / 2, 1e-4);
    }
}
