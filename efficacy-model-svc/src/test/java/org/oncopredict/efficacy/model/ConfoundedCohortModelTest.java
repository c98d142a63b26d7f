package org.oncopredict.efficacy.model;

import org.oncopredict.cohortsim.AssignmentMode;

/** Guideline-like treatment choice: outcomes confounded by indication (no unmeasured confounding). */
class ConfoundedCohortModelTest extends SimulatedOutcomeModelTest {

    @Override
    AssignmentMode mode() {
        return AssignmentMode.CONFOUNDED;
    }

    @Override
    int trainingPatients() {
        return 6000;
    }
}
