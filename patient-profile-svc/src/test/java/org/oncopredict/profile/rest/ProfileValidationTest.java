package org.oncopredict.profile.rest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.oncopredict.profile.TestProfiles;
import org.oncopredict.profile.repository.PatientEntity;
import org.oncopredict.profile.repository.ProfileChangeEntity;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Every rule rejects its bad value with 400 problem+json naming the field and the rule, and a rejected
 * request writes nothing.
 */
@QuarkusTest
class ProfileValidationTest {

    private static final String FUTURE = LocalDate.now().plusDays(3).toString();

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "genomics.variants[0].vaf                    | 1.5         | genomics.variants[0].vaf                   | less than or equal to 1",
            "genomics.variants[0].vaf                    | -0.1        | genomics.variants[0].vaf                   | greater than or equal to 0",
            "genomics.variants[0].gene                   | egfr        | genomics.variants[0].gene                  | HGNC gene symbol",
            "genomics.variants[0].hgvsP                  | L858R       | genomics.variants[0].hgvsP                 | HGVS protein change",
            "genomics.pdl1TpsPercent                     | 101         | genomics.pdl1TpsPercent                    | less than or equal to 100",
            "genomics.tmbMutPerMb                        | -1          | genomics.tmbMutPerMb                       | greater than or equal to 0",
            "genomics.reportDate                         | FUTURE      | genomics.reportDate                        | past or in the present",
            "history.ecog[0].score                       | 5           | history.ecog[0].score                      | less than or equal to 4",
            "history.ecog[0].score                       | -1          | history.ecog[0].score                      | greater than or equal to 0",
            "history.ecog[0].date                        | FUTURE      | history.ecog[0].date                       | past or in the present",
            "history.therapyLines[0].worstToxicityGrade  | 6           | history.therapyLines[0].worstToxicityGrade | less than or equal to 5",
            "history.therapyLines[0].startDate           | 2023-01-01  | history.therapyLines[0].startDate          | before the diagnosis date",
            "history.therapyLines[0].startDate           | FUTURE      | history.therapyLines[0].startDate          | past or in the present",
            "history.therapyLines[0].regimenId           | Osimertinib! | history.therapyLines[0].regimenId         | catalogue regimen id",
            "history.labs[0].value                       | 0           | history.labs[0].value                      | greater than 0",
            "history.labs[0].value                       | 900         | history.labs[0].value                      | at most 250.0",
            "history.comorbidities[0].code               | diabetes    | history.comorbidities[0].code              | ICD-10",
            "cancer.stageGroup                           | IIIA        | cancer.stageGroup                          | must be stage IV when the M category is M1b",
            "cancer.tCategory                            | T9          | cancer.tCategory                           | AJCC 8 T category",
            "cancer.primarySiteCode                      | lung        | cancer.primarySiteCode                     | ICD-O-3 topography",
            "cancer.diagnosisDate                        | 1950-01-01  | cancer.diagnosisDate                       | before the birth date",
            "lifestyle.packYears                         | 20          | lifestyle.packYears                        | never-smoker",
            "lifestyle.bmi                               | 5           | lifestyle.bmi                              | greater than or equal to 10",
            "identity.birthDate                          | FUTURE      | identity.birthDate                         | past date",
            "identity.birthDate                          | 1850-01-01  | identity.birthDate                         | before 1900",
            "identity.mrn                                | a b         | identity.mrn                               | letters, digits or hyphens",
            "identity.familyName                         | ''          | identity.familyName                        | must not be blank",
            "careTeams[0]                                | Thoracic A  | careTeams[0]                               | care-team id",
            "followUp.deceased                           | true        | followUp.deathDate                         | must be set when the patient is deceased",
    })
    void badFieldIsRejectedByName(String path, String value, String field, String rule) {
        Map<String, Object> body = TestProfiles.valid();
        Object v = "FUTURE".equals(value) ? FUTURE : "''".equals(value) ? "" : parse(value);
        TestProfiles.set(body, path, v);
        long before = countPatients();
        given().contentType(ContentType.JSON).body(body).post("/api/v1/patients")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:oncopredict:problem:validation"))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(rule))
                .body("detail", containsString(field));
        assertThat(countPatients()).isEqualTo(before);
    }

    @Test
    void unknownEnumValueNamesTheFieldAndTheAllowedValues() {
        Map<String, Object> body = TestProfiles.valid();
        TestProfiles.set(body, "genomics.variants[0].clinicalSignificance", "SORT_OF_BAD");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/patients")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("genomics.variants[0].clinicalSignificance"))
                .body("errors[0].message", containsString("PATHOGENIC"));
    }

    @Test
    void misspeltFieldIsRejectedNotSilentlyDropped() {
        Map<String, Object> body = TestProfiles.valid();
        TestProfiles.set(body, "genomics.variants[0].vaff", 0.2);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/patients")
                .then().statusCode(400).body("errors[0].field", equalTo("genomics.variants[0].vaff"))
                .body("errors[0].message", equalTo("is not a known field"));
    }

    @Test
    void badDateAndMalformedJsonAreProblems() {
        Map<String, Object> body = TestProfiles.valid();
        TestProfiles.set(body, "cancer.diagnosisDate", "2024-13-45");
        given().contentType(ContentType.JSON).body(body).post("/api/v1/patients")
                .then().statusCode(400).body("errors[0].field", equalTo("cancer.diagnosisDate"))
                .body("errors[0].message", containsString("ISO-8601"));
        given().contentType(ContentType.JSON).body("{\"sex\":").post("/api/v1/patients")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:oncopredict:problem:malformed-json"));
    }

    @Test
    void errorsNeverEchoPhi() {
        Map<String, Object> body = TestProfiles.valid();
        TestProfiles.set(body, "history.ecog[0].date", "1950-01-01"); // before birth
        String response = given().contentType(ContentType.JSON).body(body).post("/api/v1/patients")
                .then().statusCode(400).extract().asString();
        assertThat(response).doesNotContain("1958-03-14").doesNotContain("Müller").doesNotContain((String) TestProfiles.get(body, "identity.mrn"));
    }

    @Test
    void listParametersAreValidated() {
        given().get("/api/v1/patients?cancerType=LUNG").then().statusCode(400)
                .body("errors[0].field", equalTo("cancerType")).body("errors[0].message", containsString("NSCLC"));
        given().get("/api/v1/patients?biomarker=egfr!").then().statusCode(400).body("errors[0].field", equalTo("biomarker"));
        given().get("/api/v1/patients?size=500").then().statusCode(400).body("errors[0].field", equalTo("size"));
        given().get("/api/v1/patients?page=-1").then().statusCode(400).body("errors[0].field", equalTo("page"));
    }

    @Test
    void rejectedUpdateLeavesProfileAndChangeLogUntouched() {
        String id = given().contentType(ContentType.JSON).body(TestProfiles.valid()).post("/api/v1/patients")
                .then().statusCode(201).extract().path("patientId");
        long changes = changesOf(id);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("variants", List.of(Map.of("gene", "EGFR", "vaf", 2.0)))).put("/api/v1/patients/" + id + "/genomics")
                .then().statusCode(400).body("errors.field", hasItem("genomics.variants[0].vaf"));
        given().get("/api/v1/patients/" + id).then().statusCode(200).header("ETag", "\"1\"")
                .body("genomics.variants[0].vaf", equalTo(0.31f)).body("genomics.variants.gene", not(hasItem("KRAS")));
        assertThat(changesOf(id)).isEqualTo(changes);
    }

    static long countPatients() {
        return QuarkusTransaction.requiringNew().call(() -> PatientEntity.count());
    }

    static long changesOf(String patientId) {
        return QuarkusTransaction.requiringNew().call(() -> ProfileChangeEntity.count("patientId", patientId));
    }

    private static Object parse(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return v.contains(".") ? (Object) Double.parseDouble(v) : (Object) Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
