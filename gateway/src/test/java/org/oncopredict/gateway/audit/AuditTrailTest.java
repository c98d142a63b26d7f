package org.oncopredict.gateway.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.oncopredict.gateway.testsupport.Fixtures;
import org.oncopredict.gateway.testsupport.PlatformTestResource;
import org.oncopredict.gateway.testsupport.TestPlatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oncopredict.gateway.testsupport.Fixtures.ADMIN;
import static org.oncopredict.gateway.testsupport.Fixtures.DATA_SCIENTIST;
import static org.oncopredict.gateway.testsupport.Fixtures.ONCOLOGIST;
import static org.oncopredict.gateway.testsupport.Fixtures.as;

/**
 * The audit trail: every read of patient data, prediction, decision and model action leaves exactly one record
 * with who, role, action, patient pseudonym, model version and trace id; the table refuses changes; and a change
 * made behind its back (by a database superuser) is detected by the chain verification.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class AuditTrailTest {

    @Test
    void everyActionLeavesExactlyOneRecord() {
        String id = Fixtures.ownThoracicPatient();
        long model = TestPlatform.get().modelVersion();
        record(() -> as(ONCOLOGIST).get("/api/v1/patients/" + id), 200, "PATIENT_READ", ONCOLOGIST, id, null);
        record(() -> as(ONCOLOGIST).get("/api/v1/patients/" + id + "/history"), 200, "PATIENT_READ", ONCOLOGIST, id, null);
        record(() -> as(ONCOLOGIST).queryParam("q", id).get("/api/v1/patients"), 200, "PATIENT_SEARCH", ONCOLOGIST,
                null, null);
        record(() -> as(ONCOLOGIST).get("/api/v1/patients/" + id + "/treatment-options?curves=false"), 200,
                "PREDICTION", ONCOLOGIST, id, model);
        record(() -> as(ONCOLOGIST).contentType(ContentType.JSON).body("{\"regimenId\":\"docetaxel\",\"rationale\":"
                + "\"audit test\",\"modelVersion\":" + model + "}").post("/api/v1/patients/" + id + "/decisions"), 201,
                "DECISION", ONCOLOGIST, id, model);
        record(() -> as(ONCOLOGIST).contentType(ContentType.JSON).body("{\"date\":\"" + LocalDate.now()
                + "\",\"score\":1}").post("/api/v1/patients/" + id + "/ecog"), 201, "HISTORY_APPEND", ONCOLOGIST, id, null);
        record(() -> as(DATA_SCIENTIST).contentType(ContentType.JSON)
                .body("{\"filter\":{\"cancerTypes\":[\"CANCER_TYPE_NSCLC\"]},\"maxPatients\":30}")
                .post("/api/v1/cohorts/predict"), 200, "COHORT_PREDICTION", DATA_SCIENTIST, null, model);
        record(() -> as(DATA_SCIENTIST).contentType(ContentType.JSON)
                .body("{\"cohort\":{\"maxProfiles\":60},\"bootstrapReplicates\":2}").post("/api/v1/models/training-jobs"),
                202, "MODEL_TRAIN", DATA_SCIENTIST, null, null);
        String job = lastResponse.path("jobId");
        record(() -> as(DATA_SCIENTIST).delete("/api/v1/models/training-jobs/" + job), 200, "MODEL_TRAIN_CANCEL",
                DATA_SCIENTIST, null, null);
        // Refused model actions are recorded as FAILED: the version is already active, there is none to roll back to.
        assertThat(record(() -> as(ADMIN).contentType(ContentType.JSON).body("{\"reason\":\"audit test\"}")
                .post("/api/v1/models/" + model + "/activate"), 409, "MODEL_ACTIVATE", ADMIN, null, model)).isEqualTo("FAILED");
        // A read nobody may make is refused and recorded once as well.
        assertThat(record(() -> as(DATA_SCIENTIST).get("/api/v1/patients/" + id), 403, "ACCESS_DENIED", DATA_SCIENTIST,
                id, null)).isEqualTo("DENIED");
    }

    @Test
    void activationAndRollbackAreAuditedOnceEach() throws InterruptedException {
        long active = TestPlatform.get().modelVersion();
        String job = as(DATA_SCIENTIST).contentType(ContentType.JSON)
                .body("{\"cohort\":{},\"bootstrapReplicates\":2,\"seed\":11}").post("/api/v1/models/training-jobs")
                .then().statusCode(202).extract().path("jobId");
        Map<String, Object> done;
        long deadline = System.nanoTime() + 180_000_000_000L;
        do {
            Thread.sleep(500);
            done = as(DATA_SCIENTIST).get("/api/v1/models/training-jobs/" + job).then().statusCode(200).extract().path("");
        } while (List.of("JOB_STATE_QUEUED", "JOB_STATE_RUNNING").contains(done.get("state")) && System.nanoTime() < deadline);
        assertThat(done.get("state")).as(done.toString()).isEqualTo("JOB_STATE_SUCCEEDED");
        long candidate = Long.parseLong((String) done.get("modelVersion"));
        assertThat(record(() -> as(ADMIN).contentType(ContentType.JSON).body("{\"reason\":\"audit test\"}")
                .post("/api/v1/models/" + candidate + "/activate"), 200, "MODEL_ACTIVATE", ADMIN, null, candidate))
                .isEqualTo("SUCCESS");
        assertThat(record(() -> as(ADMIN).contentType(ContentType.JSON).body("{\"reason\":\"back to the tested one\"}")
                .post("/api/v1/models/rollback"), 200, "MODEL_ROLLBACK", ADMIN, null, active)).isEqualTo("SUCCESS");
        assertThat(Long.parseLong(as(ONCOLOGIST).get("/api/v1/models/active/card").then().statusCode(200).extract()
                .path("version").toString())).isEqualTo(active);
    }

    @Test
    void theTableIsAppendOnlyAndTamperingIsDetected() throws SQLException {
        as(ONCOLOGIST).get("/api/v1/patients/" + Fixtures.thoracicPatient()).then().statusCode(200);
        Map<String, Object> verified = as(ADMIN).get("/api/v1/audit/verify").then().statusCode(200).extract().path("");
        assertThat(verified).containsEntry("valid", true);
        assertThat((Integer) verified.get("checked")).isPositive();

        try (Connection c = connect()) {
            // The application's own path: UPDATE and DELETE are refused by the table.
            assertThatThrownBy(() -> execute(c, "UPDATE audit_event SET detail = 'x' WHERE id = (SELECT min(id) FROM audit_event)"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> execute(c, "DELETE FROM audit_event")).hasMessageContaining("append-only");

            // A superuser bypassing the trigger changes who did something: the chain no longer matches.
            long victim;
            String original;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, actor_username FROM audit_event ORDER BY id LIMIT 1 OFFSET 1")) {
                rs.next();
                victim = rs.getLong(1);
                original = rs.getString(2);
            }
            try {
                tamper(c, victim, "someone-else");
                Map<String, Object> broken = as(ADMIN).get("/api/v1/audit/verify").then().statusCode(200).extract().path("");
                assertThat(broken).containsEntry("valid", false);
                assertThat(((Number) broken.get("firstInvalidId")).longValue()).isEqualTo(victim);
            } finally {
                tamper(c, victim, original);
            }
        }
        assertThat((Boolean) as(ADMIN).get("/api/v1/audit/verify").then().statusCode(200).extract().path("valid")).isTrue();
    }

    /** Performs an action, asserts the one audit record under its trace id and returns that record's outcome. */
    private static String record(Supplier<Response> action, int status, String expectedAction, String user,
                                   String patient, Long model) {
        Response r = action.get();
        assertThat(r.statusCode()).as(expectedAction + ": " + r.body().asString()).isEqualTo(status);
        String trace = r.header("X-Trace-Id");
        assertThat(trace).matches("[0-9a-f]{32}");
        List<Map<String, Object>> records = as(ADMIN).queryParam("trace", trace).get("/api/v1/audit").then()
                .statusCode(200).extract().jsonPath().getList("");
        assertThat(records).as(expectedAction).hasSize(1);
        Map<String, Object> a = records.get(0);
        assertThat(a).containsEntry("action", expectedAction).containsEntry("actorUsername", user)
                .containsEntry("traceId", trace);
        assertThat((String) a.get("actorSubject")).matches("[0-9a-f-]{36}");
        assertThat((String) a.get("actorRole")).isNotBlank();
        assertThat(a.get("patient")).isEqualTo(patient);
        assertThat(a.get("modelVersion") == null ? null : ((Number) a.get("modelVersion")).longValue()).isEqualTo(model);
        assertThat((String) a.get("hash")).matches("[0-9a-f]{64}");
        lastResponse = r;
        return (String) a.get("outcome");
    }

    private static Response lastResponse;

    private static Connection connect() throws SQLException {
        TestPlatform p = TestPlatform.get();
        Connection c = DriverManager.getConnection(p.gatewayDatabase().jdbcUrl(), p.postgres().user(), p.postgres().password());
        execute(c, "SET search_path TO gateway");
        return c;
    }

    private static void tamper(Connection c, long id, String username) throws SQLException {
        execute(c, "SET session_replication_role = replica");
        try (PreparedStatement u = c.prepareStatement("UPDATE audit_event SET actor_username = ? WHERE id = ?")) {
            u.setString(1, username);
            u.setLong(2, id);
            assertThat(u.executeUpdate()).isEqualTo(1);
        } finally {
            execute(c, "SET session_replication_role = origin");
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
