package org.oncopredict.efficacy.model;

import org.oncopredict.cohortsim.AssignmentMode;

/** Regimens assigned uniformly at random among the candidates, as in a trial. */
class RandomisedCohortModelTest extends SimulatedOutcomeModelTest {

    @Override
    AssignmentMode mode() {
        return AssignmentMode.RANDOMISED;
    }

    @Override
    int trainingPatients() {
        return 12000;
    }
}
