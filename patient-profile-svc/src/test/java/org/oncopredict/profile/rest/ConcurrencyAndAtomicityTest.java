package org.oncopredict.profile.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.oncopredict.profile.TestProfiles;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Optimistic locking with real concurrent writers, and all-or-nothing commands under a real database fault. */
@QuarkusTest
class ConcurrencyAndAtomicityTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void updateWithoutIfMatchIs428AndStaleIfMatchIs412WithCurrentEtag() {
        String id = PatientResourceTest.createId(TestProfiles.valid());
        Map<String, Object> lifestyle = Map.of("smokingStatus", "CURRENT", "packYears", 12);
        given().contentType(ContentType.JSON).body(lifestyle).put("/api/v1/patients/" + id + "/lifestyle")
                .then().statusCode(428).contentType("application/problem+json").body("errors[0].field", equalTo("If-Match"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(lifestyle).put("/api/v1/patients/" + id + "/lifestyle")
                .then().statusCode(200).header("ETag", "\"2\"");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("smokingStatus", "NEVER"))
                .put("/api/v1/patients/" + id + "/lifestyle")
                .then().statusCode(412).contentType("application/problem+json").header("ETag", "\"2\"");
        given().contentType(ContentType.JSON).header("If-Match", "*").body(lifestyle).put("/api/v1/patients/" + id + "/lifestyle")
                .then().statusCode(400).body("errors[0].field", equalTo("If-Match"));
        given().get("/api/v1/patients/" + id).then().body("lifestyle.smokingStatus", equalTo("CURRENT"));
    }

    @Test
    void twoConcurrentWritersOfTheSameVersionExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = PatientResourceTest.createId(TestProfiles.valid());
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Integer>> results = new ArrayList<>();
            for (String status : List.of("FORMER", "CURRENT")) {
                results.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                            .body(Map.of("smokingStatus", status, "packYears", 10))
                            .put("/api/v1/patients/" + id + "/lifestyle").statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            pool.shutdown();
            assertThat(codes).containsExactlyInAnyOrder(200, 412);
            given().get("/api/v1/patients/" + id).then().header("ETag", "\"2\"");
            assertThat(ProfileValidationTest.changesOf(id)).isEqualTo(2); // CREATE + one update
        }
    }

    @Test
    void concurrentCreatesWithTheSameMrnCreateOneProfile() throws Exception {
        Map<String, Object> body = TestProfiles.valid(TestProfiles.uniqueTeam());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return given().contentType(ContentType.JSON).body(body).post("/api/v1/patients").statusCode();
            }));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : results) {
            codes.add(f.get());
        }
        pool.shutdown();
        assertThat(codes).containsExactlyInAnyOrder(201, 409, 409);
        given().get("/api/v1/patients?careTeam=" + TestProfiles.get(body, "careTeams[0]")).then().body("total", equalTo(1));
    }

    /**
     * A trigger makes PostgreSQL fail while the child rows of an update are written (after the patient row was
     * updated in the same transaction): the whole command must roll back.
     */
    @Test
    void aDatabaseFailureMidCommandRollsBackEverything() throws Exception {
        String id = PatientResourceTest.createId(TestProfiles.valid());
        long changes = ProfileValidationTest.changesOf(id);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION profiles.fail_on_marker() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.gene = 'FAILMARKER' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            s.execute("CREATE TRIGGER fail_on_marker BEFORE INSERT OR UPDATE ON profiles.variant "
                    + "FOR EACH ROW EXECUTE FUNCTION profiles.fail_on_marker()");
        }
        try {
            Map<String, Object> genomics = PatientResourceTest.cast(TestProfiles.valid().get("genomics"));
            genomics.put("variants", List.of(Map.of("gene", "FAILMARKER", "vaf", 0.5)));
            genomics.put("tmbMutPerMb", 33.0);
            String body = given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(genomics)
                    .put("/api/v1/patients/" + id + "/genomics")
                    .then().statusCode(500).contentType("application/problem+json").extract().asString();
            assertThat(body).doesNotContain("injected failure").doesNotContain("FAILMARKER");
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER fail_on_marker ON profiles.variant");
                s.execute("DROP FUNCTION profiles.fail_on_marker()");
            }
        }
        given().get("/api/v1/patients/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("version", equalTo(1))
                .body("genomics.tmbMutPerMb", equalTo(4.2f))
                .body("genomics.variants[0].gene", equalTo("EGFR"));
        assertThat(ProfileValidationTest.changesOf(id)).isEqualTo(changes);
    }
}
