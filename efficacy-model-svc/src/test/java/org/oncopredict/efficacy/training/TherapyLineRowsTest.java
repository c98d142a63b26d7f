package org.oncopredict.efficacy.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.oncopredict.efficacy.features.FeatureEncoder;
import org.oncopredict.efficacy.features.FeatureSchema;
import org.oncopredict.proto.profile.v1.CancerCondition;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.FollowUp;
import org.oncopredict.proto.profile.v1.History;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.RecistResponse;
import org.oncopredict.proto.profile.v1.TherapyLine;

/** How a patient's history becomes training rows: outcomes, censoring and the as-of-start features. */
class TherapyLineRowsTest {

    private static final FeatureEncoder ENCODER = new FeatureEncoder();

    private static double months(String from, String to) {
        return ChronoUnit.DAYS.between(LocalDate.parse(from), LocalDate.parse(to)) / FeatureSchema.DAYS_PER_MONTH;
    }

    private static PatientProfile.Builder patient() {
        return PatientProfile.newBuilder().setPatientId("P-TESTTEST01")
                .setCancer(CancerCondition.newBuilder().setCancerType(CancerType.CANCER_TYPE_NSCLC)
                        .setDiagnosisDate("2024-01-10"));
    }

    @Test
    void progressionThenSecondLineThenDeath() {
        PatientProfile profile = patient()
                .setHistory(History.newBuilder()
                        .addEcog(EcogAssessment.newBuilder().setDate("2024-01-30").setScore(1))
                        // Recorded after line 1 started: must not reach line 1's row.
                        .addEcog(EcogAssessment.newBuilder().setDate("2024-09-01").setScore(3))
                        .addTherapyLines(TherapyLine.newBuilder().setLineNumber(1).setRegimenId("carboplatin-pemetrexed")
                                .setStartDate("2024-02-01").setEndDate("2024-08-01").setProgressionDate("2024-08-01")
                                .setBestResponse(RecistResponse.RECIST_RESPONSE_PR).setWorstToxicityGrade(3))
                        .addTherapyLines(TherapyLine.newBuilder().setLineNumber(2).setRegimenId("docetaxel")
                                .setStartDate("2024-09-15").setBestResponse(RecistResponse.RECIST_RESPONSE_PD)
                                .setWorstToxicityGrade(1)))
                .setFollowUp(FollowUp.newBuilder().setDeceased(true).setDeathDate("2025-01-15")
                        .setLastContactDate("2025-01-15"))
                .build();
        TherapyLineRows extractor = new TherapyLineRows(ENCODER);
        List<LineOutcome> rows = extractor.rows("key", profile);

        assertThat(rows).hasSize(2);
        LineOutcome first = rows.get(0);
        assertThat(first.regimenId()).isEqualTo("carboplatin-pemetrexed");
        assertThat(first.response()).isTrue();
        assertThat(first.severeToxicity()).isTrue();
        assertThat(first.pfsEvent()).isTrue();
        assertThat(first.pfsMonths()).isCloseTo(months("2024-02-01", "2024-08-01"), within(1e-9));
        assertThat(first.osEvent()).isTrue();
        assertThat(first.osMonths()).isCloseTo(months("2024-02-01", "2025-01-15"), within(1e-9));
        assertThat(first.features().value("ecog")).isEqualTo(1);
        assertThat(first.features().value("prior_lines")).isEqualTo(0);

        LineOutcome second = rows.get(1);
        assertThat(second.response()).isFalse();
        assertThat(second.severeToxicity()).isFalse();
        // No progression recorded on line 2: death ends its PFS.
        assertThat(second.pfsEvent()).isTrue();
        assertThat(second.pfsMonths()).isCloseTo(months("2024-09-15", "2025-01-15"), within(1e-9));
        assertThat(second.features().value("ecog")).isEqualTo(3);
        assertThat(second.features().value("prior_lines")).isEqualTo(1);
        assertThat(second.features().value("prior_platinum")).isEqualTo(1);
        assertThat(extractor.skipped()).isEmpty();
    }

    @Test
    void switchWithoutProgressionCensorsAtTheNextLineAndUnknownsStayUnknown() {
        PatientProfile profile = patient()
                .setHistory(History.newBuilder()
                        .addTherapyLines(TherapyLine.newBuilder().setLineNumber(1).setRegimenId("osimertinib")
                                .setStartDate("2024-02-01").setEndDate("2024-04-01"))
                        .addTherapyLines(TherapyLine.newBuilder().setLineNumber(2).setRegimenId("docetaxel")
                                .setStartDate("2024-04-10"))
                        .addTherapyLines(TherapyLine.newBuilder().setLineNumber(3).setRegimenId(""))
                        .addTherapyLines(TherapyLine.newBuilder().setLineNumber(4).setRegimenId("docetaxel")
                                .setStartDate("2025-06-01")))
                .setFollowUp(FollowUp.newBuilder().setLastContactDate("2025-03-01"))
                .build();
        TherapyLineRows extractor = new TherapyLineRows(ENCODER);
        List<LineOutcome> rows = extractor.rows("key", profile);

        assertThat(rows).extracting(LineOutcome::regimenId).containsExactly("osimertinib", "docetaxel");
        LineOutcome first = rows.get(0);
        assertThat(first.response()).isNull();
        assertThat(first.severeToxicity()).isNull();
        assertThat(first.pfsEvent()).isFalse();
        assertThat(first.pfsMonths()).isCloseTo(months("2024-02-01", "2024-04-10"), within(1e-9));
        assertThat(first.osEvent()).isFalse();
        assertThat(first.osMonths()).isCloseTo(months("2024-02-01", "2025-03-01"), within(1e-9));
        assertThat(rows.get(1).pfsMonths()).isCloseTo(months("2024-04-10", "2025-03-01"), within(1e-9));
        assertThat(extractor.skipped()).isEqualTo(Map.of("no or invalid start date", 1,
                "no follow-up after the line's start", 1));
    }
}
