package org.oncopredict.efficacy.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.oncopredict.proto.profile.v1.CancerCondition;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.ClinicalSignificance;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.Genomics;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.Sex;
import org.oncopredict.proto.profile.v1.TherapyLine;
import org.oncopredict.proto.profile.v1.Variant;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;

class FeatureEncoderTest {

    private static final FeatureEncoder ENCODER = new FeatureEncoder();
    private static final LocalDate AS_OF = LocalDate.of(2025, 6, 1);

    /** The golden, stable feature names of features-v1: changing this list is a schema version change. */
    static final List<String> GOLDEN = List.of(
            "age_years", "age_years_missing", "sex_female", "ecog", "ecog_missing",
            "egfr_ml_min", "egfr_ml_min_missing", "bilirubin_mg_dl", "bilirubin_mg_dl_missing",
            "alt_u_l", "alt_u_l_missing", "anc_1e9_l", "anc_1e9_l_missing",
            "hemoglobin_g_dl", "hemoglobin_g_dl_missing", "smoking_current", "smoking_former",
            "pack_years", "pack_years_missing", "bmi", "bmi_missing", "stage_iv", "n_metastatic_sites",
            "brain_mets", "liver_mets", "squamous_histology", "months_since_diagnosis",
            "months_since_diagnosis_missing", "cancer_nsclc", "cancer_colorectal", "cancer_breast", "cancer_other",
            "molecular_report_missing", "bm_egfr_activating", "bm_alk_fusion", "bm_kras_g12c", "bm_braf_v600e",
            "bm_msi_h", "bm_tmb_high", "bm_pdl1_ge_50", "bm_pdl1_1_49", "bm_her2_positive", "bm_hr_positive",
            "bm_ras_wild_type", "pdl1_tps", "pdl1_tps_missing", "tmb", "tmb_missing",
            "prior_lines", "prior_io", "prior_platinum", "prior_grade3_toxicity", "prior_irae_grade3");

    private static PatientProfile bare() {
        return PatientProfile.newBuilder()
                .setSex(Sex.SEX_MALE)
                .setAgeAtDiagnosisYears(60)
                .setCancer(CancerCondition.newBuilder().setCancerType(CancerType.CANCER_TYPE_NSCLC)
                        .setDiagnosisDate("2025-01-01").setStageGroup("IVA"))
                .build();
    }

    @Test
    void namesAreUniqueAndMatchTheGoldenList() {
        assertThat(FeatureSchema.v1().names()).containsExactlyElementsOf(GOLDEN);
        assertThat(new HashSet<>(GOLDEN)).hasSize(GOLDEN.size());
        assertThat(ENCODER.encode(bare(), AS_OF).names()).containsExactlyElementsOf(GOLDEN);
        for (FeatureSpec spec : FeatureSchema.v1().features()) {
            assertThat(spec.unit()).isNotBlank();
            assertThat(spec.description()).isNotBlank();
        }
        String card = FeatureSchema.v1().describe();
        GOLDEN.forEach(name -> assertThat(card).contains("`" + name + "`"));
        assertThat(card).contains(FeatureSchema.VERSION);
    }

    @Test
    void profileWithoutLabsEcogOrGenomicsGetsDefaultsAndMissingIndicators() {
        FeatureVector v = ENCODER.encode(bare(), AS_OF);
        assertThat(v.value("ecog")).isEqualTo(1);
        assertThat(v.value("egfr_ml_min")).isEqualTo(90);
        assertThat(v.value("bilirubin_mg_dl")).isEqualTo(0.6);
        assertThat(v.value("alt_u_l")).isEqualTo(25);
        assertThat(v.value("anc_1e9_l")).isEqualTo(4.0);
        assertThat(v.value("hemoglobin_g_dl")).isEqualTo(13.0);
        assertThat(v.value("bmi")).isEqualTo(25);
        assertThat(v.value("pdl1_tps")).isZero();
        for (String name : List.of("ecog", "egfr_ml_min", "bilirubin_mg_dl", "alt_u_l", "anc_1e9_l",
                "hemoglobin_g_dl", "pack_years", "bmi", "pdl1_tps", "tmb")) {
            assertThat(v.value(name + "_missing")).as(name).isEqualTo(1);
            assertThat(v.isImputed(name)).as(name).isTrue();
        }
        assertThat(v.value("molecular_report_missing")).isEqualTo(1);
        assertThat(v.value("bm_egfr_activating")).isZero();
        assertThat(v.imputed()).contains("bm_egfr_activating", "bm_pdl1_ge_50", "smoking_current", "squamous_histology");
        // Known facts are not imputed.
        assertThat(v.imputed()).doesNotContain("age_years", "months_since_diagnosis", "prior_lines", "stage_iv");
        assertThat(v.value("age_years_missing")).isZero();
        assertThat(v.value("age_years")).isCloseTo(60 + 151 / 365.25, within(1e-12));
        assertThat(v.value("months_since_diagnosis")).isCloseTo(151 / (365.25 / 12), within(1e-12));
        assertThat(v.value("stage_iv")).isEqualTo(1);
        assertThat(v.value("cancer_nsclc")).isEqualTo(1);
        assertThat(v.value("cancer_breast") + v.value("cancer_colorectal") + v.value("cancer_other")).isZero();
        // No age or diagnosis at all: default age, flagged.
        FeatureVector empty = ENCODER.encode(PatientProfile.getDefaultInstance(), AS_OF);
        assertThat(empty.value("age_years")).isEqualTo(65);
        assertThat(empty.value("age_years_missing")).isEqualTo(1);
        assertThat(empty.value("cancer_other")).isEqualTo(1);
    }

    @Test
    void labsAndEcogAreTheLatestOnOrBeforeAsOfWithinTheLookBackWindow() {
        PatientProfile.Builder p = bare().toBuilder();
        p.getHistoryBuilder()
                .addLabs(lab("2025-01-15", LabType.LAB_TYPE_ALT, 300))      // older than 90 days
                .addLabs(lab("2025-05-01", LabType.LAB_TYPE_EGFR, 55))
                .addLabs(lab("2025-06-01", LabType.LAB_TYPE_EGFR, 40))      // same day as asOf: used
                .addLabs(lab("2025-06-02", LabType.LAB_TYPE_EGFR, 10))      // after asOf: never
                .addEcog(EcogAssessment.newBuilder().setDate("2025-05-20").setScore(2))
                .addEcog(EcogAssessment.newBuilder().setDate("2025-06-10").setScore(4));
        FeatureVector v = ENCODER.encode(p, AS_OF);
        assertThat(v.value("egfr_ml_min")).isEqualTo(40);
        assertThat(v.value("egfr_ml_min_missing")).isZero();
        assertThat(v.value("alt_u_l")).isEqualTo(25);
        assertThat(v.value("alt_u_l_missing")).isEqualTo(1);
        assertThat(v.value("ecog")).isEqualTo(2);
        assertThat(ENCODER.encode(p, LocalDate.of(2025, 5, 31)).value("egfr_ml_min")).isEqualTo(55);
    }

    @Test
    void biomarkersOnlyFromAReportDatedOnOrBeforeAsOfAndHistoryOnlyFromEarlierLines() {
        PatientProfile.Builder p = bare().toBuilder().setGenomics(Genomics.newBuilder()
                .setReportDate("2025-03-01").setPdl1TpsPercent(30).setTmbMutPerMb(12)
                .addVariants(Variant.newBuilder().setGene("EGFR").setHgvsP("p.L858R")
                        .setClinicalSignificance(ClinicalSignificance.CLINICAL_SIGNIFICANCE_PATHOGENIC)));
        p.getHistoryBuilder()
                .addTherapyLines(TherapyLine.newBuilder().setLineNumber(1).setRegimenId("carboplatin-pemetrexed")
                        .setStartDate("2025-02-01").setEndDate("2025-04-01").setWorstToxicityGrade(3))
                .addTherapyLines(TherapyLine.newBuilder().setLineNumber(2).setRegimenId("pembrolizumab")
                        .setStartDate("2025-06-01"));
        FeatureVector v = ENCODER.encode(p, AS_OF);
        assertThat(v.value("bm_egfr_activating")).isEqualTo(1);
        assertThat(v.value("bm_pdl1_1_49")).isEqualTo(1);
        assertThat(v.value("bm_pdl1_ge_50")).isZero();
        assertThat(v.value("pdl1_tps")).isEqualTo(30);
        assertThat(v.value("bm_tmb_high")).isEqualTo(1);
        assertThat(v.value("molecular_report_missing")).isZero();
        assertThat(v.value("prior_lines")).isEqualTo(1);
        assertThat(v.value("prior_platinum")).isEqualTo(1);
        assertThat(v.value("prior_io")).isZero();
        assertThat(v.value("prior_grade3_toxicity")).isEqualTo(1);

        FeatureVector early = ENCODER.encode(p, LocalDate.of(2025, 2, 28));
        assertThat(early.value("molecular_report_missing")).isEqualTo(1);
        assertThat(early.value("bm_egfr_activating")).isZero();
        assertThat(early.isImputed("bm_egfr_activating")).isTrue();
        assertThat(early.value("pdl1_tps_missing")).isEqualTo(1);
        assertThat(early.value("prior_lines")).isEqualTo(1);
        assertThat(early.value("prior_grade3_toxicity")).as("line 1's toxicity is not known yet").isZero();

        assertThat(ENCODER.encode(p, LocalDate.of(2025, 6, 2)).value("prior_io")).isEqualTo(1);
    }

    @Test
    void toExampleHasExactlyTheVectorsNamesAndValues() {
        PatientProfile.Builder p = bare().toBuilder();
        p.getHistoryBuilder().addLabs(lab("2025-05-30", LabType.LAB_TYPE_HEMOGLOBIN, 11.2));
        FeatureVector v = ENCODER.encode(p, AS_OF);
        Example<Label> example = ENCODER.toExample(v, new Label("response"));
        assertThat(example.getOutput()).isEqualTo(new Label("response"));
        Map<String, Double> fromExample = new HashMap<>();
        for (Feature f : example) {
            assertThat(fromExample.put(f.getName(), f.getValue())).as("duplicate %s", f.getName()).isNull();
        }
        assertThat(example.size()).isEqualTo(GOLDEN.size());
        assertThat(fromExample).isEqualTo(v.asMap());
        assertThat(fromExample.get("hemoglobin_g_dl")).isEqualTo(11.2);
    }

    @Test
    void vectorIsImmutable() {
        FeatureVector v = ENCODER.encode(bare(), AS_OF);
        v.values()[0] = -1;
        assertThat(v.value("age_years")).isPositive();
        assertThat(v).isEqualTo(ENCODER.encode(bare(), AS_OF));
    }

    private static LabResult lab(String date, LabType type, double value) {
        return LabResult.newBuilder().setDate(date).setType(type).setValue(value).build();
    }
}
