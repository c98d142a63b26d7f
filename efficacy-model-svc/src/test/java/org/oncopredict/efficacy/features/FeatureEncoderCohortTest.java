package org.oncopredict.efficacy.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.Drug;
import org.oncopredict.cohortsim.SimulatedLine;
import org.oncopredict.cohortsim.SimulatedPatient;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.cohortsim.truth.Covariates;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.History;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.ReasonStopped;
import org.oncopredict.proto.profile.v1.RecistResponse;
import org.oncopredict.proto.profile.v1.Sex;
import org.oncopredict.proto.profile.v1.TherapyLine;

/** No look-ahead and agreement with the simulator's own covariates, on 500 simulated patients. */
class FeatureEncoderCohortTest {

    private static final int PATIENTS = 500;
    private static final FeatureEncoder ENCODER = new FeatureEncoder();
    private static List<SimulatedPatient> cohort;

    @BeforeAll
    static void simulate() {
        cohort = new CohortSimulator(SimulationConfig.builder().seed(20240611L).build()).generate(PATIENTS);
    }

    @Test
    void encodingAsOfLineStartEqualsEncodingTheProfileStrippedOfEverythingFromThatDateOn() {
        int lines = 0;
        int strippedSomething = 0;
        for (SimulatedPatient patient : cohort) {
            for (SimulatedLine line : patient.lines()) {
                LocalDate start = line.startDate();
                PatientProfile stripped = stripOnOrAfter(patient.profile(), start);
                if (!stripped.equals(patient.profile())) {
                    strippedSomething++;
                }
                assertThat(ENCODER.encode(patient.profile(), start))
                        .as("patient %d line %d", patient.index(), line.lineNumber())
                        .isEqualTo(ENCODER.encode(stripped, start));
                lines++;
            }
        }
        assertThat(lines).isGreaterThan(PATIENTS);
        // The comparison is only meaningful if the full profiles do hold later data.
        assertThat(strippedSomething).isGreaterThan(lines * 9 / 10);
    }

    @Test
    void recordsDatedAfterAsOfDoNotChangeTheVector() {
        for (SimulatedPatient patient : cohort) {
            for (SimulatedLine line : patient.lines()) {
                LocalDate start = line.startDate();
                PatientProfile full = patient.profile();
                PatientProfile.Builder future = full.toBuilder();
                String tomorrow = start.plusDays(1).toString();
                future.getHistoryBuilder()
                        .addLabs(LabResult.newBuilder().setDate(tomorrow).setType(LabType.LAB_TYPE_EGFR).setValue(7))
                        .addLabs(LabResult.newBuilder().setDate(tomorrow).setType(LabType.LAB_TYPE_ANC).setValue(0.2))
                        .addEcog(EcogAssessment.newBuilder().setDate(tomorrow).setScore(4))
                        .addTherapyLines(TherapyLine.newBuilder().setLineNumber(9).setRegimenId("pembrolizumab")
                                .setStartDate(start.toString()).setEndDate(tomorrow).setWorstToxicityGrade(4)
                                .setImmuneRelatedToxicity(true));
                future.getGenomicsBuilder().setReportDate(
                        future.getGenomics().getReportDate().compareTo(start.toString()) <= 0
                                ? future.getGenomics().getReportDate() : tomorrow);
                assertThat(ENCODER.encode(future.build(), start)).isEqualTo(ENCODER.encode(full, start));
            }
        }
    }

    @Test
    void sharedQuantitiesAgreeWithTheSimulatorsCovariates() {
        for (SimulatedPatient patient : cohort) {
            for (SimulatedLine line : patient.lines()) {
                Covariates truth = Covariates.atLineStart(patient.profile(), line.lineNumber());
                assertThat(line.covariates()).isEqualTo(truth);
                FeatureVector v = ENCODER.encode(patient.profile(), line.startDate());
                String at = "patient " + patient.index() + " line " + line.lineNumber();
                assertThat(v.value("ecog")).as(at).isEqualTo(truth.ecog());
                assertThat(v.value("egfr_ml_min")).as(at).isEqualTo(truth.labs().estimatedGfr());
                assertThat(v.value("bilirubin_mg_dl")).as(at).isEqualTo(truth.labs().bilirubin());
                assertThat(v.value("anc_1e9_l")).as(at).isEqualTo(truth.labs().anc());
                assertThat(v.value("age_years")).as(at).isCloseTo(truth.ageYears(), within(1e-9));
                assertThat(v.value("prior_lines")).as(at).isEqualTo(truth.priorRegimens().size());
                assertThat(v.value("bm_egfr_activating")).as(at).isEqualTo(flag(truth.biomarkers().egfrSensitising()));
                assertThat(v.value("bm_alk_fusion")).as(at).isEqualTo(flag(truth.biomarkers().alkFusion()));
                assertThat(v.value("bm_pdl1_ge_50")).as(at).isEqualTo(flag(
                        truth.biomarkers().pdl1TpsPercent().orElse(0) >= 50));
                assertThat(v.value("bm_msi_h")).as(at).isEqualTo(flag(truth.biomarkers().msiHigh()));
                assertThat(v.value("prior_io")).as(at).isEqualTo(flag(truth.priorDrugClass(Drug.DrugClass.PD1_INHIBITOR)));
                assertThat(v.value("prior_platinum")).as(at).isEqualTo(flag(truth.priorDrugClass(Drug.DrugClass.PLATINUM)));
                assertThat(v.value("sex_female")).as(at).isEqualTo(flag(truth.sex() == Sex.SEX_FEMALE));
                assertThat(v.value("smoking_current")).as(at).isEqualTo(flag(truth.currentSmoker()));
                assertThat(v.value("brain_mets")).as(at).isEqualTo(flag(truth.brainMetastases()));
                assertThat(v.value("liver_mets")).as(at).isEqualTo(flag(truth.liverMetastases()));
                // Simulated profiles are complete as of each line start: nothing clinical is imputed.
                assertThat(v.value("ecog_missing") + v.value("egfr_ml_min_missing") + v.value("age_years_missing"))
                        .as(at).isZero();
            }
        }
    }

    private static double flag(boolean b) {
        return b ? 1 : 0;
    }

    /**
     * The profile as it could have been recorded just before {@code cutoff}: every record dated on or
     * after it is removed (ECOG, labs, a molecular report, therapy lines starting then or later), and
     * the dated parts of earlier lines (end, progression and with the end the line's outcome) and of
     * follow-up that fall on or after it are cleared.
     */
    static PatientProfile stripOnOrAfter(PatientProfile profile, LocalDate cutoff) {
        String c = cutoff.toString();
        Predicate<String> before = d -> !d.isBlank() && d.compareTo(c) < 0;
        PatientProfile.Builder b = profile.toBuilder();
        History.Builder h = b.getHistoryBuilder();
        List<EcogAssessment> ecog = h.getEcogList().stream().filter(e -> before.test(e.getDate())).toList();
        List<LabResult> labs = h.getLabsList().stream().filter(l -> before.test(l.getDate())).toList();
        List<TherapyLine> lines = h.getTherapyLinesList().stream()
                .filter(l -> before.test(l.getStartDate()))
                .map(l -> {
                    TherapyLine.Builder lb = l.toBuilder();
                    if (!l.getProgressionDate().isBlank() && !before.test(l.getProgressionDate())) {
                        lb.clearProgressionDate();
                    }
                    if (!l.getEndDate().isBlank() && !before.test(l.getEndDate())) {
                        lb.clearEndDate().clearWorstToxicityGrade().clearImmuneRelatedToxicity()
                                .setBestResponse(RecistResponse.RECIST_RESPONSE_UNSPECIFIED)
                                .setReasonStopped(ReasonStopped.REASON_STOPPED_ONGOING);
                    }
                    return lb.build();
                })
                .toList();
        h.clearEcog().addAllEcog(ecog).clearLabs().addAllLabs(labs).clearTherapyLines().addAllTherapyLines(lines);
        if (!before.test(b.getGenomics().getReportDate())) {
            b.clearGenomics();
        }
        if (!b.getCancer().getDiagnosisDate().isBlank() && !before.test(b.getCancer().getDiagnosisDate())) {
            b.getCancerBuilder().clearDiagnosisDate();
        }
        var followUp = b.getFollowUpBuilder();
        if (!followUp.getDeathDate().isBlank() && !before.test(followUp.getDeathDate())) {
            followUp.clearDeathDate().clearDeceased();
        }
        if (!followUp.getLastContactDate().isBlank() && !before.test(followUp.getLastContactDate())) {
            followUp.clearLastContactDate();
        }
        return b.build();
    }

    @Test
    void strippingHelperRemovesLaterRecords() {
        SimulatedPatient patient = cohort.stream().filter(p -> p.lines().size() == 2).findFirst().orElseThrow();
        LocalDate second = patient.lines().get(1).startDate();
        PatientProfile stripped = stripOnOrAfter(patient.profile(), second);
        assertThat(stripped.getHistory().getTherapyLinesList()).hasSize(1);
        assertThat(stripped.getHistory().getLabsList()).allMatch(l -> l.getDate().compareTo(second.toString()) < 0);
        assertThat(stripped.getLifestyle().getSmokingStatus()).isEqualTo(patient.profile().getLifestyle().getSmokingStatus());
        // And the encoder does see the difference when asked about a later date.
        assertThat(ENCODER.encode(stripped, second.plusDays(1)))
                .isNotEqualTo(ENCODER.encode(patient.profile(), second.plusDays(1)));
    }
}
