package org.oncopredict.cohortsim.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KaplanMeierTest {

    @Test
    void handComputedCurveWithCensoring() {
        // Times 1, 2+, 3, 3, 4+, 5: S(1) = 5/6; S(3) = 5/6 * (1 - 2/4) = 5/12; S(5) = 0.
        KaplanMeier km = new KaplanMeier(new double[] {3, 1, 2, 3, 4, 5},
                new boolean[] {true, true, false, true, false, true});
        assertEquals(1, km.survival(0.5), 1e-12);
        assertEquals(5.0 / 6, km.survival(1), 1e-12);
        assertEquals(5.0 / 6, km.survival(2.5), 1e-12);
        assertEquals(5.0 / 12, km.survival(3), 1e-12);
        assertEquals(0, km.survival(5), 1e-12);
        assertEquals(3, km.median());
    }

    @Test
    void withoutCensoringTheMedianIsTheEmpiricalOne() {
        KaplanMeier km = new KaplanMeier(new double[] {5, 1, 4, 2, 3}, new boolean[] {true, true, true, true, true});
        assertEquals(3, km.median());
        assertTrue(Double.isNaN(new KaplanMeier(new double[] {1, 2}, new boolean[] {false, false}).median()));
    }
}
