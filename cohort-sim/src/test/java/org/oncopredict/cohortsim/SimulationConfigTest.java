package org.oncopredict.cohortsim;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.oncopredict.proto.profile.v1.CancerType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulationConfigTest {

    @Test
    void defaultsAreDocumentedValues() {
        SimulationConfig c = SimulationConfig.defaults();
        assertEquals(42, c.seed());
        assertEquals(CancerMix.DEFAULT, c.cancerMix());
        assertEquals(AssignmentMode.CONFOUNDED, c.assignmentMode());
        assertEquals(LocalDate.of(2026, 1, 1), c.asOf());
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void invalidValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SimulationConfig.builder().secondLineFraction(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> SimulationConfig.builder().lossToFollowUpPerYear(-1).build());
        assertThrows(IllegalArgumentException.class, () -> SimulationConfig.builder().diagnosisWindowYears(1).build());
        assertThrows(IllegalArgumentException.class, () -> new CancerMix(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new CancerMix(-1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new CohortSimulator(SimulationConfig.defaults()).patient(-1));
    }

    @Test
    void cancerMixParsesAndSelectsOnlyWeightedTypes() {
        assertEquals(new CancerMix(0.5, 0.25, 0.25), CancerMix.parse("nsclc=0.5, colorectal=0.25,breast=0.25"));
        assertEquals(new CancerMix(0, 0, 1), CancerMix.parse("breast=1"));
        assertThrows(IllegalArgumentException.class, () -> CancerMix.parse("lung=1"));
        assertThrows(IllegalArgumentException.class, () -> CancerMix.parse("nsclc"));
        CohortSimulator breastOnly = new CohortSimulator(SimulationConfig.builder().cancerMix(CancerMix.parse("breast=1")).build());
        assertTrue(breastOnly.stream(300).allMatch(p -> p.cancerType() == CancerType.CANCER_TYPE_BREAST));
    }
}
