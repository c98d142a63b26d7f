package org.oncopredict.gateway.mapping;

import java.util.Iterator;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.proto.efficacy.v1.ColumnMapping;
import org.oncopredict.proto.efficacy.v1.Eligibility;
import org.oncopredict.proto.efficacy.v1.EligibilityStatus;
import org.oncopredict.proto.efficacy.v1.ModelInfo;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.efficacy.v1.ProbabilityEstimate;
import org.oncopredict.proto.efficacy.v1.RegimenPrediction;
import org.oncopredict.proto.efficacy.v1.SurvivalEstimate;
import org.oncopredict.proto.efficacy.v1.SurvivalPoint;
import org.oncopredict.proto.efficacy.v1.TreatmentColumn;
import org.oncopredict.proto.profile.v1.PatientProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway's printer produces the canonical proto3 JSON mapping: JsonFormat reads back the very same message. */
class ProtoJsonTest {

    @Test
    void simulatedProfilesRoundTripThroughTheCanonicalParser() throws Exception {
        Iterator<PatientProfile> profiles = new CohortSimulator(SimulationConfig.builder().seed(3).build())
                .profiles(200).iterator();
        while (profiles.hasNext()) {
            PatientProfile p = profiles.next();
            assertRoundTrip(p);
        }
    }

    @Test
    void predictionsWithOptionalFieldsInt64MapsAndSpecialDoublesRoundTrip() throws Exception {
        PredictTreatmentOutcomesResponse r = PredictTreatmentOutcomesResponse.newBuilder().setPatientId("P-0123456789")
                .setModel(ModelInfo.newBuilder().setVersion(Long.MAX_VALUE).setProvenanceHash("ab"))
                .addPredictions(RegimenPrediction.newBuilder().setRegimenId("osimertinib")
                        .setEligibility(Eligibility.newBuilder().setStatus(EligibilityStatus.ELIGIBILITY_STATUS_ELIGIBLE))
                        .setResponse(ProbabilityEstimate.newBuilder().setProbability(0.1 + 0.2).setLower(1e-300).setUpper(1))
                        .setProgressionFreeSurvival(SurvivalEstimate.newBuilder().setMedianMonths(18.9)
                                .addMonthlyCurve(SurvivalPoint.newBuilder().setMonth(0).setSurvival(1))
                                .addMonthlyCurve(SurvivalPoint.newBuilder().setMonth(1).setSurvival(Double.NaN)
                                        .setUpper(Double.POSITIVE_INFINITY).setLower(Double.NEGATIVE_INFINITY))))
                .addWarnings("Zoë Müller, 李雷 \"quoted\" \\ \n")
                .build();
        String json = assertRoundTrip(r);
        assertThat(json).contains("\"version\":\"9223372036854775807\"").contains("\"medianMonths\":18.9")
                .doesNotContain("medianLowerMonths").contains("\"patientId\":\"P-0123456789\"")
                .contains("\"status\":\"ELIGIBILITY_STATUS_ELIGIBLE\"").contains("\"warnings\":[");
        assertRoundTrip(ColumnMapping.newBuilder().setTreatment(TreatmentColumn.newBuilder().setColumn("horTh")
                .putRegimenIds("yes", "tamoxifen").putRegimenIds("no", "observation")).build());
    }

    @Test
    void parsingNamesTheUnknownField() {
        assertThatThrownBy(() -> ProtoJson.parse("{\"cancer\":{\"stage\":\"IV\"}}", PatientProfile.newBuilder(), null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).singleElement().satisfies(f -> assertThat(f.field()).contains("stage"));
                });
    }

    private static String assertRoundTrip(Message message) throws Exception {
        String json = ProtoJson.print(message);
        Message.Builder back = message.newBuilderForType();
        JsonFormat.parser().merge(json, back);
        assertThat(back.build()).isEqualTo(message);
        // The same JSON as the canonical printer's, modulo number formatting: equal once parsed.
        Message.Builder canonical = message.newBuilderForType();
        JsonFormat.parser().merge(JsonFormat.printer().alwaysPrintFieldsWithNoPresence().print(message), canonical);
        assertThat(back.build()).isEqualTo(canonical.build());
        return json;
    }
}
