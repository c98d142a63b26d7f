package org.oncopredict.cohortsim;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReproducibilityTest {

    private static final SimulationConfig CONFIG = SimulationConfig.builder().seed(99).build();

    @Test
    void sameConfigurationGivesByteIdenticalProfilesAndIdenticalTruth() {
        List<SimulatedPatient> a = new CohortSimulator(CONFIG).stream(2_000).toList();
        List<SimulatedPatient> b = new CohortSimulator(SimulationConfig.builder().seed(99).build()).stream(2_000).toList();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).profile().toByteArray(), b.get(i).profile().toByteArray(), "patient " + i);
            assertEquals(a.get(i).lines(), b.get(i).lines(), "lines of patient " + i);
        }
    }

    @Test
    void differentSeedGivesADifferentCohort() {
        List<SimulatedPatient> a = new CohortSimulator(CONFIG).stream(500).toList();
        List<SimulatedPatient> b = new CohortSimulator(CONFIG.toBuilder().seed(100).build()).stream(500).toList();
        long same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).profile().equals(b.get(i).profile())) {
                same++;
            }
        }
        assertEquals(0, same);
        assertFalse(a.get(0).profile().getIdentity().getMrn().equals(b.get(0).profile().getIdentity().getMrn()));
    }

    @Test
    void patientDependsOnlyOnSeedAndIndexNotOnCohortSizeOrParallelism() {
        CohortSimulator simulator = new CohortSimulator(CONFIG);
        List<SimulatedPatient> small = simulator.stream(100).toList();
        List<SimulatedPatient> parallel = simulator.stream(3_000).parallel().toList();
        for (int i = 0; i < small.size(); i++) {
            assertEquals(small.get(i), parallel.get(i));
        }
        assertEquals(parallel.get(2_500), simulator.patient(2_500));
        assertEquals(parallel, simulator.generate(3_000));
    }

    @Test
    void defaultAsOfIsAFixedDateNotToday() {
        assertEquals(SimulationConfig.DEFAULT_AS_OF, SimulationConfig.defaults().asOf());
        assertEquals("2026-01-01", SimulationConfig.DEFAULT_AS_OF.toString());
        assertTrue(new CohortSimulator(SimulationConfig.defaults()).stream(1_000)
                .allMatch(p -> p.profile().getFollowUp().getLastContactDate().compareTo("2026-01-01") <= 0));
    }
}
