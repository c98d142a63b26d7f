package org.oncopredict.profile.service;

import org.junit.jupiter.api.Test;
import org.oncopredict.profile.domain.CancerCondition;
import org.oncopredict.profile.domain.CancerType;
import org.oncopredict.profile.domain.EcogAssessment;
import org.oncopredict.profile.domain.FollowUp;
import org.oncopredict.profile.domain.History;
import org.oncopredict.profile.domain.Identity;
import org.oncopredict.profile.domain.LabResult;
import org.oncopredict.profile.domain.LabType;
import org.oncopredict.profile.domain.PatientProfile;
import org.oncopredict.profile.domain.ReasonStopped;
import org.oncopredict.profile.domain.Sex;
import org.oncopredict.profile.domain.TherapyLine;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeidentifierTest {

    private final Deidentifier deidentifier = new Deidentifier("test-secret");

    private static PatientProfile profile(String id) {
        LocalDate dx = LocalDate.of(2022, 5, 10);
        TherapyLine line = new TherapyLine("L-1", 1, "docetaxel", dx.plusDays(20), dx.plusDays(140), null, dx.plusDays(130),
                3, false, ReasonStopped.PROGRESSION, "dr-who", "Patient preferred IV therapy (call 555-0100)");
        return new PatientProfile(id, 3L, new Identity("MRN1234", "Ada", "Lovelace", LocalDate.of(1950, 1, 2)), Sex.FEMALE,
                List.of("thoracic-a"), "70-74", 72,
                new CancerCondition(CancerType.NSCLC, "C34.1", "8140/3", dx, "T2a", "N0", "M1a", "IVA", List.of()),
                null, null,
                new History(List.of(), List.of(new EcogAssessment(dx.plusDays(15), 1)),
                        List.of(new LabResult(dx.plusDays(15), LabType.EGFR, 80.0)), List.of(line)),
                new FollowUp(dx.plusDays(400), true, dx.plusDays(400)), false);
    }

    @Test
    void removesIdentifiersAndFreeTextButKeepsClinicalContent() {
        PatientProfile d = deidentifier.deidentify(profile("P-AAAAAAAAAA"));
        assertThat(d.identity()).isNull();
        assertThat(d.deidentified()).isTrue();
        assertThat(d.patientId()).isEqualTo("P-AAAAAAAAAA");
        assertThat(d.ageBand()).isEqualTo("70-74");
        assertThat(d.ageAtDiagnosisYears()).isEqualTo(72);
        assertThat(d.history().therapyLines().get(0).rationale()).isNull();
        assertThat(d.history().therapyLines().get(0).decidedBy()).isNull();
        assertThat(d.history().therapyLines().get(0).worstToxicityGrade()).isEqualTo(3);
        assertThat(d.cancer().stageGroup()).isEqualTo("IVA");
    }

    @Test
    void shiftsEveryDateByTheSameNonZeroOffsetSoIntervalsAreExact() {
        PatientProfile p = profile("P-BBBBBBBBBB");
        PatientProfile d = deidentifier.deidentify(p);
        long shift = ChronoUnit.DAYS.between(p.cancer().diagnosisDate(), d.cancer().diagnosisDate());
        assertThat(shift).isNotZero().isBetween(-365L, 365L);
        TherapyLine a = p.history().therapyLines().get(0);
        TherapyLine b = d.history().therapyLines().get(0);
        assertThat(ChronoUnit.DAYS.between(a.startDate(), b.startDate())).isEqualTo(shift);
        assertThat(ChronoUnit.DAYS.between(a.endDate(), b.endDate())).isEqualTo(shift);
        assertThat(ChronoUnit.DAYS.between(a.progressionDate(), b.progressionDate())).isEqualTo(shift);
        assertThat(ChronoUnit.DAYS.between(p.history().labs().get(0).date(), d.history().labs().get(0).date())).isEqualTo(shift);
        assertThat(ChronoUnit.DAYS.between(p.history().ecog().get(0).date(), d.history().ecog().get(0).date())).isEqualTo(shift);
        assertThat(ChronoUnit.DAYS.between(p.followUp().deathDate(), d.followUp().deathDate())).isEqualTo(shift);
    }

    @Test
    void offsetIsStablePerPatientVariesAcrossPatientsAndDependsOnTheSecret() {
        assertThat(deidentifier.shiftDays("P-CCCCCCCCCC")).isEqualTo(deidentifier.shiftDays("P-CCCCCCCCCC"));
        Set<Integer> offsets = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            offsets.add(deidentifier.shiftDays("P-" + i));
        }
        assertThat(offsets.size()).isGreaterThan(150);
        assertThat(offsets).allMatch(o -> o != 0 && Math.abs(o) <= 365);
        assertThat(offsets.stream().anyMatch(o -> o < 0)).isTrue();
        assertThat(offsets.stream().anyMatch(o -> o > 0)).isTrue();
        int differ = 0;
        Deidentifier other = new Deidentifier("another-secret");
        for (int i = 0; i < 50; i++) {
            if (other.shiftDays("P-" + i) != deidentifier.shiftDays("P-" + i)) {
                differ++;
            }
        }
        assertThat(differ).isGreaterThan(45);
    }
}
