package org.oncopredict.efficacy.catalogue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.Fusion;
import org.oncopredict.proto.profile.v1.Her2Ihc;
import org.oncopredict.proto.profile.v1.IshResult;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.MsiStatus;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.ReasonStopped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oncopredict.efficacy.catalogue.EligibilityStatus.CONTRAINDICATED;
import static org.oncopredict.efficacy.catalogue.EligibilityStatus.ELIGIBLE;
import static org.oncopredict.efficacy.catalogue.EligibilityStatus.ELIGIBLE_WITH_CAUTIONS;
import static org.oncopredict.efficacy.catalogue.EligibilityStatus.NOT_INDICATED;
import static org.oncopredict.efficacy.catalogue.TestProfiles.AS_OF;
import static org.oncopredict.efficacy.catalogue.TestProfiles.LAB_DATE;

class EligibilityEvaluatorTest {

    private static final Catalogue CATALOGUE = CatalogueLoader.loadDefault();
    private final EligibilityEvaluator evaluator = new EligibilityEvaluator(CATALOGUE);

    private Eligibility evaluate(PatientProfile.Builder profile, String regimenId) {
        return evaluate(profile, regimenId, AS_OF);
    }

    private Eligibility evaluate(PatientProfile.Builder profile, String regimenId, LocalDate asOf) {
        return evaluator.evaluate(profile.build(), CATALOGUE.require(regimenId), asOf);
    }

    private static EligibilityReason only(Eligibility e, ReasonCode code) {
        List<EligibilityReason> matching = e.reasons().stream().filter(r -> r.code() == code).toList();
        assertThat(matching).as("reasons %s in %s", code, e.reasons()).hasSize(1);
        return matching.get(0);
    }

    private static PatientProfile.Builder egfrMutant() {
        PatientProfile.Builder p = TestProfiles.nsclc();
        p.getGenomicsBuilder().addVariants(TestProfiles.variant("EGFR", "p.L858R"));
        return p;
    }

    @Test
    void egfrMutantPatientIsEligibleForOsimertinib() {
        Eligibility e = evaluate(egfrMutant(), "osimertinib");

        assertThat(e.status()).isEqualTo(ELIGIBLE);
        assertThat(e.lineOfTherapy()).isEqualTo(1);
        assertThat(e.indication()).hasValueSatisfying(i -> assertThat(i.source()).contains("FLAURA"));
        EligibilityReason met = only(e, ReasonCode.INDICATION_MET);
        assertThat(met.severity()).isEqualTo(Severity.INFO);
        assertThat(met.patientValue()).contains("EGFR p.L858R (pathogenic)").contains(TestProfiles.REPORT_DATE);
        assertThat(met.text()).contains("evidence level I-A");
    }

    @Test
    void egfrWildTypePatientIsNotIndicatedForOsimertinibWithTheReason() {
        Eligibility e = evaluate(TestProfiles.nsclc(), "osimertinib");

        assertThat(e.status()).isEqualTo(NOT_INDICATED);
        assertThat(e.indication()).isEmpty();
        EligibilityReason reason = only(e, ReasonCode.REQUIRED_BIOMARKER_ABSENT);
        assertThat(reason.severity()).isEqualTo(Severity.NOT_INDICATED);
        assertThat(reason.text()).startsWith("EGFR activating mutation not detected").contains("FLAURA");
        assertThat(reason.patientValue()).contains("no activating EGFR variant");
    }

    @Test
    void egfrResistanceMutationAloneIsNotAnIndication() {
        PatientProfile.Builder p = TestProfiles.nsclc();
        p.getGenomicsBuilder().addVariants(TestProfiles.variant("EGFR", "p.T790M"));

        Eligibility e = evaluate(p, "osimertinib");

        assertThat(e.status()).isEqualTo(NOT_INDICATED);
        assertThat(only(e, ReasonCode.REQUIRED_BIOMARKER_ABSENT).patientValue())
                .contains("EGFR p.T790M (pathogenic) not sensitising");
    }

    @Test
    void egfr38ContraindicatesCisplatinButNotCarboplatin() {
        PatientProfile.Builder p = TestProfiles.replaceLab(TestProfiles.nsclc(), LabType.LAB_TYPE_EGFR, LAB_DATE, 38);

        Eligibility cisplatin = evaluate(p, "cisplatin-pemetrexed");
        Eligibility carboplatin = evaluate(p, "carboplatin-pemetrexed");

        assertThat(cisplatin.status()).isEqualTo(CONTRAINDICATED);
        EligibilityReason renal = cisplatin.reasons(Severity.CONTRAINDICATED).get(0);
        assertThat(renal.text()).isEqualTo("eGFR 38 mL/min/1.73m² (2025-03-02) < 45: cisplatin contraindicated");
        assertThat(renal.patientValue()).isEqualTo("eGFR 38 mL/min/1.73m² on 2025-03-02");
        assertThat(renal.ruleId()).isEqualTo("cisplatin-renal-function");
        assertThat(cisplatin.reasons().get(0)).isEqualTo(renal);

        // Carboplatin is dosed to renal function; pemetrexed's own label threshold is a caution.
        assertThat(carboplatin.status()).isEqualTo(ELIGIBLE_WITH_CAUTIONS);
        assertThat(carboplatin.reasons(Severity.CAUTION)).extracting(EligibilityReason::ruleId)
                .containsExactly("pemetrexed-renal-function");
    }

    @Test
    void egfrAtTheThresholdDoesNotContraindicateCisplatin() {
        PatientProfile.Builder p = TestProfiles.replaceLab(TestProfiles.nsclc(), LabType.LAB_TYPE_EGFR, LAB_DATE, 45);

        assertThat(evaluate(p, "cisplatin-pemetrexed").status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void ecog3LeavesOnlyBestSupportiveCareEligible() {
        PatientProfile.Builder p = TestProfiles.ecog(egfrMutant(), "2025-03-08", 3);

        List<Eligibility> all = evaluator.evaluateAll(p.build(), AS_OF);

        assertThat(all).filteredOn(Eligibility::isEligible).extracting(e -> e.regimen().id())
                .containsExactly("best-supportive-care");
        assertThat(all).filteredOn(e -> !e.regimen().supportiveCareOnly()).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(CONTRAINDICATED);
            assertThat(e.reasons(Severity.CONTRAINDICATED)).extracting(EligibilityReason::text)
                    .contains("ECOG 3 (2025-03-08) ≥ 3: active anticancer therapy not recommended at ECOG ≥ 3 — "
                            + "best supportive care");
        });
        assertThat(all.get(all.size() - 1).status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void ecog2IsACautionForChemoImmunotherapyAndCisplatinOnly() {
        PatientProfile.Builder p = TestProfiles.ecog(TestProfiles.nsclc(), "2025-03-08", 2);

        assertThat(evaluate(p, "pembrolizumab-carboplatin-pemetrexed").status()).isEqualTo(ELIGIBLE_WITH_CAUTIONS);
        assertThat(evaluate(p, "cisplatin-pemetrexed").reasons(Severity.CAUTION)).extracting(EligibilityReason::ruleId)
                .containsExactly("cisplatin-ecog-2");
        assertThat(evaluate(p, "pembrolizumab").status()).isEqualTo(ELIGIBLE);
        assertThat(evaluate(p, "carboplatin-pemetrexed").status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void priorGrade3ImmuneToxicityContraindicatesCheckpointInhibitors() {
        PatientProfile.Builder p = TestProfiles.nsclc();
        p.getHistoryBuilder().addTherapyLines(TestProfiles.line(1, "pembrolizumab", "2024-06-01", "2024-08-20",
                ReasonStopped.REASON_STOPPED_TOXICITY).toBuilder()
                .setWorstToxicityGrade(3).setImmuneRelatedToxicity(true));

        Eligibility pembrolizumab = evaluate(p, "pembrolizumab");

        assertThat(pembrolizumab.lineOfTherapy()).isEqualTo(2);
        assertThat(pembrolizumab.status()).isEqualTo(CONTRAINDICATED);
        EligibilityReason reason = pembrolizumab.reasons(Severity.CONTRAINDICATED).get(0);
        assertThat(reason.ruleId()).isEqualTo("checkpoint-prior-severe-immune-toxicity");
        assertThat(reason.text()).startsWith("immune-related toxicity grade 3 on pembrolizumab, line 1");
        // Second-line pembrolizumab is otherwise indicated (KEYNOTE-010, TPS 60%).
        assertThat(pembrolizumab.indication()).hasValueSatisfying(i -> assertThat(i.source()).contains("KEYNOTE-010"));
        assertThat(evaluate(p, "carboplatin-pemetrexed").status()).isEqualTo(ELIGIBLE);
        assertThat(evaluate(p, "docetaxel").status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void grade2ImmuneToxicityDoesNotContraindicateRechallenge() {
        PatientProfile.Builder p = TestProfiles.nsclc();
        p.getHistoryBuilder().addTherapyLines(TestProfiles.line(1, "pembrolizumab", "2024-06-01", "2024-08-20",
                ReasonStopped.REASON_STOPPED_TOXICITY).toBuilder()
                .setWorstToxicityGrade(2).setImmuneRelatedToxicity(true));

        assertThat(evaluate(p, "pembrolizumab").status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void labsAndEcogDatedAfterAsOfAreIgnored() {
        PatientProfile.Builder p = TestProfiles.nsclc();
        TestProfiles.lab(p, "2025-03-11", LabType.LAB_TYPE_EGFR, 30);
        TestProfiles.ecog(p, "2025-03-11", 4);

        assertThat(evaluate(p, "cisplatin-pemetrexed").status()).isEqualTo(ELIGIBLE);
        // The same data are used once the evaluation date has passed them.
        Eligibility later = evaluate(p, "cisplatin-pemetrexed", LocalDate.of(2025, 3, 12));
        assertThat(later.status()).isEqualTo(CONTRAINDICATED);
        assertThat(later.reasons(Severity.CONTRAINDICATED)).extracting(EligibilityReason::ruleId)
                .containsExactlyInAnyOrder("cisplatin-renal-function", "ecog-poor-performance-status");
    }

    @Test
    void aMolecularReportDatedAfterAsOfIsIgnored() {
        PatientProfile.Builder p = egfrMutant();
        p.getGenomicsBuilder().setReportDate("2025-03-11");

        Eligibility e = evaluate(p, "osimertinib");

        assertThat(e.status()).isEqualTo(NOT_INDICATED);
        assertThat(only(e, ReasonCode.REQUIRED_BIOMARKER_UNKNOWN).patientValue())
                .isEqualTo("molecular report dated 2025-03-11 is after 2025-03-10");
        assertThat(evaluate(p, "osimertinib", LocalDate.of(2025, 3, 11)).status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void therapyLinesStartingOnOrAfterAsOfAreNotHistory() {
        PatientProfile.Builder p = TestProfiles.nsclc();
        p.getHistoryBuilder().addTherapyLines(TestProfiles.line(1, "docetaxel", AS_OF.toString(), "2025-05-01",
                ReasonStopped.REASON_STOPPED_PROGRESSION).toBuilder().setProgressionDate("2025-05-01"));

        Eligibility e = evaluate(p, "pembrolizumab");

        assertThat(e.lineOfTherapy()).isEqualTo(1);
        assertThat(e.indication()).hasValueSatisfying(i -> assertThat(i.source()).contains("KEYNOTE-024"));
    }

    @Test
    void missingEgfrIsACautionNotEligible() {
        PatientProfile.Builder p = TestProfiles.removeLab(TestProfiles.nsclc(), LabType.LAB_TYPE_EGFR);

        Eligibility e = evaluate(p, "cisplatin-pemetrexed");

        assertThat(e.status()).isEqualTo(ELIGIBLE_WITH_CAUTIONS);
        EligibilityReason missing = only(e, ReasonCode.DATA_MISSING);
        assertThat(missing.severity()).isEqualTo(Severity.CAUTION);
        assertThat(missing.text()).isEqualTo(
                "no eGFR on record in the last 90 days — cisplatin eligibility, pemetrexed renal dosing unverified");
        assertThat(missing.ruleId()).isEqualTo("cisplatin-renal-function,pemetrexed-renal-function");
        assertThat(missing.patientValue()).isEqualTo("no eGFR on or before 2025-03-10");
        // Regimens without a renal rule are unaffected.
        assertThat(evaluate(p, "pembrolizumab").status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void anEgfrOlderThanTheWindowIsReportedAsMissing() {
        PatientProfile.Builder p = TestProfiles.replaceLab(TestProfiles.nsclc(), LabType.LAB_TYPE_EGFR, "2024-11-01", 30);

        Eligibility e = evaluate(p, "cisplatin-pemetrexed");

        assertThat(e.status()).isEqualTo(ELIGIBLE_WITH_CAUTIONS);
        assertThat(only(e, ReasonCode.DATA_MISSING).patientValue())
                .isEqualTo("latest eGFR 30 mL/min/1.73m² on 2024-11-01 is older than 90 days");
    }

    @Test
    void missingEcogIsACautionForEveryActiveTherapy() {
        PatientProfile.Builder p = TestProfiles.nsclc();
        p.getHistoryBuilder().clearEcog();

        List<Eligibility> all = evaluator.evaluateAll(p.build(), AS_OF);

        assertThat(all).filteredOn(e -> !e.regimen().supportiveCareOnly()).allSatisfy(e ->
                assertThat(e.reasons()).extracting(EligibilityReason::text)
                        .anyMatch(t -> t.startsWith("no ECOG on record in the last 30 days — fitness for active therapy")));
        assertThat(evaluate(p, "best-supportive-care").status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void lowNeutrophilsContraindicateCytotoxicsOnly() {
        PatientProfile.Builder p = TestProfiles.replaceLab(egfrMutant(), LabType.LAB_TYPE_ANC, LAB_DATE, 1.1);

        Eligibility carboplatin = evaluate(p, "carboplatin-pemetrexed");

        assertThat(carboplatin.status()).isEqualTo(CONTRAINDICATED);
        assertThat(carboplatin.reasons(Severity.CONTRAINDICATED).get(0).text())
                .startsWith("ANC 1.1 ×10⁹/L (2025-03-02) < 1.5: ");
        assertThat(evaluate(p, "osimertinib").status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void bilirubinRulesUseMultiplesOfTheUpperLimitOfNormal() {
        PatientProfile.Builder p = TestProfiles.replaceLab(TestProfiles.nsclc(), LabType.LAB_TYPE_BILIRUBIN, LAB_DATE, 2.4);
        p.getHistoryBuilder().addTherapyLines(TestProfiles.line(1, "carboplatin-pemetrexed", "2024-06-01",
                "2024-10-01", ReasonStopped.REASON_STOPPED_COMPLETED));

        Eligibility docetaxel = evaluate(p, "docetaxel");

        assertThat(docetaxel.status()).isEqualTo(CONTRAINDICATED);
        assertThat(docetaxel.reasons()).extracting(EligibilityReason::text).containsExactly(
                "bilirubin 2.4 mg/dL = 2 × ULN (2025-03-02) > 1 × ULN: docetaxel should not be given with bilirubin "
                        + "above the upper limit of normal (severe toxicity, toxic deaths)",
                "bilirubin 2.4 mg/dL = 2 × ULN (2025-03-02) > 1.5 × ULN: hepatic impairment — check the label's dose "
                        + "modifications for hepatically cleared drugs",
                "indicated: advanced NSCLC after platinum-based chemotherapy — TAX 317 (Shepherd et al., JCO 2000), "
                        + "evidence level I-A");
    }

    @Test
    void progressionOnTheSameRegimenContraindicatesRetreatment() {
        PatientProfile.Builder p = TestProfiles.nsclc();
        p.getHistoryBuilder()
                .addTherapyLines(TestProfiles.line(1, "carboplatin-pemetrexed", "2024-03-01", "2024-07-01",
                        ReasonStopped.REASON_STOPPED_COMPLETED))
                .addTherapyLines(TestProfiles.line(2, "docetaxel", "2024-08-01", "2024-12-10",
                        ReasonStopped.REASON_STOPPED_PROGRESSION).toBuilder().setProgressionDate("2024-12-10"));

        Eligibility docetaxel = evaluate(p, "docetaxel");

        assertThat(docetaxel.lineOfTherapy()).isEqualTo(3);
        assertThat(docetaxel.status()).isEqualTo(CONTRAINDICATED);
        assertThat(docetaxel.reasons(Severity.CONTRAINDICATED).get(0).text())
                .startsWith("progressed on docetaxel, line 2 (2024-12-10): ");
        // No progression on the carboplatin doublet: re-treatment is allowed.
        assertThat(evaluate(p, "carboplatin-pemetrexed").status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void lineOfTherapyOutsideTheIndicationIsNotIndicated() {
        PatientProfile.Builder p = TestProfiles.nsclc();
        p.getGenomicsBuilder().addVariants(TestProfiles.variant("KRAS", "p.G12C"));

        Eligibility firstLine = evaluate(p, "sotorasib");
        assertThat(firstLine.status()).isEqualTo(NOT_INDICATED);
        assertThat(only(firstLine, ReasonCode.LINE_NOT_INDICATED).text())
                .startsWith("Sotorasib is indicated in line ≥ 2 per CodeBreaK 100").endsWith("this would be line 1");

        p.getHistoryBuilder().addTherapyLines(TestProfiles.line(1, "pembrolizumab-carboplatin-pemetrexed",
                "2024-06-01", "2024-12-01", ReasonStopped.REASON_STOPPED_PROGRESSION));
        assertThat(evaluate(p, "sotorasib").status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void withoutAMolecularReportTargetedTherapyIsNotIndicatedAndChemotherapyIsAvailable() {
        PatientProfile.Builder p = TestProfiles.nsclc().clearGenomics();

        Eligibility osimertinib = evaluate(p, "osimertinib");
        assertThat(osimertinib.status()).isEqualTo(NOT_INDICATED);
        assertThat(only(osimertinib, ReasonCode.REQUIRED_BIOMARKER_UNKNOWN).text())
                .startsWith("EGFR activating mutation unknown").endsWith("test before use");
        assertThat(evaluate(p, "carboplatin-pemetrexed").status()).isEqualTo(ELIGIBLE);
        // KEYNOTE-189 excluded EGFR/ALK drivers: unknown status is a caution, not a silent pass.
        Eligibility chemoIo = evaluate(p, "pembrolizumab-carboplatin-pemetrexed");
        assertThat(chemoIo.status()).isEqualTo(ELIGIBLE_WITH_CAUTIONS);
        assertThat(chemoIo.reasons(Severity.CAUTION)).extracting(EligibilityReason::code)
                .containsOnly(ReasonCode.EXCLUDING_BIOMARKER_UNKNOWN).hasSize(2);
    }

    @Test
    void driverPositiveTumoursAreNotIndicatedForFirstLineImmunotherapy() {
        PatientProfile.Builder p = TestProfiles.nsclc();
        p.getGenomicsBuilder().addFusions(Fusion.newBuilder().setGene5P("EML4").setGene3P("ALK"));

        Eligibility pembrolizumab = evaluate(p, "pembrolizumab");

        assertThat(pembrolizumab.status()).isEqualTo(NOT_INDICATED);
        assertThat(pembrolizumab.reasons()).extracting(EligibilityReason::code)
                .containsOnly(ReasonCode.EXCLUDING_BIOMARKER_PRESENT, ReasonCode.LINE_NOT_INDICATED);
        assertThat(evaluate(p, "alectinib").status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void squamousHistologyExcludesPemetrexed() {
        PatientProfile.Builder p = TestProfiles.nsclc();
        p.getCancerBuilder().setHistologyCode("8070/3");

        assertThat(evaluate(p, "carboplatin-pemetrexed").status()).isEqualTo(NOT_INDICATED);
        assertThat(evaluate(p, "pembrolizumab-carboplatin-pemetrexed").status()).isEqualTo(NOT_INDICATED);
        assertThat(evaluate(p, "pembrolizumab-carboplatin-paclitaxel").status()).isEqualTo(ELIGIBLE);
        assertThat(evaluate(p, "carboplatin-paclitaxel").status()).isEqualTo(ELIGIBLE);
    }

    @Test
    void colorectalBiomarkersSelectRegimens() {
        PatientProfile.Builder rasMutant = TestProfiles.colorectal();
        rasMutant.getGenomicsBuilder().addVariants(TestProfiles.variant("KRAS", "p.G12D"));
        assertThat(evaluate(rasMutant, "folfiri-cetuximab").status()).isEqualTo(NOT_INDICATED);
        assertThat(evaluate(TestProfiles.colorectal(), "folfiri-cetuximab").status()).isEqualTo(ELIGIBLE);

        assertThat(evaluate(TestProfiles.colorectal(), "pembrolizumab").status()).isEqualTo(NOT_INDICATED);
        PatientProfile.Builder msiHigh = TestProfiles.colorectal();
        msiHigh.getGenomicsBuilder().setMsiStatus(MsiStatus.MSI_STATUS_MSI_H);
        Eligibility pembrolizumab = evaluate(msiHigh, "pembrolizumab");
        assertThat(pembrolizumab.status()).isEqualTo(ELIGIBLE);
        assertThat(pembrolizumab.indication()).hasValueSatisfying(i -> assertThat(i.source()).contains("KEYNOTE-177"));
    }

    @Test
    void breastSubtypesSelectRegimens() {
        assertThat(evaluate(TestProfiles.breast(), "palbociclib-letrozole").status()).isEqualTo(ELIGIBLE);
        assertThat(evaluate(TestProfiles.breast(), "pertuzumab-trastuzumab-docetaxel").status()).isEqualTo(NOT_INDICATED);

        PatientProfile.Builder her2Positive = TestProfiles.her2(TestProfiles.breast(), Her2Ihc.HER2_IHC_2_PLUS,
                IshResult.ISH_RESULT_POSITIVE);
        assertThat(evaluate(her2Positive, "pertuzumab-trastuzumab-docetaxel").status()).isEqualTo(ELIGIBLE);
        assertThat(evaluate(her2Positive, "palbociclib-letrozole").status()).isEqualTo(NOT_INDICATED);

        PatientProfile.Builder her2Low = TestProfiles.her2(TestProfiles.breast(), Her2Ihc.HER2_IHC_1_PLUS,
                IshResult.ISH_RESULT_UNSPECIFIED);
        her2Low.getHistoryBuilder().addTherapyLines(TestProfiles.line(1, "paclitaxel", "2024-05-01", "2024-11-01",
                ReasonStopped.REASON_STOPPED_PROGRESSION));
        Eligibility deruxtecan = evaluate(her2Low, "trastuzumab-deruxtecan");
        assertThat(deruxtecan.status()).isEqualTo(ELIGIBLE);
        assertThat(deruxtecan.indication()).hasValueSatisfying(i -> assertThat(i.source()).contains("DESTINY-Breast04"));
    }

    @Test
    void evaluateAllReturnsEveryRegimenOfTheCancerTypeInCatalogueOrder() {
        Map<CancerType, PatientProfile> profiles = Map.of(
                CancerType.CANCER_TYPE_NSCLC, TestProfiles.nsclc().build(),
                CancerType.CANCER_TYPE_COLORECTAL, TestProfiles.colorectal().build(),
                CancerType.CANCER_TYPE_BREAST, TestProfiles.breast().build());

        profiles.forEach((type, profile) -> {
            List<Eligibility> all = evaluator.evaluateAll(profile, AS_OF);
            assertThat(all).extracting(Eligibility::regimen).containsExactlyElementsOf(CATALOGUE.forCancerType(type));
            assertThat(all).as("every status is represented, ineligible ones included")
                    .extracting(Eligibility::status).contains(ELIGIBLE, NOT_INDICATED);
            all.forEach(e -> assertThat(e.reasons()).extracting(EligibilityReason::severity)
                    .isSortedAccordingTo((a, b) -> b.compareTo(a)));
        });
    }

    @Test
    void aRegimenOfAnotherCancerTypeIsNotIndicatedAndUncataloguedTypesGetNoList() {
        Eligibility e = evaluate(TestProfiles.colorectal(), "osimertinib");
        assertThat(e.status()).isEqualTo(NOT_INDICATED);
        assertThat(only(e, ReasonCode.CANCER_TYPE_NOT_INDICATED).text())
                .isEqualTo("Osimertinib has no catalogued indication for colorectal cancer");

        PatientProfile.Builder other = TestProfiles.nsclc();
        other.getCancerBuilder().setCancerType(CancerType.CANCER_TYPE_OTHER);
        assertThat(evaluator.evaluateAll(other.build(), AS_OF)).isEmpty();
    }

    @Test
    void everyReasonNamesThePatientValueBehindIt() {
        PatientProfile.Builder p = TestProfiles.replaceLab(TestProfiles.nsclc(), LabType.LAB_TYPE_EGFR, LAB_DATE, 25);
        TestProfiles.replaceLab(p, LabType.LAB_TYPE_HEMOGLOBIN, LAB_DATE, 7.4);

        Map<ReasonCode, List<EligibilityReason>> byCode = evaluator.evaluateAll(p.build(), AS_OF).stream()
                .flatMap(e -> e.reasons().stream())
                .collect(Collectors.groupingBy(EligibilityReason::code));

        assertThat(byCode.get(ReasonCode.RULE_TRIGGERED)).isNotEmpty().allSatisfy(r -> {
            assertThat(r.patientValue()).isNotBlank();
            assertThat(r.ruleId()).isNotBlank();
        });
        assertThat(byCode.values().stream().flatMap(List::stream))
                .allSatisfy(r -> assertThat(r.patientValue()).isNotBlank());
    }
}
