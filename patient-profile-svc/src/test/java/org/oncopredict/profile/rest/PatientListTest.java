package org.oncopredict.profile.rest;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.oncopredict.profile.TestProfiles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** Paging and every filter kind, on a care team of the test's own so other tests' data never interferes. */
@QuarkusTest
class PatientListTest {

    @Test
    void filtersSelectExactlyTheMatchingPatients() {
        String team = TestProfiles.uniqueTeam();
        String egfr = PatientResourceTest.createId(TestProfiles.valid(team)); // EGFR p.L858R, PD-L1 20, TMB 4.2

        Map<String, Object> kras = TestProfiles.valid(team);
        TestProfiles.set(kras, "genomics.variants[0].gene", "KRAS");
        TestProfiles.set(kras, "genomics.variants[0].hgvsP", "p.G12C");
        TestProfiles.set(kras, "genomics.pdl1TpsPercent", 80);
        TestProfiles.set(kras, "genomics.tmbMutPerMb", 14.0);
        String krasId = PatientResourceTest.createId(kras);

        Map<String, Object> alk = TestProfiles.valid(team);
        PatientResourceTest.cast(alk.get("genomics")).put("variants", List.of());
        PatientResourceTest.cast(alk.get("genomics")).put("fusions", List.of(Map.of("gene5p", "EML4", "gene3p", "ALK")));
        String alkId = PatientResourceTest.createId(alk);

        Map<String, Object> crc = TestProfiles.valid(team);
        TestProfiles.set(crc, "cancer.cancerType", "COLORECTAL");
        TestProfiles.set(crc, "cancer.primarySiteCode", "C18.7");
        TestProfiles.set(crc, "genomics.msiStatus", "MSI_H");
        TestProfiles.set(crc, "genomics.variants[0].clinicalSignificance", "BENIGN"); // a benign EGFR variant is no finding
        String crcId = PatientResourceTest.createId(crc);

        Map<String, Object> breast = TestProfiles.valid(team);
        TestProfiles.set(breast, "cancer.cancerType", "BREAST");
        TestProfiles.set(breast, "cancer.primarySiteCode", "C50.4");
        TestProfiles.set(breast, "cancer.histologyCode", "8500/3");
        TestProfiles.set(breast, "genomics.her2Ihc", "IHC_2_PLUS");
        TestProfiles.set(breast, "genomics.her2Ish", "POSITIVE");
        TestProfiles.set(breast, "genomics.erPercent", 90);
        String breastId = PatientResourceTest.createId(breast);

        assertThat(ids(team, "")).containsExactlyInAnyOrder(egfr, krasId, alkId, crcId, breastId);
        assertThat(ids(team, "&cancerType=NSCLC")).containsExactlyInAnyOrder(egfr, krasId, alkId);
        assertThat(ids(team, "&cancerType=COLORECTAL&cancerType=BREAST")).containsExactlyInAnyOrder(crcId, breastId);
        assertThat(ids(team, "&biomarker=EGFR")).containsExactlyInAnyOrder(egfr, breastId);
        assertThat(ids(team, "&biomarker=KRAS:p.G12C")).containsExactly(krasId);
        assertThat(ids(team, "&biomarker=ALK")).containsExactly(alkId);
        assertThat(ids(team, "&biomarker=MSI-H")).containsExactly(crcId);
        assertThat(ids(team, "&biomarker=PDL1-HIGH&biomarker=TMB-H")).containsExactly(krasId);
        assertThat(ids(team, "&biomarker=PDL1-HIGH&biomarker=EGFR")).isEmpty();
        assertThat(ids(team, "&biomarker=HER2-POSITIVE")).containsExactly(breastId);
        assertThat(ids(team, "&biomarker=HR-POSITIVE")).containsExactly(breastId);
        assertThat(ids(TestProfiles.uniqueTeam(), "")).isEmpty();
    }

    @Test
    void pagesAreNewestFirstCompleteAndDisjoint() {
        String team = TestProfiles.uniqueTeam();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(PatientResourceTest.createId(TestProfiles.valid(team)));
        }
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            List<String> items = given().get("/api/v1/patients?careTeam=" + team + "&size=3&page=" + page)
                    .then().statusCode(200).body("total", equalTo(7)).body("size", equalTo(3)).body("page", equalTo(page))
                    .extract().path("items.patientId");
            assertThat(items).hasSize(page < 2 ? 3 : 1);
            seen.addAll(items);
        }
        Set<String> unique = new HashSet<>(seen);
        assertThat(unique).hasSize(7);
        List<String> newestFirst = new ArrayList<>(created);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        given().get("/api/v1/patients?careTeam=" + team + "&size=3&page=1")
                .then().body("items[0].identity.mrn", org.hamcrest.Matchers.startsWith("MRN"))
                .body("items.cancerType", contains("NSCLC", "NSCLC", "NSCLC"));
    }

    static List<String> ids(String team, String query) {
        return given().get("/api/v1/patients?size=200&careTeam=" + team + query).then().statusCode(200)
                .extract().path("items.patientId");
    }
}
