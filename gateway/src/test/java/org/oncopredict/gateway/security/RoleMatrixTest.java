package org.oncopredict.gateway.security;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.oncopredict.gateway.testsupport.Fixtures;
import org.oncopredict.gateway.testsupport.PlatformTestResource;
import org.oncopredict.gateway.testsupport.TestPlatform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.oncopredict.gateway.testsupport.Fixtures.ADMIN;
import static org.oncopredict.gateway.testsupport.Fixtures.DATA_SCIENTIST;
import static org.oncopredict.gateway.testsupport.Fixtures.ONCOLOGIST;
import static org.oncopredict.gateway.testsupport.Fixtures.TUMOR_BOARD;
import static org.oncopredict.gateway.testsupport.Fixtures.as;

/**
 * Every endpoint × every role (DESIGN §6), with real tokens from the real Keycloak: an allowed role gets the
 * endpoint's success status, every other role 403 — each refusal leaving exactly one ACCESS_DENIED audit record —
 * and a request without a token 401. Allowed calls do real work on real services.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class RoleMatrixTest {

    static String patient;
    static String agenda;
    static String job;

    /** One endpoint: how to call it and who may. */
    record Endpoint(String name, String method, Supplier<String> path, Supplier<String> body,
                    Supplier<Map<String, String>> headers, Set<String> allowed, Set<Integer> success) {
    }

    /** Called by the test itself: REST Assured points at the application only once a test runs. */
    static void data() {
        patient = Fixtures.ownThoracicPatient(); // written to: decisions, lines, labs, profile
        agenda = Fixtures.agenda();
        // A small, quickly cancelled training job whose id the job endpoints can use.
        job = as(DATA_SCIENTIST).contentType(ContentType.JSON)
                .body("{\"cohort\":{\"maxProfiles\":60},\"bootstrapReplicates\":2,\"seed\":1}")
                .post("/api/v1/models/training-jobs").then().statusCode(202).extract().path("jobId");
        as(DATA_SCIENTIST).delete("/api/v1/models/training-jobs/" + job).then().statusCode(200);
    }

    static List<Endpoint> endpoints() {
        Set<String> clinical = Set.of(ONCOLOGIST, TUMOR_BOARD);
        Set<String> everyone = Set.of(ONCOLOGIST, TUMOR_BOARD, DATA_SCIENTIST, ADMIN);
        List<Endpoint> e = new ArrayList<>();
        e.add(get("search patients", () -> "/api/v1/patients?pageSize=3", Set.of(ONCOLOGIST, TUMOR_BOARD, ADMIN)));
        e.add(new Endpoint("create patient", "POST", () -> "/api/v1/patients", RoleMatrixTest::newProfile, Map::of,
                Set.of(ONCOLOGIST), Set.of(201)));
        e.add(get("read profile", () -> "/api/v1/patients/" + patient, clinical));
        e.add(new Endpoint("replace profile", "PUT", () -> "/api/v1/patients/" + patient, RoleMatrixTest::currentProfile,
                RoleMatrixTest::ifMatch, Set.of(ONCOLOGIST), Set.of(200)));
        e.add(get("read genomics", () -> "/api/v1/patients/" + patient + "/genomics", clinical));
        e.add(get("read history", () -> "/api/v1/patients/" + patient + "/history", clinical));
        e.add(new Endpoint("replace lifestyle", "PUT", () -> "/api/v1/patients/" + patient + "/lifestyle",
                () -> "{\"smokingStatus\":\"SMOKING_STATUS_FORMER\",\"packYears\":20,\"bmi\":24.5}",
                RoleMatrixTest::ifMatch, Set.of(ONCOLOGIST), Set.of(200)));
        e.add(post("add lab", () -> "/api/v1/patients/" + patient + "/labs",
                () -> "{\"date\":\"" + LocalDate.now() + "\",\"type\":\"LAB_TYPE_EGFR\",\"value\":71}", Set.of(ONCOLOGIST), 201));
        e.add(post("add ECOG", () -> "/api/v1/patients/" + patient + "/ecog",
                () -> "{\"date\":\"" + LocalDate.now() + "\",\"score\":1}", Set.of(ONCOLOGIST), 201));
        e.add(post("add therapy line", () -> "/api/v1/patients/" + patient + "/therapy-lines",
                () -> "{\"regimenId\":\"docetaxel\",\"startDate\":\"" + LocalDate.now() + "\"}", Set.of(ONCOLOGIST), 201));
        e.add(get("treatment options", () -> "/api/v1/patients/" + patient + "/treatment-options?curves=false", clinical));
        e.add(post("record decision", () -> "/api/v1/patients/" + patient + "/decisions",
                () -> "{\"regimenId\":\"docetaxel\",\"rationale\":\"matrix test\"}", Set.of(ONCOLOGIST), 201));
        e.add(post("cohort prediction", () -> "/api/v1/cohorts/predict",
                () -> "{\"filter\":{\"cancerTypes\":[\"CANCER_TYPE_NSCLC\"]},\"maxPatients\":50}",
                Set.of(ONCOLOGIST, DATA_SCIENTIST), 200));
        e.add(get("de-identified cohort", () -> "/api/v1/cohorts?cancerType=COLORECTAL&listed=5", Set.of(DATA_SCIENTIST)));
        e.add(get("list models", () -> "/api/v1/models", Set.of(DATA_SCIENTIST, ADMIN)));
        e.add(get("active model card", () -> "/api/v1/models/active/card", everyone));
        e.add(get("model card", () -> "/api/v1/models/" + TestPlatform.get().modelVersion() + "/card", everyone));
        e.add(new Endpoint("start training", "POST", () -> "/api/v1/models/training-jobs",
                () -> "{\"cohort\":{\"maxProfiles\":60},\"bootstrapReplicates\":2,\"seed\":2}", Map::of,
                Set.of(DATA_SCIENTIST), Set.of(202)));
        e.add(get("training job", () -> "/api/v1/models/training-jobs/" + job, Set.of(DATA_SCIENTIST, ADMIN)));
        // The job is finished (cancelled): cancelling again is 409 for those allowed to ask.
        e.add(new Endpoint("cancel training", "DELETE", () -> "/api/v1/models/training-jobs/" + job, () -> null, Map::of,
                Set.of(DATA_SCIENTIST, ADMIN), Set.of(200, 409)));
        e.add(post("check activation", () -> "/api/v1/models/" + TestPlatform.get().modelVersion() + "/activate",
                () -> "{\"validateOnly\":true,\"reason\":\"matrix\"}", Set.of(ADMIN), 200));
        // One version only: there is nothing to roll back to (409) for the admin.
        e.add(new Endpoint("rollback", "POST", () -> "/api/v1/models/rollback", () -> "{\"reason\":\"matrix\"}", Map::of,
                Set.of(ADMIN), Set.of(409)));
        e.add(get("regimens", () -> "/api/v1/regimens?cancerType=NSCLC", everyone));
        e.add(get("audit query", () -> "/api/v1/audit?limit=5", Set.of(ADMIN)));
        e.add(get("audit verify", () -> "/api/v1/audit/verify", Set.of(ADMIN)));
        e.add(post("create agenda", () -> "/api/v1/agendas", () -> "{\"meetingDate\":\"" + LocalDate.now().plusDays(10)
                + "\",\"title\":\"matrix\",\"attendees\":\"\",\"patientIds\":[]}", Set.of(TUMOR_BOARD), 201));
        e.add(get("list agendas", () -> "/api/v1/agendas", Set.of(TUMOR_BOARD, ONCOLOGIST)));
        e.add(get("read agenda", () -> "/api/v1/agendas/" + agenda, Set.of(TUMOR_BOARD, ONCOLOGIST)));
        e.add(new Endpoint("replace agenda", "PUT", () -> "/api/v1/agendas/" + agenda,
                () -> "{\"meetingDate\":\"" + LocalDate.now().plusDays(3) + "\",\"title\":\"Thoracic board\","
                        + "\"attendees\":\"Dr A\",\"patientIds\":[\"" + Fixtures.thoracicPatient() + "\",\"" + patient + "\"]}",
                () -> Map.of("If-Match", as(TUMOR_BOARD).get("/api/v1/agendas/" + agenda).header("ETag")),
                Set.of(TUMOR_BOARD), Set.of(200)));
        e.add(post("refer to agenda", () -> "/api/v1/agendas/" + agenda + "/patients",
                () -> "{\"patientId\":\"" + patient + "\"}", Set.of(ONCOLOGIST), 200));
        return e;
    }

    @TestFactory
    Stream<DynamicTest> everyRoleOnEveryEndpoint() {
        data();
        List<DynamicTest> cells = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (String user : Fixtures.USERS) {
                cells.add(DynamicTest.dynamicTest(endpoint.name() + " as " + user, () -> cell(endpoint, user)));
            }
            cells.add(DynamicTest.dynamicTest(endpoint.name() + " without a token", () -> {
                Response r = send(given(), endpoint);
                assertThat(r.statusCode()).as(endpoint.name() + " without a token").isEqualTo(401);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            }));
        }
        return cells.stream();
    }

    private static void cell(Endpoint endpoint, String user) {
        Response r = send(as(user), endpoint);
        String what = endpoint.name() + " as " + user + " (" + r.statusCode() + " " + r.body().asString() + ")";
        if (endpoint.allowed().contains(user)) {
            assertThat(endpoint.success()).as(what).contains(r.statusCode());
            return;
        }
        assertThat(r.statusCode()).as(what).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        // The refusal is audited exactly once, under this request's trace id and this user.
        List<Map<String, Object>> records = as(ADMIN).queryParam("trace", r.header("X-Trace-Id"))
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(records).as("audit of " + what).hasSize(1);
        assertThat(records.get(0)).containsEntry("action", "ACCESS_DENIED").containsEntry("outcome", "DENIED")
                .containsEntry("actorUsername", user);
    }

    private static Response send(RequestSpecification request, Endpoint endpoint) {
        endpoint.headers().get().forEach(request::header);
        String body = endpoint.body().get();
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        return request.request(endpoint.method(), endpoint.path().get());
    }

    private static Endpoint get(String name, Supplier<String> path, Set<String> allowed) {
        return new Endpoint(name, "GET", path, () -> null, Map::of, allowed, Set.of(200));
    }

    private static Endpoint post(String name, Supplier<String> path, Supplier<String> body, Set<String> allowed,
                                 int success) {
        return new Endpoint(name, "POST", path, body, Map::of, allowed, Set.of(success));
    }

    private static Map<String, String> ifMatch() {
        return Map.of("If-Match", as(ONCOLOGIST).get("/api/v1/patients/" + patient).header("ETag"));
    }

    private static String currentProfile() {
        return as(ONCOLOGIST).get("/api/v1/patients/" + patient).body().asString();
    }

    /** A copy of the test patient as a new patient (new MRN; server-assigned fields cleared). */
    static String newProfile() {
        return currentProfile()
                .replaceFirst("\"patientId\":\"[^\"]*\",", "")
                .replaceFirst("\"version\":\"[^\"]*\",", "")
                .replaceFirst("\"mrn\":\"[^\"]*\"", "\"mrn\":\"T" + UUID.randomUUID().toString().replace("-", "")
                        .substring(0, 12).toUpperCase() + "\"")
                .replaceAll("\"lineId\":\"[^\"]*\"", "\"lineId\":\"\"");
    }
}
