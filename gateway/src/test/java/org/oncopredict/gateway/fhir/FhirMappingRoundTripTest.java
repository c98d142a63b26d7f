package org.oncopredict.gateway.fhir;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.TherapyLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapping alone, on 600 simulated profiles (all three cancer types, every kind of datum the simulator makes):
 * export → FHIR JSON → parse → import into an empty profile gives the same profile, and every exported entry is
 * imported (nothing ignored, no caveat). No server: seconds, and a failure names the patient and the field.
 */
class FhirMappingRoundTripTest {

    static final FhirJson JSON = new FhirJson();

    @Test
    void everySimulatedProfileSurvivesExportAndImport() {
        List<String> failures = new ArrayList<>();
        int[] index = {0};
        new CohortSimulator(SimulationConfig.builder().seed(77).build()).profiles(600).forEach(generated -> {
            PatientProfile p = withIds(generated, index[0]++);
            String json = JSON.encode(new ProfileToFhir(FhirCodes.DEFAULT_MRN_SYSTEM).export(p));
            FhirToProfile.Mapped mapped = new FhirToProfile(FhirCodes.DEFAULT_MRN_SYSTEM, List.of())
                    .map(JSON.parse(json, Bundle.class));
            List<ImportIssue> notImported = mapped.issues().stream()
                    .filter(i -> i.kind() != ImportIssue.Kind.IMPORTED).toList();
            PatientProfile back = ProfileMerge.merge(PatientProfile.getDefaultInstance(), mapped.profile(),
                    mapped.present()).toBuilder().setPatientId(p.getPatientId()).build();
            if (!notImported.isEmpty()) {
                failures.add(p.getPatientId() + ": " + notImported);
            } else if (!comparable(back).equals(comparable(p))) {
                failures.add(p.getPatientId() + ":\n expected " + comparable(p) + "\n but was " + comparable(back));
            }
        });
        assertThat(failures).as(failures.isEmpty() ? "" : failures.get(0)).isEmpty();
    }

    @Test
    void reImportIntoTheSameProfileChangesNothing() {
        new CohortSimulator(SimulationConfig.builder().seed(78).build()).profiles(200).forEach(generated -> {
            PatientProfile p = withIds(generated, 1);
            String json = JSON.encode(new ProfileToFhir(FhirCodes.DEFAULT_MRN_SYSTEM).export(p));
            FhirToProfile.Mapped mapped = new FhirToProfile(FhirCodes.DEFAULT_MRN_SYSTEM, List.of())
                    .map(JSON.parse(json, Bundle.class));
            PatientProfile merged = ProfileMerge.merge(p, mapped.profile(), mapped.present());
            assertThat(ProfileMerge.comparable(merged)).isEqualTo(ProfileMerge.comparable(p));
        });
    }

    /** As stored: a pseudonym, and line ids. */
    static PatientProfile withIds(PatientProfile p, int i) {
        PatientProfile.Builder b = p.toBuilder().setPatientId(String.format("P-TEST%06d", i));
        for (TherapyLine.Builder line : b.getHistoryBuilder().getTherapyLinesBuilderList()) {
            line.setLineId("L" + line.getLineNumber());
        }
        return b.build();
    }

    static PatientProfile comparable(PatientProfile p) {
        PatientProfile.Builder b = ProfileMerge.comparable(p).toBuilder();
        b.getHistoryBuilder().getTherapyLinesBuilderList().forEach(TherapyLine.Builder::clearLineId);
        return ProfileMerge.comparable(b.build());
    }
}
