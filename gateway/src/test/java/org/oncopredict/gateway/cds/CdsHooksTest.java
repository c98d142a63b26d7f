package org.oncopredict.gateway.cds;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.oncopredict.gateway.fhir.FhirJson;
import org.oncopredict.gateway.mapping.ProtoJson;
import org.oncopredict.gateway.testsupport.PlatformTestResource;
import org.oncopredict.proto.efficacy.v1.EligibilityStatus;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.efficacy.v1.RegimenPrediction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.oncopredict.gateway.testsupport.Fixtures.ADMIN;
import static org.oncopredict.gateway.testsupport.Fixtures.ONCOLOGIST;
import static org.oncopredict.gateway.testsupport.Fixtures.as;

/**
 * CDS Hooks 2.0 against the real services: discovery, patient-view cards for a simulated EGFR-mutant NSCLC patient,
 * order-select of a contraindicated regimen (critical card), feedback in the audit trail, and the CDS client JWT
 * checks (signature, issuer allow-list, jku, audience, expiry, replay) with keys served by a JWKS server in the test.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(CdsTestClient.class)
class CdsHooksTest {

    static final String PATIENT_VIEW = "/cds-services/oncopredict-patient-view";
    static final String ORDER_SELECT = "/cds-services/oncopredict-order-select";

    @Inject
    FhirJson fhir;
    @Inject
    ObjectMapper mapper;

    static String aud(String path) {
        return "http://localhost:" + RestAssured.port + path;
    }

    static Response call(String path, String token, Object body) {
        var spec = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.post(path);
    }

    static PredictTreatmentOutcomesResponse options(String id) {
        String body = as(ONCOLOGIST).queryParam("curves", false).get("/api/v1/patients/" + id + "/treatment-options")
                .then().statusCode(200).extract().asString();
        return ProtoJson.parse(body, PredictTreatmentOutcomesResponse.newBuilder(), null).build();
    }

    static Optional<RegimenPrediction> prediction(PredictTreatmentOutcomesResponse r, String regimen) {
        return r.getPredictionsList().stream().filter(p -> p.getRegimenId().equals(regimen)).findFirst();
    }

    ObjectNode request(String hook, String patientId) {
        ObjectNode r = mapper.createObjectNode();
        r.put("hook", hook);
        r.put("hookInstance", UUID.randomUUID().toString());
        r.put("fhirServer", "https://ehr.test.oncopredict.invalid/fhir");
        ObjectNode context = r.putObject("context");
        context.put("userId", "Practitioner/ehr-user-1");
        context.put("patientId", patientId);
        return r;
    }

    List<JsonNode> cards(Response r) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        try {
            mapper.readTree(r.asString()).path("cards").forEach(out::add);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        for (JsonNode c : out) {
            assertThat(UUID.fromString(c.path("uuid").asText())).isNotNull();
            assertThat(c.path("summary").asText()).isNotBlank().hasSizeLessThanOrEqualTo(140);
            assertThat(c.path("indicator").asText()).isIn("info", "warning", "critical");
            assertThat(c.path("source").path("label").asText()).startsWith("OncoPredict");
            assertThat(c.path("detail").asText()).contains("Decision support, not a decision");
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ discovery

    @Test
    void discoveryListsBothServicesWithPrefetchTemplates() throws Exception {
        Response r = given().get("/cds-services");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode services = mapper.readTree(r.asString()).path("services");
        assertThat(services.isArray()).isTrue();
        assertThat(services).hasSize(2);
        JsonNode pv = services.get(0);
        assertThat(pv.path("id").asText()).isEqualTo("oncopredict-patient-view");
        assertThat(pv.path("hook").asText()).isEqualTo("patient-view");
        assertThat(pv.path("title").asText()).isNotBlank();
        assertThat(pv.path("description").asText()).isNotBlank();
        assertThat(pv.path("prefetch").path("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        assertThat(pv.path("prefetch").path("conditions").asText()).startsWith("Condition?patient={{context.patientId}}");
        JsonNode os = services.get(1);
        assertThat(os.path("id").asText()).isEqualTo("oncopredict-order-select");
        assertThat(os.path("hook").asText()).isEqualTo("order-select");
        assertThat(os.path("prefetch").path("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
    }

    // ------------------------------------------------------------------------------------------ patient-view

    /**
     * A simulated NSCLC patient of oncologist1 whose EGFR activating mutation meets osimertinib's indication. In the
     * simulated cohort these patients have had osimertinib already (and progressed), so it is contraindicated now: the
     * card must say so rather than propose it.
     */
    static String egfrPatient() {
        List<String> ids = as(ONCOLOGIST).queryParam("cancerType", "NSCLC").queryParam("biomarker", "EGFR")
                .queryParam("pageSize", 30).get("/api/v1/patients").then().statusCode(200).extract()
                .path("patients.patientId");
        for (String id : ids) {
            Optional<RegimenPrediction> osi = prediction(options(id), "osimertinib");
            if (osi.isPresent() && !osi.get().getEligibility().getIndicationSummary().isEmpty()) {
                return id;
            }
        }
        throw new AssertionError("no EGFR-mutant NSCLC patient meeting osimertinib's indication among " + ids);
    }

    @Test
    void patientViewOfAnEgfrMutantPatientShowsTheEgfrTargetedOptionsWithTheirNumbers() throws Exception {
        String id = egfrPatient();
        PredictTreatmentOutcomesResponse api = options(id);
        // Expected, from the API's own data: regimens whose met indication requires EGFR_ACTIVATING.
        JsonNode catalogue = mapper.readTree(as(ONCOLOGIST).get("/api/v1/regimens?cancerType=NSCLC").asString())
                .path("regimens");
        List<RegimenPrediction> expected = new ArrayList<>();
        for (RegimenPrediction p : api.getPredictionsList()) {
            if (p.getEligibility().getStatus() == EligibilityStatus.ELIGIBILITY_STATUS_NOT_INDICATED) {
                continue;
            }
            for (JsonNode r : catalogue) {
                if (r.path("id").asText().equals(p.getRegimenId())) {
                    for (JsonNode ind : r.path("indications")) {
                        if (ind.path("summary").asText().equals(p.getEligibility().getIndicationSummary())
                                && ind.path("requiredBiomarkers").toString().contains("EGFR_ACTIVATING")) {
                            expected.add(p);
                        }
                    }
                }
            }
        }
        assertThat(expected).extracting(RegimenPrediction::getRegimenId).contains("osimertinib");
        List<RegimenPrediction> eligible = expected.stream().filter(CdsService::eligible).toList();

        // The EHR knows the patient by its own id; the prefetched Patient carries the MRN.
        String patient = as(ONCOLOGIST).get("/fhir/Patient/" + id).then().statusCode(200).extract().asString();
        ObjectNode req = request("patient-view", "ehr-patient-4711");
        req.putObject("prefetch").set("patient", mapper.readTree(patient));
        Response r = call(PATIENT_VIEW, CdsTestClient.token(aud(PATIENT_VIEW)), req.toString());
        List<JsonNode> cards = cards(r);
        JsonNode egfr = cards.stream().filter(c -> c.path("summary").asText().startsWith("EGFR activating mutation: "))
                .findFirst().orElseThrow(() -> new AssertionError("no EGFR card in " + r.asString()));
        assertThat(egfr.path("indicator").asText()).isEqualTo("info");
        if (eligible.isEmpty()) {
            assertThat(egfr.path("summary").asText()).startsWith("EGFR activating mutation: no EGFR-targeted option "
                    + "eligible (" + CdsService.status(expected.get(0)));
            assertThat(egfr.path("suggestions").isMissingNode()).as("nothing to propose").isTrue();
        } else {
            assertThat(egfr.path("summary").asText()).startsWith("EGFR activating mutation: EGFR-targeted option")
                    .contains(eligible.get(0).getRegimenName());
            List<String> suggested = new ArrayList<>();
            egfr.path("suggestions").forEach(s -> suggested.add(s.path("actions").get(0).path("resource")
                    .path("medicationCodeableConcept").path("coding").get(0).path("code").asText()));
            assertThat(suggested).containsExactlyElementsOf(eligible.stream().map(RegimenPrediction::getRegimenId).toList());
        }
        for (RegimenPrediction p : expected) {
            // Each regimen's row carries the API's numbers; a contraindication is spelt out.
            assertThat(egfr.path("detail").asText()).contains("| " + p.getRegimenName() + " | "
                    + p.getEligibility().getStatus().name().substring("ELIGIBILITY_STATUS_".length()).toLowerCase()
                    .replace('_', ' ') + " | " + CdsService.pct(p.hasResponse() ? p.getResponse() : null) + " | "
                    + CdsService.pct(p.hasSevereToxicity() ? p.getSevereToxicity() : null) + " | " + CdsService.pfs12(p) + " |");
            p.getEligibility().getReasonsList().stream()
                    .filter(x -> x.getSeverity() == org.oncopredict.proto.efficacy.v1.ReasonSeverity.REASON_SEVERITY_CONTRAINDICATED)
                    .forEach(x -> assertThat(egfr.path("detail").asText()).contains("**" + x.getMessage() + "**"));
        }
        List<String> linkTypes = new ArrayList<>();
        egfr.path("links").forEach(l -> {
            linkTypes.add(l.path("type").asText());
            assertThat(l.path("url").asText()).endsWith("/ui/patients/" + id);
        });
        assertThat(linkTypes).containsExactly("absolute", "smart");

        api.getPredictionsList().stream().filter(CdsService::eligible).filter(RegimenPrediction::hasResponse).findFirst()
                .ifPresent(top -> assertThat(cards).anySatisfy(c -> assertThat(c.path("summary").asText())
                        .startsWith("Top predicted option: " + top.getRegimenName() + " — response "
                                + CdsService.pct(top.getResponse()))));

        // The read is audited under the CDS client, on the pseudonym.
        List<Map<String, Object>> audit = as(ADMIN).queryParam("patient", id).queryParam("action", "PATIENT_READ")
                .queryParam("limit", 5).get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(audit).anySatisfy(a -> {
            assertThat((String) a.get("actorUsername")).isEqualTo("cds:" + CdsTestClient.CLIENT_ID + "@" + CdsTestClient.ISSUER);
            assertThat((String) a.get("detail")).isEqualTo("CDS Hooks patient-view");
        });
    }

    /** The imported NSCLC example (EGFR L858R, never treated): osimertinib eligible, proposed in the card. */
    @Test
    void patientViewOfAnUntreatedEgfrPatientProposesOsimertinib() {
        String id = renalImpairedPatient();
        RegimenPrediction osi = prediction(options(id), "osimertinib").orElseThrow();
        assertThat(CdsService.eligible(osi)).as(osi.getEligibility().toString()).isTrue();
        List<JsonNode> cards = cards(call(PATIENT_VIEW, CdsTestClient.token(aud(PATIENT_VIEW)),
                request("patient-view", id).toString()));
        JsonNode egfr = cards.stream().filter(c -> c.path("summary").asText().startsWith("EGFR activating mutation: "
                + "EGFR-targeted option")).findFirst().orElseThrow();
        assertThat(egfr.path("summary").asText()).contains("Osimertinib");
        List<String> suggested = new ArrayList<>();
        egfr.path("suggestions").forEach(s -> suggested.add(s.path("actions").get(0).path("resource")
                .path("medicationCodeableConcept").path("coding").get(0).path("code").asText()));
        assertThat(suggested).contains("osimertinib");
        assertThat(egfr.path("detail").asText()).contains(CdsService.pct(osi.getResponse()));
    }

    @Test
    void patientViewWarnsWhenTheEhrDiagnosisDiffers() throws Exception {
        String id = egfrPatient();
        ObjectNode req = request("patient-view", id);
        ObjectNode conditions = req.putObject("prefetch").putObject("conditions");
        conditions.put("resourceType", "Bundle");
        conditions.put("type", "searchset");
        ObjectNode cond = conditions.putArray("entry").addObject().putObject("resource");
        cond.put("resourceType", "Condition");
        cond.putObject("code").putArray("coding").addObject().put("system", "http://hl7.org/fhir/sid/icd-10-cm")
                .put("code", "C50.911");
        List<JsonNode> cards = cards(call(PATIENT_VIEW, CdsTestClient.token(aud(PATIENT_VIEW)), req.toString()));
        assertThat(cards).anySatisfy(c -> {
            assertThat(c.path("indicator").asText()).isEqualTo("warning");
            assertThat(c.path("summary").asText()).isEqualTo("EHR diagnosis (BREAST) differs from the OncoPredict "
                    + "profile (NSCLC)");
        });
    }

    @Test
    void aPatientOncoPredictDoesNotKnowGetsNoCards() {
        ObjectNode req = request("patient-view", "P-ZZZZZZZZZZ");
        assertThat(cards(call(PATIENT_VIEW, CdsTestClient.token(aud(PATIENT_VIEW)), req.toString()))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ order-select

    /** The NSCLC example bundle imported with a recent eGFR of 38 (cisplatin contraindicated below 45). */
    String renalImpairedPatient() {
        String body;
        try {
            body = java.nio.file.Files.readString(java.nio.file.Path.of("..", "deploy", "fhir-examples",
                    "nsclc-egfr-transaction.json"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        Bundle b = fhir.parse(body.replace("FHIR-NSCLC-0001", "CDS-" + UUID.randomUUID().toString().substring(0, 8)),
                Bundle.class);
        String recent = LocalDate.now().minusDays(7).toString();
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (e.getResource() instanceof Observation o && o.hasEffectiveDateTimeType()
                    && List.of("62238-1", "89247-1", "1975-2").contains(o.getCode().getCodingFirstRep().getCode())) {
                o.getEffectiveDateTimeType().setValueAsString(recent);
            }
        }
        Response r = as(ONCOLOGIST).contentType("application/fhir+json; charset=UTF-8").body(fhir.encode(b)).post("/fhir");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        return r.header("X-Patient-Id");
    }

    ObjectNode orderSelect(String patientId, String regimenId) {
        ObjectNode req = request("order-select", patientId);
        ObjectNode context = (ObjectNode) req.path("context");
        context.putArray("selections").add("MedicationRequest/draft-1");
        ObjectNode drafts = context.putObject("draftOrders");
        drafts.put("resourceType", "Bundle");
        drafts.put("type", "collection");
        ObjectNode mr = drafts.putArray("entry").addObject().putObject("resource");
        mr.put("resourceType", "MedicationRequest");
        mr.put("id", "draft-1");
        mr.put("status", "draft");
        mr.put("intent", "proposal");
        mr.putObject("medicationCodeableConcept").putArray("coding").addObject()
                .put("system", "https://oncopredict.org/regimen").put("code", regimenId);
        mr.putObject("subject").put("reference", "Patient/" + patientId);
        return req;
    }

    @Test
    void orderSelectOfAContraindicatedRegimenGivesACriticalCardAndFeedbackIsAudited() throws Exception {
        String id = renalImpairedPatient();
        PredictTreatmentOutcomesResponse api = options(id);
        RegimenPrediction cis = prediction(api, "cisplatin-pemetrexed").orElseThrow();
        assertThat(cis.getEligibility().getStatus()).isEqualTo(EligibilityStatus.ELIGIBILITY_STATUS_CONTRAINDICATED);
        RegimenPrediction bestEligible = api.getPredictionsList().stream().filter(CdsService::eligible).findFirst()
                .orElseThrow();

        List<JsonNode> cards = cards(call(ORDER_SELECT, CdsTestClient.token(aud(ORDER_SELECT)),
                orderSelect(id, "cisplatin-pemetrexed").toString()));
        assertThat(cards).hasSize(1);
        JsonNode card = cards.get(0);
        assertThat(card.path("indicator").asText()).isEqualTo("critical");
        assertThat(card.path("summary").asText()).startsWith("Contraindicated: Cisplatin");
        assertThat(card.path("detail").asText()).contains("cisplatin contraindicated");
        JsonNode actions = card.path("suggestions").get(0).path("actions");
        assertThat(card.path("suggestions").get(0).path("label").asText()).isEqualTo("Replace with "
                + bestEligible.getRegimenName());
        assertThat(actions.get(0).path("type").asText()).isEqualTo("delete");
        assertThat(actions.get(0).path("resourceId").asText()).isEqualTo("MedicationRequest/draft-1");
        assertThat(actions.get(1).path("type").asText()).isEqualTo("create");
        assertThat(actions.get(1).path("resource").path("medicationCodeableConcept").path("coding").get(0)
                .path("code").asText()).isEqualTo(bestEligible.getRegimenId());

        // An eligible regimen: info, or warning exactly when an alternative is clearly better by the documented rule.
        RegimenPrediction osi = prediction(api, "osimertinib").orElseThrow();
        JsonNode osiCard = cards(call(ORDER_SELECT, CdsTestClient.token(aud(ORDER_SELECT)),
                orderSelect(id, "osimertinib").toString())).get(0);
        Optional<RegimenPrediction> better = CdsService.clearlyBetter(osi, api.getPredictionsList());
        assertThat(osiCard.path("indicator").asText()).isEqualTo(better.isPresent() ? "warning" : "info");
        if (better.isEmpty()) {
            assertThat(osiCard.path("summary").asText()).startsWith("Osimertinib: response " + CdsService.pct(osi.getResponse()));
        }

        // Feedback: the override is recorded, with its reason code, without the free-text comment.
        ObjectNode feedback = mapper.createObjectNode();
        ObjectNode item = feedback.putArray("feedback").addObject();
        item.put("card", card.path("uuid").asText());
        item.put("outcome", "overridden");
        item.putObject("overrideReason").put("userComment", "Discussed with Mrs Example").putObject("reason")
                .put("system", "https://oncopredict.org/fhir/CodeSystem/cds-override-reason").put("code", "clinical-judgement");
        item.put("outcomeTimestamp", "2026-01-01T10:00:00Z");
        Response fr = call(ORDER_SELECT + "/feedback", CdsTestClient.token(aud(ORDER_SELECT + "/feedback")),
                feedback.toString());
        assertThat(fr.statusCode()).as(fr.asString()).isEqualTo(200);
        List<Map<String, Object>> audit = as(ADMIN).queryParam("action", "CDS_FEEDBACK").queryParam("patient", id)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(audit).singleElement().satisfies(a -> {
            String detail = (String) a.get("detail");
            assertThat(detail).contains(card.path("uuid").asText()).contains("(contraindicated)")
                    .contains("overridden").contains("override reason clinical-judgement")
                    .doesNotContain("Mrs Example");
            assertThat(((Number) a.get("modelVersion")).longValue()).isEqualTo(api.getModel().getVersion());
        });
    }

    // ------------------------------------------------------------------------------------------ JWT checks

    @Test
    void onlySignedTokensOfAllowListedIssuersForThisEndpointAreAccepted() {
        String body = request("patient-view", "P-ZZZZZZZZZZ").toString();
        String aud = aud(PATIENT_VIEW);
        assertThat(call(PATIENT_VIEW, CdsTestClient.token(aud), body).statusCode()).isEqualTo(200);

        // No token.
        Response none = call(PATIENT_VIEW, null, body);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.contentType()).startsWith("application/problem+json");
        // Unsigned (alg none).
        String unsigned = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + base64(CdsTestClient.claims(CdsTestClient.ISSUER, aud, 300).toJson()) + ".";
        assertRejected(call(PATIENT_VIEW, unsigned, body), "");
        // HMAC with a shared secret.
        assertRejected(call(PATIENT_VIEW, hmac(aud), body), "algorithm");
        // Signed, but the issuer is not allowed.
        assertRejected(call(PATIENT_VIEW, CdsTestClient.sign(CdsTestClient.claims("https://evil.invalid", aud, 300),
                CdsTestClient.key(), AlgorithmIdentifiers.RSA_USING_SHA384, null), body), "issuer");
        // Signed by a key the issuer's JWKS does not hold.
        assertRejected(call(PATIENT_VIEW, CdsTestClient.sign(CdsTestClient.claims(CdsTestClient.ISSUER, aud, 300),
                CdsTestClient.rogue(), AlgorithmIdentifiers.RSA_USING_SHA384, null), body), "");
        // Another endpoint's audience.
        assertRejected(call(PATIENT_VIEW, CdsTestClient.token(aud(ORDER_SELECT)), body), "aud");
        // Expired (issued 10 minutes ago, 5 minutes valid).
        var old = CdsTestClient.claims(CdsTestClient.ISSUER, aud, 300);
        old.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 600));
        old.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 300));
        assertRejected(call(PATIENT_VIEW, CdsTestClient.sign(old, CdsTestClient.key(),
                AlgorithmIdentifiers.RSA_USING_SHA384, null), body), "");
        // A lifetime above 5 minutes.
        assertRejected(call(PATIENT_VIEW, CdsTestClient.sign(CdsTestClient.claims(CdsTestClient.ISSUER, aud, 3600),
                CdsTestClient.key(), AlgorithmIdentifiers.RSA_USING_SHA384, null), body), "");
        // Replayed.
        String once = CdsTestClient.token(aud);
        assertThat(call(PATIENT_VIEW, once, body).statusCode()).isEqualTo(200);
        assertRejected(call(PATIENT_VIEW, once, body), "jti");
        // jku: allowed only when on the issuer's allow-list entry.
        var claims = CdsTestClient.claims(CdsTestClient.ISSUER, aud, 300);
        assertThat(call(PATIENT_VIEW, CdsTestClient.sign(claims, CdsTestClient.key(),
                AlgorithmIdentifiers.RSA_USING_SHA384, CdsTestClient.jwksUrl("/alt/jwks.json")), body).statusCode())
                .isEqualTo(200);
        assertRejected(call(PATIENT_VIEW, CdsTestClient.sign(CdsTestClient.claims(CdsTestClient.ISSUER, aud, 300),
                CdsTestClient.key(), AlgorithmIdentifiers.RSA_USING_SHA384, CdsTestClient.jwksUrl("/unlisted/jwks.json")),
                body), "jku");
        // A Keycloak user token is not a CDS client's JWT.
        assertRejected(call(PATIENT_VIEW, org.oncopredict.gateway.testsupport.Fixtures.token(ONCOLOGIST), body), "");
        // Feedback needs the JWT too.
        assertThat(call(ORDER_SELECT + "/feedback", null, "{\"feedback\":[]}").statusCode()).isEqualTo(401);
    }

    static void assertRejected(Response r, String reason) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(r.asString()).contains("CDS client JWT rejected").contains(reason);
    }

    static String base64(String s) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static String hmac(String aud) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(CdsTestClient.claims(CdsTestClient.ISSUER, aud, 300).toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKey(new HmacKey("a-shared-secret-of-at-least-32-bytes!!".getBytes()));
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
