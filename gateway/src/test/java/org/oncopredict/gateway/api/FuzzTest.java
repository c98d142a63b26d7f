package org.oncopredict.gateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.oncopredict.gateway.testsupport.Fixtures;
import org.oncopredict.gateway.testsupport.PlatformTestResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oncopredict.gateway.testsupport.Fixtures.ADMIN;
import static org.oncopredict.gateway.testsupport.Fixtures.ONCOLOGIST;
import static org.oncopredict.gateway.testsupport.Fixtures.as;

/**
 * A bounded, seeded fuzz run on loopback: 1,200 malformed, oversized or random requests (bad JSON, wrong types,
 * unknown fields, invalid enums and dates, bad headers and parameters, odd methods and paths, garbage tokens) from an
 * authenticated oncologist and from nobody. Every answer must be a 4xx {@code application/problem+json} without a
 * stack trace, and nothing may have been written.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class FuzzTest {

    static final int REQUESTS = 1200;
    static final long SEED = 20261201;

    @Test
    void malformedRequestsGetOnly4xxProblemsAndWriteNothing() {
        String patient = Fixtures.thoracicPatient();
        String etag = as(ONCOLOGIST).get("/api/v1/patients/" + patient).header("ETag");
        int writesBefore = writes();
        int patientsBefore = patients();
        Random random = new Random(SEED);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        RestAssuredConfig raw = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false));
        for (int i = 0; i < REQUESTS; i++) {
            Attempt a = attempt(random, patient, etag, i);
            RequestSpecification request = RestAssured.given().config(raw).urlEncodingEnabled(false);
            if (a.token() != null) {
                request.auth().oauth2(a.token());
            }
            a.headers().forEach(request::header);
            if (a.body() != null) {
                request.contentType(a.contentType()).body(a.body());
            }
            Response r = request.request(a.method(), a.path());
            statuses.merge(r.statusCode(), 1, Integer::sum);
            String body = r.body().asString();
            boolean ok = r.statusCode() >= 400 && r.statusCode() < 500
                    && r.contentType() != null && r.contentType().startsWith("application/problem+json")
                    && !body.contains("Exception") && !body.contains("\tat ") && !body.contains(".java:");
            if (!ok && failures.size() < 20) {
                failures.add(a.method() + " " + a.path() + " [" + a.description() + "] -> " + r.statusCode() + " "
                        + r.contentType() + " " + body.substring(0, Math.min(300, body.length())));
            }
        }
        System.out.println("fuzz: " + REQUESTS + " requests, statuses " + statuses);
        assertThat(failures).as("answers that were not a clean 4xx problem").isEmpty();
        assertThat(as(ONCOLOGIST).get("/api/v1/patients/" + patient).header("ETag")).as("patient unchanged").isEqualTo(etag);
        assertThat(writes()).as("no write was audited").isEqualTo(writesBefore);
        assertThat(patients()).as("no patient was created").isEqualTo(patientsBefore);
    }

    record Attempt(String method, String path, String token, Map<String, String> headers, String contentType,
                   String body, String description) {
    }

    private static Attempt attempt(Random random, String patient, String etag, int i) {
        String token = Fixtures.token(ONCOLOGIST);
        String base = "/api/v1/patients/" + patient;
        return switch (i % 12) {
            case 0 -> new Attempt("POST", "/api/v1/patients", token, Map.of(), "application/json", brokenJson(random),
                    "malformed JSON");
            case 1 -> new Attempt("POST", base + "/labs", token, Map.of(), "application/json", wrongLab(random),
                    "invalid lab");
            case 2 -> new Attempt("POST", base + "/ecog", token, Map.of(), "application/json", wrongEcog(random),
                    "invalid ECOG");
            case 3 -> new Attempt("PUT", base + "/lifestyle", token, Map.of("If-Match", badIfMatch(random, etag)),
                    "application/json", "{\"bmi\":" + (random.nextBoolean() ? "\"heavy\"" : "-3") + "}", "bad If-Match or value");
            case 4 -> new Attempt("POST", base + "/decisions", token, Map.of(), "application/json", badDecision(random),
                    "invalid decision");
            case 5 -> new Attempt("GET", "/api/v1/patients?" + badQuery(random), token, Map.of(), null, null,
                    "bad query parameters");
            case 6 -> new Attempt(random.nextBoolean() ? "PATCH" : "DELETE", base, token, Map.of(), null, null,
                    "method not allowed");
            case 7 -> new Attempt("GET", randomPath(random), token, Map.of(), null, null, "unknown path");
            case 8 -> new Attempt("POST", base + "/therapy-lines", token, Map.of(),
                    random.nextBoolean() ? "text/plain" : "application/xml", "<line/>", "wrong content type");
            case 9 -> new Attempt("GET", base, garbageToken(random), Map.of(), null, null, "garbage token");
            case 10 -> new Attempt("POST", "/api/v1/patients", i % 120 == 10 ? token : null, Map.of(), "application/json",
                    i % 120 == 10 ? oversized(random) : "{}", i % 120 == 10 ? "oversized body" : "no token");
            default -> new Attempt("POST", "/api/v1/cohorts/predict", token, Map.of(), "application/json",
                    badCohort(random), "invalid cohort request");
        };
    }

    private static String brokenJson(Random r) {
        String[] bodies = {"{", "{\"identity\":", "[]", "null", "\"text\"", "{\"unknownField\":1}",
                "{\"sex\":\"SEX_MARTIAN\"}", "{\"identity\":{\"mrn\":" + r.nextInt() + "}}", "{\"cancer\":[1,2,3]}",
                "{\"careTeams\":\"thoracic-a\"}", "{\"version\":\"x\"}", "{\"cancer\":{\"diagnosisDate\":\"yesterday\"}}",
                "{" + "\"a\":{".repeat(200) + "}".repeat(200) + "}", "\u0000\u0001", "{\"genomics\":{\"tmbMutPerMb\":1e999}}",
                "{\"identity\":{\"mrn\":\"M1\",\"givenName\":\"" + "x".repeat(5000) + "\"}}"};
        return bodies[r.nextInt(bodies.length)];
    }

    private static String wrongLab(Random r) {
        String[] bodies = {"{\"date\":\"2025-13-40\",\"type\":\"LAB_TYPE_EGFR\",\"value\":50}",
                "{\"date\":\"2024-01-01\",\"type\":\"LAB_TYPE_NOPE\",\"value\":50}",
                "{\"date\":\"2024-01-01\",\"type\":\"LAB_TYPE_EGFR\",\"value\":-" + (1 + r.nextInt(100)) + "}",
                "{\"date\":\"2099-01-01\",\"type\":\"LAB_TYPE_EGFR\",\"value\":50}",
                "{\"date\":\"2024-01-01\",\"type\":\"LAB_TYPE_EGFR\",\"value\":\"high\"}",
                "{\"date\":\"2024-01-01\",\"value\":50}", "{}", "{\"date\":[]}"};
        return bodies[r.nextInt(bodies.length)];
    }

    private static String wrongEcog(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "{\"date\":\"2024-01-01\",\"score\":" + (5 + r.nextInt(1000)) + "}";
            case 1 -> "{\"date\":\"2024-01-01\",\"score\":-1}";
            case 2 -> "{\"date\":\"not-a-date\",\"score\":1}";
            default -> "{\"score\":1.5}";
        };
    }

    private static String badIfMatch(Random r, String etag) {
        String[] values = {"*", "\"0\"", "\"-4\"", "abc", "\"" + (1000 + r.nextInt(1000)) + "\"", ""};
        String v = values[r.nextInt(values.length)];
        return v.isEmpty() ? "W/\"x\"" : v;
    }

    private static String badDecision(Random r) {
        String[] bodies = {"{}", "{\"regimenId\":\"\",\"rationale\":\"x\"}", "{\"regimenId\":\"osimertinib\"}",
                "{\"regimenId\":\"no-such-regimen\",\"rationale\":\"x\"}", "{\"regimenId\":\"Robert'); DROP TABLE--\",\"rationale\":\"x\"}",
                "{\"regimenId\":\"docetaxel\",\"rationale\":\"" + "y".repeat(2500) + "\"}",
                "{\"regimenId\":\"docetaxel\",\"rationale\":\"x\",\"startDate\":\"31/12/2024\"}",
                "{\"regimenId\":\"docetaxel\",\"rationale\":\"x\",\"unexpected\":true}", "[1]"};
        return bodies[r.nextInt(bodies.length)];
    }

    private static String badQuery(Random r) {
        String[] queries = {"pageSize=0", "pageSize=-5", "pageSize=abc", "pageSize=100000", "cancerType=LUNGISH",
                "biomarker=" + "X".repeat(80), "biomarker=EGFR:p.%3Cscript%3E", "pageToken=!!!not-ours", "pageToken=bm90LWEtdG9rZW4",
                "q=" + "a".repeat(150)};
        return queries[r.nextInt(queries.length)];
    }

    private static String randomPath(Random r) {
        String[] paths = {"/api/v1/nothing", "/api/v1/patients/P-XXXXXXXXXX", "/api/v1/patients/..%2f..%2fetc%2fpasswd",
                "/api/v1/patients/" + "A".repeat(300), "/api/v2/patients", "/api/v1/models/abc/card",
                "/api/v1/models/99999/card", "/api/v1/agendas/not-a-uuid", "/api/v1/patients/%00",
                "/api/v1/patients/P-AAAAAAAAAA/genomics"};
        return paths[r.nextInt(paths.length)];
    }

    private static String garbageToken(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20 + r.nextInt(200); i++) {
            s.append((char) ('!' + r.nextInt(90)));
        }
        return s.toString().replace(" ", "");
    }

    private static String badCohort(Random r) {
        String[] bodies = {"{\"filter\":{\"biomarkers\":[\"not a marker!\"]}}", "{\"maxPatients\":-1}",
                "{\"regimenIds\":[\"nope\"]}", "{\"asOfDate\":\"soon\"}", "{\"filter\":{\"careTeams\":[\"gi-a\"]}}",
                "{\"filter\":{\"cancerTypes\":[\"CANCER_TYPE_MOON\"]}}", "{\"filter\":5}"};
        return bodies[r.nextInt(bodies.length)];
    }

    /** Just over the 1 MiB request limit. */
    private static String oversized(Random r) {
        return "{\"identity\":{\"mrn\":\"" + "Z".repeat(1_100_000 + r.nextInt(1000)) + "\"}}";
    }

    /** Write actions recorded in the audit trail so far. */
    private static int writes() {
        int n = 0;
        for (String action : List.of("PATIENT_CREATE", "PATIENT_UPDATE", "HISTORY_APPEND", "DECISION")) {
            n += as(ADMIN).queryParam("action", action).queryParam("limit", 1000).get("/api/v1/audit").then()
                    .statusCode(200).extract().jsonPath().getList("").size();
        }
        return n;
    }

    private static int patients() {
        // int64 fields are JSON strings in the proto3 mapping.
        return Integer.parseInt(as(ADMIN).queryParam("pageSize", 1).get("/api/v1/patients").then().statusCode(200)
                .extract().path("totalSize"));
    }
}
