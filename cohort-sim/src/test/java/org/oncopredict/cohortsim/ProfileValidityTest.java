package org.oncopredict.cohortsim;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.TherapyLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every generated profile satisfies the profile service's validity contract. */
class ProfileValidityTest {

    @Test
    void everyProfileOfBothCohortsSatisfiesTheContract() {
        for (List<SimulatedPatient> cohort : List.of(Cohorts.confounded(), Cohorts.randomised())) {
            for (SimulatedPatient patient : cohort) {
                List<String> violations = ProfileContract.violations(patient.profile(), SimulationConfig.DEFAULT_AS_OF);
                assertTrue(violations.isEmpty(), () -> "patient " + patient.index() + ": " + violations);
            }
        }
    }

    @Test
    void contractHoldsForAnEarlyAsOfDateHighLossToFollowUpAndAllSecondLines() {
        LocalDate asOf = LocalDate.of(2019, 6, 30);
        SimulationConfig config = SimulationConfig.builder().seed(3).asOf(asOf).diagnosisWindowYears(4)
                .lossToFollowUpPerYear(0.5).secondLineFraction(1).build();
        new CohortSimulator(config).stream(5_000).forEach(patient -> {
            List<String> violations = ProfileContract.violations(patient.profile(), asOf);
            assertTrue(violations.isEmpty(), () -> "patient " + patient.index() + ": " + violations);
        });
    }

    @Test
    void contractCheckerRejectsABrokenProfile() {
        PatientProfile valid = Cohorts.confounded().get(0).profile();
        TherapyLine line = valid.getHistory().getTherapyLines(0);
        PatientProfile broken = valid.toBuilder()
                .setHistory(valid.getHistory().toBuilder().setTherapyLines(0, line.toBuilder()
                        .setEndDate("2030-01-01").setWorstToxicityGrade(7)))
                .build();
        List<String> violations = ProfileContract.violations(broken, SimulationConfig.DEFAULT_AS_OF);
        assertTrue(violations.stream().anyMatch(v -> v.contains("CTCAE")), violations::toString);
        assertTrue(violations.stream().anyMatch(v -> v.contains("after asOf")), violations::toString);
    }

    @Test
    void mrnsAreUniqueWithinACohort() {
        Set<String> mrns = new HashSet<>();
        Cohorts.confounded().forEach(p -> mrns.add(p.profile().getIdentity().getMrn()));
        assertEquals(Cohorts.SIZE, mrns.size());
    }

    @Test
    void namesIncludeNonAsciiCharacters() {
        long nonAscii = Cohorts.confounded().stream()
                .map(p -> p.profile().getIdentity().getGivenName() + p.profile().getIdentity().getFamilyName())
                .filter(name -> name.chars().anyMatch(c -> c > 127))
                .count();
        assertTrue(nonAscii > Cohorts.SIZE / 10, "non-ASCII names: " + nonAscii);
    }
}
