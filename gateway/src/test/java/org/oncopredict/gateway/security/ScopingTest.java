package org.oncopredict.gateway.security;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.SimulatedPatient;
import org.oncopredict.gateway.testsupport.Fixtures;
import org.oncopredict.gateway.testsupport.PlatformTestResource;
import org.oncopredict.gateway.testsupport.TestPlatform;
import org.oncopredict.proto.profile.v1.PatientProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oncopredict.gateway.testsupport.Fixtures.ADMIN;
import static org.oncopredict.gateway.testsupport.Fixtures.DATA_SCIENTIST;
import static org.oncopredict.gateway.testsupport.Fixtures.ONCOLOGIST;
import static org.oncopredict.gateway.testsupport.Fixtures.TUMOR_BOARD;
import static org.oncopredict.gateway.testsupport.Fixtures.as;

/**
 * Patient-level scoping on real responses: an oncologist sees and changes only patients of their care teams (the
 * attempt outside them is refused and audited), a tumor-board member only agenda patients, and a data scientist only
 * de-identified data — none of the cohort's names, MRNs or birth dates appear anywhere in what they receive.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class ScopingTest {

    @Test
    void anOncologistIsConfinedToTheirCareTeamsAndTheAttemptOutsideIsAudited() {
        String gi = Fixtures.giPatient();
        // Search never lists another team's patients, whatever the filter.
        List<List<String>> teams = as(ONCOLOGIST).queryParam("pageSize", 200).get("/api/v1/patients").then()
                .statusCode(200).extract().path("patients.careTeams");
        assertThat(teams).isNotEmpty().allSatisfy(t -> assertThat(t).containsAnyOf("thoracic-a", "thoracic-b"));
        List<String> colorectal = as(ONCOLOGIST).queryParam("cancerType", "COLORECTAL").get("/api/v1/patients").then()
                .statusCode(200).extract().path("patients.patientId");
        assertThat(colorectal).isEmpty();

        for (String path : List.of("", "/genomics", "/treatment-options")) {
            Response r = as(ONCOLOGIST).get("/api/v1/patients/" + gi + path);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().asString()).doesNotContain("identity").doesNotContain("mrn");
            List<Map<String, Object>> audit = as(ADMIN).queryParam("trace", r.header("X-Trace-Id"))
                    .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("");
            assertThat(audit).as("audit of " + path).singleElement().satisfies(a -> assertThat(a)
                    .containsEntry("action", "ACCESS_DENIED").containsEntry("patient", gi)
                    .containsEntry("actorUsername", ONCOLOGIST));
        }
        // Writes are refused too, and leave the profile as it was.
        String version = as(Fixtures.OTHER_ONCOLOGIST).get("/api/v1/patients/" + gi).header("ETag");
        as(ONCOLOGIST).contentType(ContentType.JSON).body("{\"date\":\"" + LocalDate.now() + "\",\"score\":2}")
                .post("/api/v1/patients/" + gi + "/ecog").then().statusCode(403);
        as(ONCOLOGIST).contentType(ContentType.JSON).body("{\"regimenId\":\"folfox\",\"rationale\":\"not mine\"}")
                .post("/api/v1/patients/" + gi + "/decisions").then().statusCode(403);
        assertThat(as(Fixtures.OTHER_ONCOLOGIST).get("/api/v1/patients/" + gi).header("ETag")).isEqualTo(version);
    }

    @Test
    void anOncologistCannotMoveAPatientOutOfTheirCareTeams() {
        String id = Fixtures.thoracicPatient();
        Response current = as(ONCOLOGIST).get("/api/v1/patients/" + id);
        String moved = current.body().asString().replaceFirst("\"careTeams\":\\[[^]]*]", "\"careTeams\":[\"gi-a\"]");
        as(ONCOLOGIST).contentType(ContentType.JSON).header("If-Match", current.header("ETag")).body(moved)
                .put("/api/v1/patients/" + id).then().statusCode(403);
        assertThat(as(ONCOLOGIST).get("/api/v1/patients/" + id).header("ETag")).isEqualTo(current.header("ETag"));
    }

    @Test
    void aTumorBoardMemberSeesAgendaPatientsOnly() {
        String onAgenda = Fixtures.thoracicPatient();
        List<String> listed = as(TUMOR_BOARD).queryParam("pageSize", 200).get("/api/v1/patients").then().statusCode(200)
                .extract().path("patients.patientId");
        assertThat(listed).contains(onAgenda).doesNotContain(Fixtures.giPatient());
        as(TUMOR_BOARD).get("/api/v1/patients/" + onAgenda).then().statusCode(200);
        as(TUMOR_BOARD).get("/api/v1/patients/" + onAgenda + "/treatment-options?curves=false").then().statusCode(200);
        as(TUMOR_BOARD).get("/api/v1/patients/" + Fixtures.giPatient()).then().statusCode(403);
        as(TUMOR_BOARD).get("/api/v1/patients/" + Fixtures.giPatient() + "/treatment-options").then().statusCode(403);
    }

    @Test
    void aDataScientistReceivesNoDirectIdentifiers() {
        Set<String> identifiers = new HashSet<>();
        for (var it = TestPlatform.cohort(); it.hasNext(); ) {
            SimulatedPatient p = it.next();
            PatientProfile profile = p.profile();
            identifiers.add(profile.getIdentity().getMrn());
            identifiers.add(profile.getIdentity().getFamilyName());
            identifiers.add(profile.getIdentity().getBirthDate());
        }
        Response summary = as(DATA_SCIENTIST).queryParam("listed", 200).get("/api/v1/cohorts");
        assertThat(summary.statusCode()).isEqualTo(200);
        int size = summary.path("size");
        assertThat(size).isEqualTo(TestPlatform.PATIENTS + created());
        List<Map<String, Object>> patients = summary.path("patients");
        assertThat(patients).hasSize(200).allSatisfy(p -> {
            assertThat(p).containsOnlyKeys("patientId", "ageBand", "sex", "cancerType", "stageGroup", "therapyLines");
            assertThat((String) p.get("patientId")).matches("P-[A-Z0-9]{10}");
            assertThat((String) p.get("ageBand")).matches("\\d{2}-\\d{2}|90\\+|");
        });
        String body = summary.body().asString();
        assertThat(identifiers).noneMatch(body::contains);
        // And the identified views stay closed to them.
        as(DATA_SCIENTIST).get("/api/v1/patients").then().statusCode(403);
        as(DATA_SCIENTIST).get("/api/v1/patients/" + patients.get(0).get("patientId")).then().statusCode(403);
    }

    /** Patients created by other tests of this run (the role matrix creates profiles). */
    private static int created() {
        return as(ADMIN).queryParam("action", "PATIENT_CREATE").queryParam("limit", 1000).get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath().getList("").size();
    }
}
