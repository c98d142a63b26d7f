package org.oncopredict.cohortsim;

import java.util.List;

/** Cohorts shared by several test classes (generated once per test JVM). */
final class Cohorts {

    static final int SIZE = 20_000;

    private Cohorts() {
    }

    static List<SimulatedPatient> confounded() {
        return Confounded.COHORT;
    }

    static List<SimulatedPatient> randomised() {
        return Randomised.COHORT;
    }

    // Holder classes: each cohort is generated on first use only.
    private static final class Confounded {
        static final List<SimulatedPatient> COHORT =
                new CohortSimulator(SimulationConfig.builder().seed(20_240_601).build()).generate(SIZE);
    }

    private static final class Randomised {
        static final List<SimulatedPatient> COHORT = new CohortSimulator(SimulationConfig.builder().seed(20_240_602)
                .assignmentMode(AssignmentMode.RANDOMISED).build()).generate(SIZE);
    }
}
