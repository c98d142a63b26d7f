package org.oncopredict.cohortsim;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.truth.Covariates;
import org.oncopredict.cohortsim.truth.Her2Status;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.TherapyLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ground truth's covariates are exactly what the profile shows as of each line's start. */
class CovariatesFromProfileTest {

    @Test
    void covariatesOfEveryLineCanBeRecomputedFromTheProfile() {
        for (SimulatedPatient patient : Cohorts.confounded()) {
            for (SimulatedLine line : patient.lines()) {
                assertEquals(line.covariates(), Covariates.atLineStart(patient.profile(), line.lineNumber()),
                        "patient " + patient.index() + " line " + line.lineNumber());
            }
        }
    }

    @Test
    void recordsDatedOnOrAfterTheLineStartDoNotChangeItsCovariates() {
        SimulatedPatient patient = Cohorts.confounded().stream().filter(p -> p.lines().size() == 2).findFirst().orElseThrow();
        SimulatedLine first = patient.lines().get(0);
        String start = first.startDate().toString();
        PatientProfile.Builder leaky = patient.profile().toBuilder();
        leaky.getHistoryBuilder()
                .addEcog(EcogAssessment.newBuilder().setDate(start).setScore(4))
                .addLabs(LabResult.newBuilder().setDate(start).setType(LabType.LAB_TYPE_EGFR).setValue(5))
                .addLabs(LabResult.newBuilder().setDate(first.startDate().plusDays(3).toString())
                        .setType(LabType.LAB_TYPE_HEMOGLOBIN).setValue(6));
        assertEquals(first.covariates(), Covariates.atLineStart(leaky, 1));
        // A molecular report issued after the start is not usable at the start.
        leaky.getGenomicsBuilder().setReportDate(first.startDate().plusDays(1).toString());
        Covariates late = Covariates.atLineStart(leaky, 1);
        assertFalse(late.biomarkers().egfrSensitising() || late.biomarkers().hormoneReceptorPositive());
        assertEquals(Her2Status.NOT_TESTED, late.biomarkers().her2());
    }

    @Test
    void secondLineSeesTheFirstLineButNotItself() {
        SimulatedPatient patient = Cohorts.confounded().stream()
                .filter(p -> p.lines().size() == 2 && p.lines().get(0).observed().immuneRelatedToxicity())
                .findFirst().orElseThrow();
        Covariates second = patient.lines().get(1).covariates();
        assertEquals(java.util.List.of(patient.lines().get(0).regimen()), second.priorRegimens());
        assertTrue(second.priorSevereImmuneToxicity());
        assertTrue(patient.lines().get(0).covariates().priorRegimens().isEmpty());
    }

    @Test
    void deidentifiedProfileWithShiftedDatesGivesTheSameCovariates() {
        SimulatedPatient patient = Cohorts.confounded().get(7);
        PatientProfile shifted = shift(patient.profile(), -123);
        for (SimulatedLine line : patient.lines()) {
            assertEquals(line.covariates(), Covariates.atLineStart(shifted, line.lineNumber()));
        }
    }

    /** What de-identification does: drop identity, shift every date by the same offset. */
    private static PatientProfile shift(PatientProfile profile, int days) {
        PatientProfile.Builder b = profile.toBuilder().clearIdentity().setDeidentified(true);
        b.getCancerBuilder().setDiagnosisDate(shift(b.getCancer().getDiagnosisDate(), days));
        b.getGenomicsBuilder().setReportDate(shift(b.getGenomics().getReportDate(), days));
        var h = b.getHistoryBuilder();
        h.getEcogBuilderList().forEach(e -> e.setDate(shift(e.getDate(), days)));
        h.getLabsBuilderList().forEach(l -> l.setDate(shift(l.getDate(), days)));
        for (TherapyLine.Builder line : h.getTherapyLinesBuilderList()) {
            line.setStartDate(shift(line.getStartDate(), days)).setEndDate(shift(line.getEndDate(), days))
                    .setProgressionDate(shift(line.getProgressionDate(), days));
        }
        return b.build();
    }

    private static String shift(String date, int days) {
        return date.isEmpty() ? "" : LocalDate.parse(date).plusDays(days).toString();
    }
}
