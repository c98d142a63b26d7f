package org.oncopredict.gateway.api;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.oncopredict.gateway.testsupport.PlatformTestResource;
import org.oncopredict.gateway.testsupport.TestPlatform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
}
