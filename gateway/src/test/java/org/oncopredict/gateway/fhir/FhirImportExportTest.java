package org.oncopredict.gateway.fhir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.junit.jupiter.api.Test;
import org.oncopredict.gateway.mapping.ProtoJson;
import org.oncopredict.gateway.testsupport.Fixtures;
import org.oncopredict.gateway.testsupport.PlatformTestResource;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.efficacy.v1.RegimenPrediction;
import org.oncopredict.proto.efficacy.v1.SurvivalPoint;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.ClinicalSignificance;
import org.oncopredict.proto.profile.v1.Her2Ihc;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.MetastaticSite;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.ReasonStopped;
import org.oncopredict.proto.profile.v1.RecistResponse;
import org.oncopredict.proto.profile.v1.SmokingStatus;
import org.oncopredict.proto.profile.v1.SpecimenType;
import org.oncopredict.proto.profile.v1.TherapyLine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.oncopredict.gateway.testsupport.Fixtures.ADMIN;
import static org.oncopredict.gateway.testsupport.Fixtures.DATA_SCIENTIST;
import static org.oncopredict.gateway.testsupport.Fixtures.ONCOLOGIST;
import static org.oncopredict.gateway.testsupport.Fixtures.OTHER_ONCOLOGIST;
import static org.oncopredict.gateway.testsupport.Fixtures.TUMOR_BOARD;
import static org.oncopredict.gateway.testsupport.Fixtures.as;

/**
 * FHIR import and export against the real services: the shipped example bundles, idempotent re-import, invalid
 * bundles that write nothing, the round trip import(export(p)) = p on a simulated patient, RiskAssessments with the
 * same numbers as the treatment-options API, and who may do what.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class FhirImportExportTest {

    static final Path EXAMPLES = Path.of("..", "deploy", "fhir-examples");
    static final String FHIR_JSON = "application/fhir+json";

    @Inject
    FhirJson json;

    static String example(String name) {
        try {
            return Files.readString(EXAMPLES.resolve(name));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The NSCLC example with its own MRN, so that each test starts from a patient that does not exist yet. */
    static String nsclc(String mrn) {
        return example("nsclc-egfr-transaction.json").replace("FHIR-NSCLC-0001", mrn);
    }

    static String mrn(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static Response post(String user, String body) {
        return as(user).contentType(FHIR_JSON + "; charset=UTF-8").body(body).post("/fhir");
    }

    OperationOutcome outcome(Response r) {
        assertThat(r.contentType()).startsWith(FHIR_JSON);
        return json.parse(r.asString(), OperationOutcome.class);
    }

    static PatientProfile profile(String user, String id) {
        String body = as(user).get("/api/v1/patients/" + id).then().statusCode(200).extract().asString();
        return ProtoJson.parse(body, PatientProfile.newBuilder(), null).build();
    }

    static long patientsWithMrn(String user, String mrn) {
        return Long.parseLong(as(user).queryParam("q", mrn).get("/api/v1/patients").then().statusCode(200)
                .extract().jsonPath().getString("totalSize"));
    }

    static long visiblePatients(String user) {
        return Long.parseLong(as(user).queryParam("pageSize", 1).get("/api/v1/patients").then().statusCode(200)
                .extract().jsonPath().getString("totalSize"));
    }

    static List<String> diagnostics(OperationOutcome oo, OperationOutcome.IssueSeverity severity) {
        return oo.getIssue().stream().filter(i -> i.getSeverity() == severity).map(i -> i.getDiagnostics()).toList();
    }

    // ------------------------------------------------------------------------------------------ examples

    @Test
    void theNsclcExampleImportsEveryMappedFieldAndReportsWhatItIgnored() {
        String mrn = mrn("FHIR-NSCLC");
        Response r = post(ONCOLOGIST, nsclc(mrn));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        assertThat(r.header("X-Import-Result")).isEqualTo("created");
        String id = r.header("X-Patient-Id");
        assertThat(r.header("Location")).endsWith("/fhir/Patient/" + id);
        OperationOutcome oo = outcome(r);
        assertThat(oo.getIssueFirstRep().getDiagnostics()).startsWith("Patient " + id + " created (version 1)");
        List<String> ignored = oo.getIssue().stream().filter(i -> i.getCode() == OperationOutcome.IssueType.NOTSUPPORTED)
                .map(i -> i.getExpression().get(0).getValue() + " " + i.getDiagnostics()).toList();
        // The heart rate (entry 18) and the chest X-ray (entry 19) are not part of the profile; nothing else is ignored.
        assertThat(ignored).hasSize(2);
        assertThat(ignored.get(0)).startsWith("Bundle.entry[18].resource").contains("8867-4");
        assertThat(ignored.get(1)).startsWith("Bundle.entry[19].resource").contains("procedures");
        assertThat(diagnostics(oo, OperationOutcome.IssueSeverity.ERROR)).isEmpty();

        PatientProfile p = profile(ONCOLOGIST, id);
        assertThat(p.getIdentity().getMrn()).isEqualTo(mrn);
        assertThat(p.getIdentity().getGivenName()).isEqualTo("Lena Maria");
        assertThat(p.getIdentity().getFamilyName()).isEqualTo("Example");
        assertThat(p.getIdentity().getBirthDate()).isEqualTo("1961-04-17");
        assertThat(p.getCareTeamsList()).containsExactly("thoracic-a");
        var c = p.getCancer();
        assertThat(c.getCancerType()).isEqualTo(CancerType.CANCER_TYPE_NSCLC);
        assertThat(c.getPrimarySiteCode()).isEqualTo("C34.1");
        assertThat(c.getHistologyCode()).isEqualTo("8140/3");
        assertThat(c.getDiagnosisDate()).isEqualTo("2025-09-22");
        assertThat(List.of(c.getTCategory(), c.getNCategory(), c.getMCategory(), c.getStageGroup()))
                .containsExactly("T2a", "N2", "M1c", "IVB");
        assertThat(c.getMetastaticSitesList()).containsExactly(MetastaticSite.METASTATIC_SITE_LIVER);
        var g = p.getGenomics();
        assertThat(g.getVariantsCount()).isEqualTo(1);
        assertThat(g.getVariants(0).getGene()).isEqualTo("EGFR");
        assertThat(g.getVariants(0).getHgvsP()).isEqualTo("p.L858R");
        assertThat(g.getVariants(0).getHgvsC()).isEqualTo("c.2573T>G");
        assertThat(g.getVariants(0).getVaf()).isEqualTo(0.31);
        assertThat(g.getVariants(0).getClinicalSignificance()).isEqualTo(ClinicalSignificance.CLINICAL_SIGNIFICANCE_PATHOGENIC);
        assertThat(g.getTmbMutPerMb()).isEqualTo(4.2);
        assertThat(g.getPdl1TpsPercent()).isEqualTo(20.0);
        assertThat(g.getSpecimenType()).isEqualTo(SpecimenType.SPECIMEN_TYPE_TISSUE);
        assertThat(g.getReportDate()).isEqualTo("2025-09-30");
        assertThat(p.getHistory().getEcogList()).singleElement()
                .satisfies(e -> assertThat(e.getScore()).isEqualTo(1)).satisfies(e -> assertThat(e.getDate()).isEqualTo("2025-10-01"));
        var labs = p.getHistory().getLabsList();
        assertThat(labs).anySatisfy(l -> {
            assertThat(l.getType()).isEqualTo(LabType.LAB_TYPE_EGFR);
            assertThat(l.getValue()).isEqualTo(38.0);
        });
        // 12 µmol/L bilirubin in mg/dL.
        assertThat(labs).anySatisfy(l -> {
            assertThat(l.getType()).isEqualTo(LabType.LAB_TYPE_BILIRUBIN);
            assertThat(l.getValue()).isCloseTo(0.7016, within(1e-3));
        });
        assertThat(p.getLifestyle().getSmokingStatus()).isEqualTo(SmokingStatus.SMOKING_STATUS_NEVER);
        assertThat(p.getHistory().getComorbiditiesList()).singleElement()
                .satisfies(m -> assertThat(m.getCode()).isEqualTo("I10"));
    }

    @Test
    void theBreastExampleImportsTherapyLinesWithTheirOutcomes() {
        String mrn = mrn("FHIR-BREAST");
        Response r = post(OTHER_ONCOLOGIST, example("breast-her2-collection.json").replace("FHIR-BREAST-0001", mrn));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
        OperationOutcome oo = outcome(r);
        assertThat(diagnostics(oo, OperationOutcome.IssueSeverity.WARNING))
                .anyMatch(d -> d.contains("Encounter") && d.contains("not part of the OncoPredict profile"))
                .anyMatch(d -> d.contains("PR") || d.contains("percentage"));
        PatientProfile p = profile(OTHER_ONCOLOGIST, r.header("X-Patient-Id"));
        assertThat(p.getCancer().getCancerType()).isEqualTo(CancerType.CANCER_TYPE_BREAST);
        assertThat(p.getCancer().getStageGroup()).isEqualTo("IV");
        assertThat(p.getCancer().getMCategory()).isEqualTo("M1");
        assertThat(p.getGenomics().getHer2Ihc()).isEqualTo(Her2Ihc.HER2_IHC_3_PLUS);
        assertThat(p.getGenomics().getErPercent()).isEqualTo(80.0);
        assertThat(p.getGenomics().hasPrPercent()).as("a coded 'positive' PR has no percentage").isFalse();
        assertThat(p.getFollowUp().getLastContactDate()).isEqualTo("2025-11-20");
        List<TherapyLine> lines = p.getHistory().getTherapyLinesList();
        assertThat(lines).hasSize(2);
        TherapyLine first = lines.get(0);
        assertThat(first.getLineNumber()).isEqualTo(1);
        assertThat(first.getRegimenId()).isEqualTo("pertuzumab-trastuzumab-docetaxel");
        assertThat(first.getStartDate()).isEqualTo("2024-03-04");
        assertThat(first.getEndDate()).isEqualTo("2025-04-28");
        assertThat(first.getBestResponse()).isEqualTo(RecistResponse.RECIST_RESPONSE_PR);
        assertThat(first.getProgressionDate()).isEqualTo("2025-04-14");
        assertThat(first.getWorstToxicityGrade()).isEqualTo(2);
        assertThat(first.getReasonStopped()).isEqualTo(ReasonStopped.REASON_STOPPED_PROGRESSION);
        // Named only ("Capecitabine"): matched to the single-drug catalogue regimen, numbered after line 1.
        assertThat(lines.get(1).getRegimenId()).isEqualTo("capecitabine");
        assertThat(lines.get(1).getLineNumber()).isEqualTo(2);
        assertThat(lines.get(1).getReasonStopped()).isEqualTo(ReasonStopped.REASON_STOPPED_ONGOING);
    }

    // ------------------------------------------------------------------------------------------ idempotence

    @Test
    void reImportWithTheSameMrnUpdatesInsteadOfDuplicating() {
        String mrn = mrn("FHIR-IDEM");
        String bundle = nsclc(mrn);
        Response first = post(ONCOLOGIST, bundle);
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        String id = first.header("X-Patient-Id");
        long version = profile(ONCOLOGIST, id).getVersion();

        Response again = post(ONCOLOGIST, bundle);
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
        assertThat(again.header("X-Import-Result")).isEqualTo("unchanged");
        assertThat(again.header("X-Patient-Id")).isEqualTo(id);
        assertThat(profile(ONCOLOGIST, id).getVersion()).as("nothing written").isEqualTo(version);

        // A later ECOG in an otherwise identical bundle: the same patient, one more assessment, one more version.
        Bundle b = json.parse(bundle, Bundle.class);
        Observation ecog = (Observation) b.getEntry().get(8).getResource();
        ecog.getEffectiveDateTimeType().setValueAsString("2025-11-03");
        ecog.setValue(new IntegerType(2));
        Response updated = post(ONCOLOGIST, json.encode(b));
        assertThat(updated.statusCode()).as(updated.asString()).isEqualTo(200);
        assertThat(updated.header("X-Import-Result")).isEqualTo("updated");
        PatientProfile p = profile(ONCOLOGIST, id);
        assertThat(p.getVersion()).isEqualTo(version + 1);
        assertThat(p.getHistory().getEcogList()).extracting(e -> e.getDate() + "=" + e.getScore())
                .containsExactly("2025-10-01=1", "2025-11-03=2");
        assertThat(patientsWithMrn(ONCOLOGIST, mrn)).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------ invalid bundles

    @Test
    void anInvalidBundleIsRefusedWithAnOperationOutcomeAndWritesNothing() {
        long before = visiblePatients(ONCOLOGIST);
        String mrn = mrn("FHIR-BAD");

        // A value the profile service refuses (ECOG 7): 422 naming the entry it came from.
        Bundle b = json.parse(nsclc(mrn), Bundle.class);
        ((Observation) b.getEntry().get(8).getResource()).setValue(new IntegerType(7));
        Response r = post(ONCOLOGIST, json.encode(b));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(422);
        OperationOutcome oo = outcome(r);
        assertThat(oo.getIssue()).anySatisfy(i -> {
            assertThat(i.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
            assertThat(i.getExpression()).extracting(e -> e.getValue()).containsExactly("Bundle.entry[8].resource");
            assertThat(i.getDiagnostics()).contains("history.ecog[0].score");
        });

        // An observation about another patient.
        Bundle other = json.parse(nsclc(mrn), Bundle.class);
        ((Observation) other.getEntry().get(9 - 1).getResource()).setSubject(new Reference("Patient/someone-else"));
        Response r2 = post(ONCOLOGIST, json.encode(other));
        assertThat(r2.statusCode()).isEqualTo(422);
        assertThat(outcome(r2).getIssue()).anySatisfy(i -> assertThat(i.getDiagnostics())
                .contains("is not the bundle's Patient"));

        // Two patients; a Patient without an MRN; not FHIR at all; an unknown element.
        Bundle two = json.parse(nsclc(mrn), Bundle.class);
        two.addEntry().setResource(new Patient().addIdentifier(new org.hl7.fhir.r4.model.Identifier()
                .setSystem("urn:oncopredict:mrn").setValue(mrn + "X")));
        assertThat(post(ONCOLOGIST, json.encode(two)).statusCode()).isEqualTo(422);
        Bundle noMrn = json.parse(nsclc(mrn), Bundle.class);
        ((Patient) noMrn.getEntryFirstRep().getResource()).getIdentifier().clear();
        Response r3 = post(ONCOLOGIST, json.encode(noMrn));
        assertThat(r3.statusCode()).isEqualTo(422);
        assertThat(outcome(r3).getIssue()).anySatisfy(i -> assertThat(i.getDiagnostics()).contains("MRN"));
        Response r4 = post(ONCOLOGIST, nsclc(mrn).replace("\"gender\": \"female\"", "\"gendre\": \"female\""));
        assertThat(r4.statusCode()).isEqualTo(400);
        assertThat(outcome(r4).getIssue()).anySatisfy(i -> assertThat(i.getDiagnostics()).contains("gendre"));
        assertThat(post(ONCOLOGIST, "not json").statusCode()).isEqualTo(400);

        assertThat(visiblePatients(ONCOLOGIST)).as("nothing was written").isEqualTo(before);
        assertThat(patientsWithMrn(ONCOLOGIST, mrn)).isZero();
    }

    // ------------------------------------------------------------------------------------------ round trip

    @Test
    void importOfTheExportIsTheSameProfile() {
        String id = Fixtures.thoracicPatient();
        PatientProfile original = profile(ONCOLOGIST, id);
        Response export = as(ONCOLOGIST).get("/fhir/Patient/" + id + "/$everything");
        assertThat(export.statusCode()).as(export.asString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith(FHIR_JSON);
        assertThat(export.header("Cache-Control")).isEqualTo("no-store");
        Bundle bundle = json.parse(export.asString(), Bundle.class);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getEntryFirstRep().getResource()).isInstanceOf(Patient.class);

        // Into the same patient (same MRN): nothing to change.
        Response same = post(ONCOLOGIST, export.asString());
        assertThat(same.statusCode()).as(same.asString()).isEqualTo(200);
        if (!"unchanged".equals(same.header("X-Import-Result"))) {
            assertThat(comparable(profile(ONCOLOGIST, id))).as("the re-import changed the profile")
                    .isEqualTo(comparable(original));
        }
        assertThat(same.header("X-Import-Result")).as(same.asString()).isEqualTo("unchanged");
        assertThat(diagnostics(outcome(same), OperationOutcome.IssueSeverity.WARNING))
                .as("every exported resource maps back").isEmpty();

        // As a new patient (another MRN): every mapped field equal.
        String mrn = mrn("FHIR-RT");
        Patient pt = (Patient) bundle.getEntryFirstRep().getResource();
        pt.getIdentifier().removeIf(x -> x.getSystem().equals(FhirCodes.PSEUDONYM));
        pt.getIdentifier().forEach(x -> x.setValue(mrn));
        Response copy = post(ONCOLOGIST, json.encode(bundle));
        assertThat(copy.statusCode()).as(copy.asString()).isEqualTo(201);
        PatientProfile imported = profile(ONCOLOGIST, copy.header("X-Patient-Id"));
        assertThat(comparable(imported)).isEqualTo(comparable(original.toBuilder()
                .setIdentity(original.getIdentity().toBuilder().setMrn(mrn)).build()));
    }

    /** Without what the server assigns (id, version, line ids, derived ages). */
    static PatientProfile comparable(PatientProfile p) {
        PatientProfile.Builder b = ProfileMerge.comparable(p).toBuilder().clearPatientId();
        var lines = b.getHistoryBuilder().getTherapyLinesBuilderList();
        lines.forEach(TherapyLine.Builder::clearLineId);
        return b.build();
    }

    // ------------------------------------------------------------------------------------------ predictions

    @Test
    void riskAssessmentsCarryTheTreatmentOptionsNumbers() {
        String id = Fixtures.thoracicPatient();
        String options = as(ONCOLOGIST).queryParam("curves", false).get("/api/v1/patients/" + id + "/treatment-options")
                .then().statusCode(200).extract().asString();
        PredictTreatmentOutcomesResponse api = ProtoJson.parse(options, PredictTreatmentOutcomesResponse.newBuilder(),
                null).build();
        Response r = as(ONCOLOGIST).queryParam("patient", id).get("/fhir/RiskAssessment");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        Bundle b = json.parse(r.asString(), Bundle.class);
        assertThat(b.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        Device device = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Device.class::isInstance).map(Device.class::cast).findFirst().orElseThrow();
        assertThat(device.getIdentifier()).anySatisfy(i -> {
            assertThat(i.getSystem()).isEqualTo(FhirCodes.MODEL_VERSION);
            assertThat(i.getValue()).isEqualTo(Long.toString(api.getModel().getVersion()));
        });
        List<RiskAssessment> risks = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(RiskAssessment.class::isInstance).map(RiskAssessment.class::cast).toList();
        int expected = 0;
        for (RegimenPrediction p : api.getPredictionsList()) {
            if (p.hasResponse()) {
                expected++;
                RiskAssessment ra = find(risks, p.getRegimenId(), "objective-response");
                assertThat(ra.getPredictionFirstRep().getProbabilityDecimalType().getValue().doubleValue())
                        .isEqualTo(p.getResponse().getProbability());
                assertThat(interval(ra, "low")).isEqualTo(p.getResponse().getLower());
                assertThat(interval(ra, "high")).isEqualTo(p.getResponse().getUpper());
                assertThat(ra.getPredictionFirstRep().getQualitativeRisk().getCodingFirstRep().getCode())
                        .isEqualTo(RiskAssessments.qualitative(p.getResponse().getProbability()).getCodingFirstRep().getCode());
                assertThat(ra.getBasis()).anySatisfy(x -> assertThat(x.getReference()).isNotBlank());
                if (p.hasResponseExplanation() && p.getResponseExplanation().getContributionsCount() > 0) {
                    assertThat(ra.getNoteFirstRep().getText()).contains("Top factors: "
                            + p.getResponseExplanation().getContributions(0).getLabel());
                }
            }
            if (p.hasSevereToxicity()) {
                expected++;
                assertThat(find(risks, p.getRegimenId(), "severe-toxicity").getPredictionFirstRep()
                        .getProbabilityDecimalType().getValue().doubleValue()).isEqualTo(p.getSevereToxicity().getProbability());
            }
            SurvivalPoint pfs12 = RiskAssessments.pfs12(p);
            if (pfs12 != null) {
                expected++;
                RiskAssessment ra = find(risks, p.getRegimenId(), "progression-free-12-months");
                assertThat(ra.getPredictionFirstRep().getProbabilityDecimalType().getValue().doubleValue())
                        .isEqualTo(pfs12.getSurvival());
                assertThat(interval(ra, "low")).isEqualTo(pfs12.getLower());
            }
        }
        assertThat(expected).isPositive();
        assertThat(risks).hasSize(expected);
        assertThat(b.getTotal()).isEqualTo(expected);

        Bundle everything = json.parse(as(ONCOLOGIST).queryParam("predictions", true)
                .get("/fhir/Patient/" + id + "/$everything").then().statusCode(200).extract().asString(), Bundle.class);
        assertThat(everything.getEntry().stream().filter(e -> e.getResource() instanceof RiskAssessment).count())
                .isEqualTo(expected);
    }

    static RiskAssessment find(List<RiskAssessment> risks, String regimen, String outcome) {
        return risks.stream().filter(r -> ((org.hl7.fhir.r4.model.CodeableConcept) r.getExtensionByUrl(FhirCodes.EXT_REGIMEN)
                        .getValue()).getCodingFirstRep().getCode().equals(regimen))
                .filter(r -> r.getPredictionFirstRep().getOutcome().getCodingFirstRep().getCode().equals(outcome))
                .findFirst().orElseThrow(() -> new AssertionError("no " + outcome + " RiskAssessment for " + regimen));
    }

    static double interval(RiskAssessment ra, String bound) {
        Extension ext = ra.getPredictionFirstRep().getExtensionByUrl(FhirCodes.EXT_INTERVAL);
        return ((DecimalType) ext.getExtensionByUrl(bound).getValue()).getValue().doubleValue();
    }

    // ------------------------------------------------------------------------------------------ who may

    @Test
    void onlyOncologistsAndAdminsImportAndOnlyIntoTheirCareTeams() {
        String bundle = nsclc(mrn("FHIR-ROLE"));
        for (String user : List.of(DATA_SCIENTIST, TUMOR_BOARD)) {
            Response r = post(user, bundle);
            assertThat(r.statusCode()).as(user + " " + r.asString()).isEqualTo(403);
            assertThat(outcome(r).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
            List<Map<String, Object>> audit = as(ADMIN).queryParam("trace", r.header("X-Trace-Id")).get("/api/v1/audit")
                    .then().statusCode(200).extract().jsonPath().getList("");
            assertThat(audit).singleElement().satisfies(a -> assertThat(a.get("action")).isEqualTo("ACCESS_DENIED"));
        }
        Response anonymous = given().contentType(FHIR_JSON).body(bundle).post("/fhir");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(outcome(anonymous).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);

        // oncologist1 (thoracic-a/-b) may not import into gi-a.
        Response gi = post(ONCOLOGIST, bundle.replace("\"value\": \"thoracic-a\"", "\"value\": \"gi-a\"")
                .replace("\"name\": \"thoracic-a\"", "\"name\": \"gi-a\""));
        assertThat(gi.statusCode()).as(gi.asString()).isEqualTo(403);

        // An admin imports through the gateway's service account into any care team.
        Response admin = post(ADMIN, bundle);
        assertThat(admin.statusCode()).as(admin.asString()).isEqualTo(201);
        assertThat(profile(ONCOLOGIST, admin.header("X-Patient-Id")).getCareTeamsList()).containsExactly("thoracic-a");
    }

    @Test
    void exportFollowsTheReadRules() {
        String own = Fixtures.thoracicPatient();
        assertThat(as(ONCOLOGIST).get("/fhir/Patient/" + own).then().extract().statusCode()).isEqualTo(200);
        // On the tumor board's agenda: readable by the board.
        assertThat(as(TUMOR_BOARD).get("/fhir/Patient/" + own + "/$everything").statusCode()).isEqualTo(200);
        Response other = as(ONCOLOGIST).get("/fhir/Patient/" + Fixtures.giPatient() + "/$everything");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(outcome(other).getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        assertThat(as(ADMIN).get("/fhir/Patient/" + own + "/$everything").statusCode()).isEqualTo(403);
        assertThat(as(DATA_SCIENTIST).get("/fhir/RiskAssessment?patient=" + own).statusCode()).isEqualTo(403);
        Patient patient = json.parse(as(ONCOLOGIST).get("/fhir/Patient/" + own).asString(), Patient.class);
        assertThat(patient.getIdentifier()).anySatisfy(i -> assertThat(i.getValue()).isEqualTo(own));
    }
}
