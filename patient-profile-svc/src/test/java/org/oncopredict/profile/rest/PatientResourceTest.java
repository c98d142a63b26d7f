package org.oncopredict.profile.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.oncopredict.profile.TestProfiles;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** Create/read/update/delete round trips of the whole profile and each section, over real HTTP and PostgreSQL. */
@QuarkusTest
class PatientResourceTest {

    static final String BASE = "/api/v1/patients";

    static Response create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(BASE);
    }

    static String createId(Map<String, Object> body) {
        return create(body).then().statusCode(201).extract().path("patientId");
    }

    @Test
    void createThenReadReturnsEveryFieldWithEtagAndLocation() {
        Map<String, Object> body = TestProfiles.valid();
        Response created = create(body);
        created.then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", startsWith("http"))
                .body("patientId", org.hamcrest.Matchers.matchesPattern("P-[0-9A-HJKMNP-TV-Z]{10}"))
                .body("version", equalTo(1));
        String id = created.path("patientId");
        assertThat(created.getHeader("Location")).endsWith(BASE + "/" + id);

        Response read = given().get(BASE + "/" + id);
        read.then().statusCode(200).header("ETag", "\"1\"");
        Map<String, Object> got = read.as(Map.class);
        for (String field : List.of("identity.mrn", "identity.givenName", "identity.familyName", "identity.birthDate",
                "sex", "cancer.cancerType", "cancer.primarySiteCode", "cancer.histologyCode", "cancer.diagnosisDate",
                "cancer.tCategory", "cancer.nCategory", "cancer.mCategory", "cancer.stageGroup",
                "genomics.variants[0].gene", "genomics.variants[0].hgvsC", "genomics.variants[0].hgvsP",
                "genomics.variants[0].clinicalSignificance", "genomics.copyNumberAlterations[0].gene",
                "genomics.copyNumberAlterations[0].type", "genomics.msiStatus", "genomics.specimenType", "genomics.reportDate",
                "lifestyle.smokingStatus", "lifestyle.activityMinutesPerWeek", "history.comorbidities[0].code",
                "history.ecog[0].date", "history.ecog[0].score", "history.labs[1].type",
                "history.therapyLines[0].regimenId", "history.therapyLines[0].bestResponse",
                "history.therapyLines[0].reasonStopped", "history.therapyLines[0].worstToxicityGrade",
                "followUp.lastContactDate", "followUp.deceased")) {
            assertThat(TestProfiles.get(got, field)).as(field).isEqualTo(TestProfiles.get(body, field));
        }
        for (String number : List.of("genomics.variants[0].vaf", "genomics.tmbMutPerMb", "genomics.pdl1TpsPercent",
                "lifestyle.bmi", "lifestyle.alcoholUnitsPerWeek", "history.labs[0].value", "genomics.copyNumberAlterations[0].copyNumber")) {
            assertThat(((Number) TestProfiles.get(got, number)).doubleValue()).as(number)
                    .isEqualTo(((Number) TestProfiles.get(body, number)).doubleValue());
        }
        assertThat(TestProfiles.get(got, "cancer.metastaticSites")).isEqualTo(List.of("BONE"));
        assertThat(TestProfiles.get(got, "history.therapyLines[0].lineId").toString()).startsWith("L-");
        // Birth 1958-03-14, diagnosis 2024-02-01: 65 at diagnosis.
        assertThat(got.get("ageAtDiagnosisYears")).isEqualTo(65);
        assertThat(got.get("deidentified")).isEqualTo(false);
    }

    @Test
    void serverAssignedFieldsCannotBeSetByTheClient() {
        Map<String, Object> body = TestProfiles.valid();
        body.put("patientId", "P-CHOSEN0000");
        body.put("version", 99);
        body.put("ageBand", "20-24");
        Response r = create(body);
        r.then().statusCode(201).body("version", equalTo(1)).body("ageBand", equalTo(bandNow()));
        assertThat(r.<String>path("patientId")).isNotEqualTo("P-CHOSEN0000");
    }

    private static String bandNow() {
        int age = java.time.Period.between(java.time.LocalDate.of(1958, 3, 14), java.time.LocalDate.now()).getYears();
        int low = age / 5 * 5;
        return low + "-" + (low + 4);
    }

    @Test
    void eachSectionReadsAndUpdatesOnItsOwnAndBumpsTheVersion() {
        String id = createId(TestProfiles.valid());

        Map<String, Object> genomics = TestProfiles.valid().get("genomics") instanceof Map<?, ?> g ? cast(g) : null;
        TestProfiles.set(genomics, "variants[0].gene", "KRAS");
        TestProfiles.set(genomics, "variants[0].hgvsC", "c.34G>T");
        TestProfiles.set(genomics, "variants[0].hgvsP", "p.G12C");
        genomics.put("fusions", List.of(Map.of("gene5p", "EML4", "gene3p", "ALK")));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(genomics).put(BASE + "/" + id + "/genomics")
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("variants[0].hgvsP", equalTo("p.G12C")).body("fusions[0].gene3p", equalTo("ALK"));

        Map<String, Object> lifestyle = Map.of("smokingStatus", "FORMER", "packYears", 30, "bmi", 27.5);
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body(lifestyle).put(BASE + "/" + id + "/lifestyle")
                .then().statusCode(200).header("ETag", "\"3\"").body("packYears", equalTo(30.0f));

        Map<String, Object> cancer = cast(TestProfiles.valid().get("cancer"));
        cancer.put("stageGroup", "IVB");
        cancer.put("mCategory", "M1c");
        given().contentType(ContentType.JSON).header("If-Match", "\"3\"").body(cancer).put(BASE + "/" + id + "/cancer")
                .then().statusCode(200).header("ETag", "\"4\"").body("stageGroup", equalTo("IVB"));

        Map<String, Object> history = cast(TestProfiles.valid().get("history"));
        history.put("ecog", List.of(Map.of("date", "2024-02-25", "score", 2), Map.of("date", "2024-06-01", "score", 1)));
        given().contentType(ContentType.JSON).header("If-Match", "\"4\"").body(history).put(BASE + "/" + id + "/history")
                .then().statusCode(200).header("ETag", "\"5\"").body("ecog.size()", equalTo(2));

        Map<String, Object> followUp = Map.of("lastContactDate", "2025-03-01", "deceased", true, "deathDate", "2025-03-01");
        given().contentType(ContentType.JSON).header("If-Match", "\"5\"").body(followUp).put(BASE + "/" + id + "/follow-up")
                .then().statusCode(200).header("ETag", "\"6\"").body("deceased", equalTo(true));

        for (String section : List.of("genomics", "lifestyle", "cancer", "history", "follow-up")) {
            given().get(BASE + "/" + id + "/" + section).then().statusCode(200).header("ETag", "\"6\"");
        }
        given().get(BASE + "/" + id).then().statusCode(200)
                .body("genomics.variants[0].hgvsP", equalTo("p.G12C"))
                .body("lifestyle.smokingStatus", equalTo("FORMER"))
                .body("cancer.mCategory", equalTo("M1c"))
                .body("history.ecog[1].score", equalTo(1))
                .body("followUp.deathDate", equalTo("2025-03-01"))
                // the therapy line sent without its id kept the id it had
                .body("history.therapyLines.size()", equalTo(1));
    }

    @Test
    void replacingTheWholeProfileKeepsTherapyLineIdsByLineNumber() {
        Map<String, Object> body = TestProfiles.valid();
        String id = createId(body);
        String lineId = given().get(BASE + "/" + id).path("history.therapyLines[0].lineId");
        TestProfiles.set(body, "identity.familyName", "Müller-Lüdenscheidt");
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body).put(BASE + "/" + id)
                .then().statusCode(200).header("ETag", "\"2\"")
                .body("identity.familyName", equalTo("Müller-Lüdenscheidt"))
                .body("history.therapyLines[0].lineId", equalTo(lineId));
    }

    @Test
    void appendTherapyLineLabAndEcog() {
        String id = createId(TestProfiles.valid());
        Map<String, Object> line = Map.of("regimenId", "docetaxel", "startDate", "2024-09-01", "reasonStopped", "ONGOING");
        given().contentType(ContentType.JSON).body(line).post(BASE + "/" + id + "/therapy-lines")
                .then().statusCode(201).header("ETag", "\"2\"")
                .body("lineNumber", equalTo(2)).body("lineId", startsWith("L-"));
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"")
                .body(Map.of("date", "2024-08-30", "type", "BILIRUBIN", "value", 0.8)).post(BASE + "/" + id + "/labs")
                .then().statusCode(201).header("ETag", "\"3\"").body("type", hasItem("BILIRUBIN"));
        given().contentType(ContentType.JSON).body(Map.of("date", "2024-08-30", "score", 2)).post(BASE + "/" + id + "/ecog")
                .then().statusCode(201).header("ETag", "\"4\"").body("score", hasItem(2));
        // a stale If-Match on an append is refused too
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("date", "2024-08-30", "score", 2))
                .post(BASE + "/" + id + "/ecog").then().statusCode(412);
        given().get(BASE + "/" + id).then().body("history.therapyLines[1].regimenId", equalTo("docetaxel"))
                .body("history.labs.size()", equalTo(3)).body("history.ecog.size()", equalTo(2));
    }

    @Test
    void softDeleteHidesTheProfileFreesTheMrnAndIsLogged() {
        Map<String, Object> body = TestProfiles.valid();
        String id = createId(body);
        given().header("If-Match", "\"1\"").header("X-Actor-Id", "u-123").delete(BASE + "/" + id).then().statusCode(204);
        given().get(BASE + "/" + id).then().statusCode(404).contentType("application/problem+json");
        given().delete(BASE + "/" + id).then().statusCode(404);
        // The MRN can be used by a new profile once the old one is deleted.
        create(body).then().statusCode(201);
    }

    @Test
    void unknownIdIs404ProblemJson() {
        given().get(BASE + "/P-0000000000").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("type", equalTo("urn:oncopredict:problem:not-found"))
                .body("instance", equalTo(BASE + "/P-0000000000"));
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body(Map.of("smokingStatus", "NEVER"))
                .put(BASE + "/P-0000000000/lifestyle").then().statusCode(404);
    }

    @Test
    void duplicateMrnIs409NamingTheField() {
        Map<String, Object> body = TestProfiles.valid();
        createId(body);
        create(body).then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("identity.mrn"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }
}
