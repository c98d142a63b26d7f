package org.oncopredict.gateway.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.oncopredict.gateway.testsupport.Fixtures;
import org.oncopredict.gateway.testsupport.PlatformTestResource;
import org.oncopredict.gateway.testsupport.TestPlatform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.oncopredict.gateway.testsupport.Fixtures.as;

/** One oncologist's path through the API against the real services, Keycloak and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class GatewayFlowTest {

    @Test
    void anOncologistSearchesReadsAPatientAndSeesTreatmentOptionsWithTheActiveModel() {
        String token = TestPlatform.get().token("oncologist1");
        Response list = given().auth().oauth2(token).queryParam("cancerType", "NSCLC").queryParam("pageSize", 5)
                .get("/api/v1/patients").then().statusCode(200).contentType(ContentType.JSON).extract().response();
        List<Map<String, Object>> patients = list.jsonPath().getList("patients");
        assertThat(patients).isNotEmpty();
        assertThat(patients).allSatisfy(p -> assertThat((List<?>) p.get("careTeams"))
                .anyMatch(t -> t.equals("thoracic-a") || t.equals("thoracic-b")));
        String id = (String) patients.get(0).get("patientId");

        Response profile = given().auth().oauth2(token).get("/api/v1/patients/" + id).then().statusCode(200)
                .extract().response();
        assertThat(profile.header("ETag")).isNotBlank();
        assertThat(profile.jsonPath().getString("cancer.cancerType")).isEqualTo("CANCER_TYPE_NSCLC");

        Response options = given().auth().oauth2(token).get("/api/v1/patients/" + id + "/treatment-options")
                .then().statusCode(200).extract().response();
        assertThat(options.jsonPath().getLong("model.version")).isEqualTo(TestPlatform.get().modelVersion());
        assertThat(options.jsonPath().getList("predictions")).hasSizeGreaterThan(3);
    }

    @Test
    void aDecisionEndsTheOpenLineForTheStatedReasonInTheSameWrite() {
        String id = Fixtures.ownThoracicPatient();
        String today = LocalDate.now().toString();
        String open = as(Fixtures.ONCOLOGIST).contentType(ContentType.JSON)
                .body(Map.of("regimenId", "docetaxel", "startDate", LocalDate.now().minusDays(20).toString()))
                .post("/api/v1/patients/" + id + "/therapy-lines").then().statusCode(201).extract().path("lineId");
        String etag = as(Fixtures.ONCOLOGIST).get("/api/v1/patients/" + id).header("ETag");

        // An unknown reason: 400 naming the field, nothing written.
        Response bad = as(Fixtures.ONCOLOGIST).contentType(ContentType.JSON)
                .body(Map.of("regimenId", "docetaxel", "rationale", "flow test", "previousLineStopped", "BORED"))
                .post("/api/v1/patients/" + id + "/decisions");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.jsonPath().getString("errors[0].field")).isEqualTo("previousLineStopped");
        // Progression without its date (the line has none): refused by the profile service, named in the API's terms.
        Response undated = as(Fixtures.ONCOLOGIST).contentType(ContentType.JSON)
                .body(Map.of("regimenId", "docetaxel", "rationale", "flow test", "previousLineStopped", "PROGRESSION"))
                .post("/api/v1/patients/" + id + "/decisions");
        assertThat(undated.statusCode()).as(undated.asString()).isEqualTo(400);
        assertThat(undated.jsonPath().getString("errors[0].field")).isEqualTo("previousLineProgressionDate");
        assertThat(as(Fixtures.ONCOLOGIST).get("/api/v1/patients/" + id).header("ETag")).isEqualTo(etag);

        String added = as(Fixtures.ONCOLOGIST).contentType(ContentType.JSON)
                .body(Map.of("regimenId", "docetaxel", "rationale", "flow test", "previousLineStopped", "toxicity"))
                .post("/api/v1/patients/" + id + "/decisions").then().statusCode(201).extract().path("lineId");
        List<Map<String, Object>> lines = as(Fixtures.ONCOLOGIST).get("/api/v1/patients/" + id + "/history")
                .then().statusCode(200).extract().path("therapyLines");
        Map<String, Object> ended = lines.stream().filter(l -> open.equals(l.get("lineId"))).findFirst().orElseThrow();
        assertThat(ended).containsEntry("endDate", today).containsEntry("reasonStopped", "REASON_STOPPED_TOXICITY");
        Map<String, Object> current = lines.stream().filter(l -> added.equals(l.get("lineId"))).findFirst().orElseThrow();
        assertThat(current).containsEntry("startDate", today).containsEntry("rationale", "flow test")
                .containsEntry("endDate", ""); // still open
        // One write: the version moved by one.
        assertThat(Long.parseLong(as(Fixtures.ONCOLOGIST).get("/api/v1/patients/" + id).header("ETag").replace("\"", "")
                .replace("W/", ""))).isEqualTo(Long.parseLong(etag.replace("\"", "").replace("W/", "")) + 1);
    }
}
