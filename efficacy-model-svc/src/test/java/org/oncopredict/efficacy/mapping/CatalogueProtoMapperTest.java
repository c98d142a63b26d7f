package org.oncopredict.efficacy.mapping;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.oncopredict.efficacy.catalogue.Catalogue;
import org.oncopredict.efficacy.catalogue.CatalogueLoader;
import org.oncopredict.efficacy.catalogue.Eligibility;
import org.oncopredict.efficacy.catalogue.EligibilityEvaluator;
import org.oncopredict.efficacy.catalogue.EligibilityStatus;
import org.oncopredict.efficacy.catalogue.ReasonCode;
import org.oncopredict.efficacy.catalogue.Regimen;
import org.oncopredict.efficacy.catalogue.Severity;
import org.oncopredict.proto.efficacy.v1.ReasonSeverity;
import org.oncopredict.proto.profile.v1.CancerCondition;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.ClinicalSignificance;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.Genomics;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.Variant;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping over the shipped catalogue and real evaluator results, with concrete values. */
class CatalogueProtoMapperTest {

    private static final Catalogue CATALOGUE = CatalogueLoader.loadDefault();
    private static final EligibilityEvaluator EVALUATOR = new EligibilityEvaluator(CATALOGUE);
    private static final LocalDate AS_OF = LocalDate.of(2025, 3, 10);
    private static final String LAB_DATE = "2025-03-02";

    // ------------------------------------------------------------------------------------- regimens

    @Test
    void osimertinibMapsWithItsEgfrIndication() {
        var proto = CatalogueProtoMapper.toProto(CATALOGUE.require("osimertinib"), CATALOGUE.version());

        assertThat(proto.getId()).isEqualTo("osimertinib");
        assertThat(proto.getName()).isEqualTo("Osimertinib");
        assertThat(proto.getCatalogueVersion()).isEqualTo("1.0.0");
        assertThat(proto.getSupportiveCareOnly()).isFalse();
        assertThat(proto.getDrugsList()).singleElement().satisfies(d -> {
            assertThat(d.getName()).isEqualTo("osimertinib");
            assertThat(d.getDrugClass()).isEqualTo("EGFR_TKI");
            assertThat(d.getCytotoxic()).isFalse();
        });
        assertThat(proto.getCancerTypesList()).containsExactly(CancerType.CANCER_TYPE_NSCLC);
        assertThat(proto.getIndicationsList()).singleElement().satisfies(i -> {
            assertThat(i.getCancerType()).isEqualTo(CancerType.CANCER_TYPE_NSCLC);
            assertThat(i.getFirstLine()).isEqualTo(1);
            assertThat(i.hasLastLine()).as("open line range leaves last_line absent").isFalse();
            assertThat(i.getRequiredBiomarkersList()).containsExactly("EGFR_ACTIVATING");
            assertThat(i.getExcludedBiomarkersList()).isEmpty();
            assertThat(i.getEvidenceLevel()).isEqualTo("I-A");
            assertThat(i.getEvidenceSource()).startsWith("FLAURA (Soria et al., NEJM 2018");
            assertThat(i.getSummary()).startsWith("advanced NSCLC with an EGFR exon 19 deletion or L858R");
        });
    }

    @Test
    void closedLineRangeAndExclusionsAreKept() {
        var pembrolizumab = CatalogueProtoMapper.toProto(CATALOGUE.require("pembrolizumab"), CATALOGUE.version());

        var firstLine = pembrolizumab.getIndications(0);
        assertThat(firstLine.getFirstLine()).isEqualTo(1);
        assertThat(firstLine.hasLastLine()).isTrue();
        assertThat(firstLine.getLastLine()).isEqualTo(1);
        assertThat(firstLine.getRequiredBiomarkersList()).containsExactly("PDL1_TPS_AT_LEAST_50");
        assertThat(firstLine.getExcludedBiomarkersList()).containsExactly("EGFR_ACTIVATING", "ALK_FUSION");
        assertThat(firstLine.getEvidenceSource()).isEqualTo("KEYNOTE-024 (Reck et al., NEJM 2016)");
        // Indications for two cancer types: listed once each, in enum order.
        assertThat(pembrolizumab.getCancerTypesList())
                .containsExactly(CancerType.CANCER_TYPE_NSCLC, CancerType.CANCER_TYPE_COLORECTAL);
    }

    @Test
    void cytotoxicFlagFollowsTheDrugClass() {
        var proto = CatalogueProtoMapper.toProto(CATALOGUE.require("cisplatin-pemetrexed"), CATALOGUE.version());

        assertThat(proto.getDrugsList()).extracting(d -> d.getName() + ":" + d.getDrugClass() + ":" + d.getCytotoxic())
                .containsExactly("cisplatin:PLATINUM_CISPLATIN:true", "pemetrexed:ANTIFOLATE:true");
    }

    @Test
    void supportiveCareHasNoDrugs() {
        var bsc = CatalogueProtoMapper.toProto(CATALOGUE.require("best-supportive-care"), CATALOGUE.version());

        assertThat(bsc.getSupportiveCareOnly()).isTrue();
        assertThat(bsc.getDrugsList()).isEmpty();
        assertThat(bsc.getCancerTypesList()).containsExactly(
                CancerType.CANCER_TYPE_NSCLC, CancerType.CANCER_TYPE_COLORECTAL, CancerType.CANCER_TYPE_BREAST);
    }

    @Test
    void wholeCatalogueMapsInOrderAndEveryFieldIsFilled() {
        List<org.oncopredict.proto.efficacy.v1.Regimen> all = CatalogueProtoMapper.toProto(CATALOGUE);

        assertThat(all).extracting(org.oncopredict.proto.efficacy.v1.Regimen::getId)
                .containsExactlyElementsOf(CATALOGUE.regimens().stream().map(Regimen::id).toList());
        assertThat(all).allSatisfy(r -> {
            assertThat(r.getCatalogueVersion()).isEqualTo(CATALOGUE.version());
            assertThat(r.getCancerTypesList()).isNotEmpty().doesNotHaveDuplicates()
                    .doesNotContain(CancerType.CANCER_TYPE_UNSPECIFIED);
            assertThat(r.getIndicationsList()).isNotEmpty().allSatisfy(i -> {
                assertThat(i.getFirstLine()).isGreaterThanOrEqualTo(1);
                assertThat(i.getEvidenceLevel()).isNotEmpty();
                assertThat(i.getEvidenceSource()).isNotEmpty();
                assertThat(i.getSummary()).isNotEmpty();
            });
            assertThat(r.getDrugsList()).allSatisfy(d -> assertThat(d.getDrugClass()).isNotEmpty());
        });
    }

    // ---------------------------------------------------------------------------------- eligibility

    @Test
    void cisplatinRenalContraindicationMapsWithRuleIdAndSeverity() {
        PatientProfile.Builder p = nsclc();
        replaceLab(p, LabType.LAB_TYPE_EGFR, 38);
        Eligibility e = EVALUATOR.evaluate(p.build(), CATALOGUE.require("cisplatin-pemetrexed"), AS_OF);

        var proto = CatalogueProtoMapper.toProto(e);

        assertThat(proto.getStatus())
                .isEqualTo(org.oncopredict.proto.efficacy.v1.EligibilityStatus.ELIGIBILITY_STATUS_CONTRAINDICATED);
        assertThat(proto.getLineOfTherapy()).isEqualTo(1);
        // The indication itself is met; the contraindication overrides it.
        assertThat(proto.getIndicationSummary()).isEqualTo("advanced non-squamous NSCLC in cisplatin-fit patients");
        assertThat(proto.getReasonsCount()).isEqualTo(e.reasons().size());
        var renal = proto.getReasons(0);
        assertThat(renal.getCode()).isEqualTo(org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_RULE_TRIGGERED);
        assertThat(renal.getSeverity()).isEqualTo(ReasonSeverity.REASON_SEVERITY_CONTRAINDICATED);
        assertThat(renal.getMessage()).isEqualTo("eGFR 38 mL/min/1.73m² (2025-03-02) < 45: cisplatin contraindicated");
        assertThat(renal.getPatientValue()).isEqualTo("eGFR 38 mL/min/1.73m² on 2025-03-02");
        assertThat(renal.getRuleIdsList()).containsExactly("cisplatin-renal-function");
        // Pemetrexed's own renal rule is a caution, after the contraindication (most severe first).
        assertThat(proto.getReasonsList())
                .filteredOn(r -> r.getSeverity() == ReasonSeverity.REASON_SEVERITY_CAUTION)
                .singleElement().satisfies(r -> assertThat(r.getRuleIdsList()).containsExactly("pemetrexed-renal-function"));
        assertThat(proto.getReasonsList())
                .filteredOn(r -> r.getCode() == org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_INDICATION_MET)
                .singleElement().satisfies(r -> {
                    assertThat(r.getSeverity()).isEqualTo(ReasonSeverity.REASON_SEVERITY_INFO);
                    assertThat(r.getRuleIdsList()).isEmpty();
                    assertThat(r.getPatientValue()).isEqualTo("line 1");
                });
    }

    @Test
    void missingDatumSharedByTwoRulesListsBothRuleIds() {
        PatientProfile.Builder p = nsclc();
        removeLab(p, LabType.LAB_TYPE_EGFR);
        Eligibility e = EVALUATOR.evaluate(p.build(), CATALOGUE.require("cisplatin-pemetrexed"), AS_OF);

        var proto = CatalogueProtoMapper.toProto(e);

        assertThat(proto.getStatus()).isEqualTo(
                org.oncopredict.proto.efficacy.v1.EligibilityStatus.ELIGIBILITY_STATUS_ELIGIBLE_WITH_CAUTIONS);
        assertThat(proto.getReasons(0)).satisfies(r -> {
            assertThat(r.getCode()).isEqualTo(org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_DATA_MISSING);
            assertThat(r.getSeverity()).isEqualTo(ReasonSeverity.REASON_SEVERITY_CAUTION);
            assertThat(r.getRuleIdsList()).containsExactly("cisplatin-renal-function", "pemetrexed-renal-function");
            assertThat(r.getPatientValue()).isEqualTo("no eGFR on or before 2025-03-10");
        });
    }

    @Test
    void unmetIndicationHasNoSummary() {
        // No EGFR variant: osimertinib is not indicated, with the biomarker reason.
        Eligibility e = EVALUATOR.evaluate(nsclc().build(), CATALOGUE.require("osimertinib"), AS_OF);

        var proto = CatalogueProtoMapper.toProto(e);

        assertThat(proto.getStatus())
                .isEqualTo(org.oncopredict.proto.efficacy.v1.EligibilityStatus.ELIGIBILITY_STATUS_NOT_INDICATED);
        assertThat(proto.getIndicationSummary()).isEmpty();
        assertThat(proto.getReasons(0)).satisfies(r -> {
            assertThat(r.getCode())
                    .isEqualTo(org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_REQUIRED_BIOMARKER_ABSENT);
            assertThat(r.getSeverity()).isEqualTo(ReasonSeverity.REASON_SEVERITY_NOT_INDICATED);
            assertThat(r.getMessage()).startsWith("EGFR activating mutation not detected");
            assertThat(r.getRuleIdsList()).isEmpty();
        });
    }

    @Test
    void egfrMutantPatientIsEligibleForOsimertinibWithTheIndicationSummary() {
        PatientProfile.Builder p = nsclc();
        p.getGenomicsBuilder().addVariants(variant("EGFR", "p.L858R"));
        Eligibility e = EVALUATOR.evaluate(p.build(), CATALOGUE.require("osimertinib"), AS_OF);

        var proto = CatalogueProtoMapper.toProto(e);

        assertThat(proto.getStatus())
                .isEqualTo(org.oncopredict.proto.efficacy.v1.EligibilityStatus.ELIGIBILITY_STATUS_ELIGIBLE);
        assertThat(proto.getIndicationSummary()).isEqualTo(CATALOGUE.require("osimertinib").indications().get(0).summary());
        assertThat(proto.getReasonsList()).singleElement().satisfies(r ->
                assertThat(r.getPatientValue()).contains("EGFR p.L858R (pathogenic)"));
    }

    @Test
    void everyRegimenOfTheCancerTypeMapsFaithfully() {
        PatientProfile.Builder p = nsclc();
        replaceLab(p, LabType.LAB_TYPE_EGFR, 38);
        List<Eligibility> all = EVALUATOR.evaluateAll(p.build(), AS_OF);

        assertThat(all).isNotEmpty().allSatisfy(e -> {
            var proto = CatalogueProtoMapper.toProto(e);
            assertThat(proto.getStatus().name()).isEqualTo("ELIGIBILITY_STATUS_" + e.status().name());
            assertThat(proto.getReasonsList()).extracting(r -> r.getCode().name())
                    .containsExactlyElementsOf(e.reasons().stream().map(r -> "REASON_CODE_" + r.code().name()).toList());
        });
    }

    // ---------------------------------------------------------------------------------------- enums

    @Test
    void everyEligibilityStatusMapsToItsNamesake() {
        Set<Object> seen = new HashSet<>();
        for (EligibilityStatus status : EligibilityStatus.values()) {
            var proto = CatalogueProtoMapper.toProto(status);
            assertThat(proto).isNotEqualTo(
                    org.oncopredict.proto.efficacy.v1.EligibilityStatus.ELIGIBILITY_STATUS_UNSPECIFIED);
            assertThat(proto.name()).isEqualTo("ELIGIBILITY_STATUS_" + status.name());
            assertThat(seen.add(proto)).as("injective").isTrue();
        }
    }

    @Test
    void everySeverityMapsToItsNamesake() {
        for (Severity severity : Severity.values()) {
            ReasonSeverity proto = CatalogueProtoMapper.toProto(severity);
            assertThat(proto).isNotEqualTo(ReasonSeverity.REASON_SEVERITY_UNSPECIFIED);
            assertThat(proto.name()).isEqualTo("REASON_SEVERITY_" + severity.name());
        }
        // Both orders run least to most severe, so "most severe first" survives the mapping.
        assertThat(EnumSet.allOf(Severity.class)).extracting(s -> CatalogueProtoMapper.toProto(s).getNumber())
                .isSorted();
    }

    @Test
    void everyReasonCodeMapsToItsNamesake() {
        for (ReasonCode code : ReasonCode.values()) {
            var proto = CatalogueProtoMapper.toProto(code);
            assertThat(proto).isNotEqualTo(org.oncopredict.proto.efficacy.v1.ReasonCode.REASON_CODE_UNSPECIFIED);
            assertThat(proto.name()).isEqualTo("REASON_CODE_" + code.name());
        }
    }

    @Test
    void ruleIdsAreSplitAndTrimmed() {
        assertThat(CatalogueProtoMapper.ruleIds(null)).isEmpty();
        assertThat(CatalogueProtoMapper.ruleIds("")).isEmpty();
        assertThat(CatalogueProtoMapper.ruleIds("a-rule")).containsExactly("a-rule");
        assertThat(CatalogueProtoMapper.ruleIds("a-rule, b-rule,")).containsExactly("a-rule", "b-rule");
    }

    // ------------------------------------------------------------------------------------- profiles

    /** A fit patient with non-squamous NSCLC, no driver, PD-L1 60 %, normal labs shortly before {@link #AS_OF}. */
    private static PatientProfile.Builder nsclc() {
        PatientProfile.Builder p = PatientProfile.newBuilder()
                .setPatientId("P-TEST000001")
                .setAgeAtDiagnosisYears(62)
                .setCancer(CancerCondition.newBuilder().setCancerType(CancerType.CANCER_TYPE_NSCLC)
                        .setPrimarySiteCode("C34.1").setHistologyCode("8140/3").setDiagnosisDate("2024-12-15")
                        .setStageGroup("IVA"))
                .setGenomics(Genomics.newBuilder().setReportDate("2025-01-20").setPdl1TpsPercent(60)
                        .addVariants(variant("TP53", "p.R273H")));
        p.getHistoryBuilder().addEcog(EcogAssessment.newBuilder().setDate("2025-03-01").setScore(1));
        lab(p, LabType.LAB_TYPE_EGFR, 85);
        lab(p, LabType.LAB_TYPE_BILIRUBIN, 0.6);
        lab(p, LabType.LAB_TYPE_ALT, 22);
        lab(p, LabType.LAB_TYPE_ANC, 4.2);
        lab(p, LabType.LAB_TYPE_HEMOGLOBIN, 13.1);
        return p;
    }

    private static void lab(PatientProfile.Builder p, LabType type, double value) {
        p.getHistoryBuilder().addLabs(LabResult.newBuilder().setDate(LAB_DATE).setType(type).setValue(value));
    }

    private static void replaceLab(PatientProfile.Builder p, LabType type, double value) {
        removeLab(p, type);
        lab(p, type, value);
    }

    private static void removeLab(PatientProfile.Builder p, LabType type) {
        var history = p.getHistoryBuilder();
        var kept = history.getLabsList().stream().filter(l -> l.getType() != type).toList();
        history.clearLabs().addAllLabs(kept);
    }

    private static Variant variant(String gene, String protein) {
        return Variant.newBuilder().setGene(gene).setHgvsP(protein).setVaf(0.3)
                .setClinicalSignificance(ClinicalSignificance.CLINICAL_SIGNIFICANCE_PATHOGENIC).build();
    }
}
