package org.oncopredict.efficacy.catalogue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.oncopredict.proto.profile.v1.ClinicalSignificance;
import org.oncopredict.proto.profile.v1.Genomics;
import org.oncopredict.proto.profile.v1.Her2Ihc;
import org.oncopredict.proto.profile.v1.IshResult;
import org.oncopredict.proto.profile.v1.MsiStatus;
import org.oncopredict.proto.profile.v1.PatientProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oncopredict.efficacy.catalogue.BiomarkerStatus.NEGATIVE;
import static org.oncopredict.efficacy.catalogue.BiomarkerStatus.POSITIVE;
import static org.oncopredict.efficacy.catalogue.BiomarkerStatus.UNKNOWN;

class BiomarkerInterpreterTest {

    private static final LocalDate AS_OF = TestProfiles.AS_OF;

    private static BiomarkerFinding interpret(Biomarker biomarker, Genomics.Builder genomics) {
        PatientProfile profile = TestProfiles.nsclc().setGenomics(genomics.setReportDate(TestProfiles.REPORT_DATE)).build();
        return BiomarkerInterpreter.interpret(biomarker, profile, AS_OF);
    }

    @ParameterizedTest(name = "EGFR {0} ({1}) → {2}")
    @CsvSource({
            "p.L858R, PATHOGENIC, POSITIVE",
            "p.Leu858Arg, PATHOGENIC, POSITIVE",
            "p.E746_A750del, LIKELY_PATHOGENIC, POSITIVE",
            "p.L747_P753delinsS, PATHOGENIC, POSITIVE",
            "p.G719S, PATHOGENIC, POSITIVE",
            "p.L861Q, PATHOGENIC, POSITIVE",
            "p.T790M, PATHOGENIC, NEGATIVE",
            "p.A767_V769dup, PATHOGENIC, NEGATIVE",
            "p.D770_N771insSVD, PATHOGENIC, NEGATIVE",
            "p.L858R, UNCERTAIN, NEGATIVE",
            "p.L858R, BENIGN, NEGATIVE"
    })
    void egfrActivatingMutations(String protein, String significance, BiomarkerStatus expected) {
        Genomics.Builder genomics = Genomics.newBuilder().addVariants(TestProfiles.variant("EGFR", protein,
                ClinicalSignificance.valueOf("CLINICAL_SIGNIFICANCE_" + significance)));

        assertThat(interpret(Biomarker.EGFR_ACTIVATING, genomics).status()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "HER2 IHC {0}, ISH {1} → positive {2}, negative {3}, low {4}")
    @CsvSource({
            "HER2_IHC_3_PLUS, ISH_RESULT_UNSPECIFIED, POSITIVE, NEGATIVE, NEGATIVE",
            "HER2_IHC_2_PLUS, ISH_RESULT_POSITIVE, POSITIVE, NEGATIVE, NEGATIVE",
            "HER2_IHC_2_PLUS, ISH_RESULT_NEGATIVE, NEGATIVE, POSITIVE, POSITIVE",
            "HER2_IHC_2_PLUS, ISH_RESULT_EQUIVOCAL, UNKNOWN, UNKNOWN, UNKNOWN",
            "HER2_IHC_2_PLUS, ISH_RESULT_UNSPECIFIED, UNKNOWN, UNKNOWN, UNKNOWN",
            "HER2_IHC_1_PLUS, ISH_RESULT_UNSPECIFIED, NEGATIVE, POSITIVE, POSITIVE",
            "HER2_IHC_0, ISH_RESULT_UNSPECIFIED, NEGATIVE, POSITIVE, NEGATIVE",
            "HER2_IHC_UNSPECIFIED, ISH_RESULT_POSITIVE, POSITIVE, NEGATIVE, NEGATIVE",
            "HER2_IHC_UNSPECIFIED, ISH_RESULT_UNSPECIFIED, UNKNOWN, UNKNOWN, UNKNOWN"
    })
    void her2FollowsAscoCap(Her2Ihc ihc, IshResult ish, BiomarkerStatus positive, BiomarkerStatus negative,
                            BiomarkerStatus low) {
        Genomics.Builder genomics = Genomics.newBuilder().setHer2Ihc(ihc).setHer2Ish(ish);

        assertThat(interpret(Biomarker.HER2_POSITIVE, genomics).status()).isEqualTo(positive);
        assertThat(interpret(Biomarker.HER2_NEGATIVE, genomics).status()).isEqualTo(negative);
        assertThat(interpret(Biomarker.HER2_LOW, genomics).status()).isEqualTo(low);
    }

    @Test
    void hormoneReceptorsArePositiveFromOnePercentAndNegativeOnlyWhenBothAreMeasured() {
        assertThat(interpret(Biomarker.HR_POSITIVE, Genomics.newBuilder().setErPercent(1)).status()).isEqualTo(POSITIVE);
        assertThat(interpret(Biomarker.HR_POSITIVE, Genomics.newBuilder().setErPercent(0).setPrPercent(5)).status())
                .isEqualTo(POSITIVE);
        assertThat(interpret(Biomarker.HR_POSITIVE, Genomics.newBuilder().setErPercent(0).setPrPercent(0)).status())
                .isEqualTo(NEGATIVE);
        assertThat(interpret(Biomarker.HR_POSITIVE, Genomics.newBuilder().setErPercent(0.5)).status())
                .isEqualTo(UNKNOWN);
    }

    @Test
    void rasWildTypeMeansNoPathogenicKrasOrNras() {
        BiomarkerFinding wildType = interpret(Biomarker.RAS_WILD_TYPE, Genomics.newBuilder()
                .addVariants(TestProfiles.variant("KRAS", "p.G12D", ClinicalSignificance.CLINICAL_SIGNIFICANCE_UNCERTAIN)));
        assertThat(wildType.status()).isEqualTo(POSITIVE);

        BiomarkerFinding nras = interpret(Biomarker.RAS_WILD_TYPE, Genomics.newBuilder()
                .addVariants(TestProfiles.variant("NRAS", "p.Q61K")));
        assertThat(nras.status()).isEqualTo(NEGATIVE);
        assertThat(nras.evidence()).startsWith("NRAS p.Q61K (pathogenic)");
    }

    @Test
    void msiAndPdl1AreUnknownWhenNotReported() {
        assertThat(interpret(Biomarker.MSI_H, Genomics.newBuilder()).status()).isEqualTo(UNKNOWN);
        assertThat(interpret(Biomarker.MSI_H, Genomics.newBuilder().setMsiStatus(MsiStatus.MSI_STATUS_MSI_L)).status())
                .isEqualTo(NEGATIVE);
        assertThat(interpret(Biomarker.PDL1_TPS_AT_LEAST_1, Genomics.newBuilder()).status()).isEqualTo(UNKNOWN);
        assertThat(interpret(Biomarker.PDL1_TPS_AT_LEAST_50, Genomics.newBuilder().setPdl1TpsPercent(49)).status())
                .isEqualTo(NEGATIVE);
        assertThat(interpret(Biomarker.PDL1_TPS_AT_LEAST_1, Genomics.newBuilder().setPdl1TpsPercent(1)).evidence())
                .isEqualTo("PD-L1 TPS 1%, report " + TestProfiles.REPORT_DATE);
    }

    @Test
    void biomarkersComeOnlyFromAReportDatedOnOrBeforeAsOf() {
        PatientProfile.Builder p = TestProfiles.nsclc();
        p.getGenomicsBuilder().addVariants(TestProfiles.variant("KRAS", "p.G12C")).setReportDate(AS_OF.toString());
        assertThat(BiomarkerInterpreter.interpret(Biomarker.KRAS_G12C, p, AS_OF).status()).isEqualTo(POSITIVE);

        p.getGenomicsBuilder().setReportDate(AS_OF.plusDays(1).toString());
        assertThat(BiomarkerInterpreter.interpret(Biomarker.KRAS_G12C, p, AS_OF).status()).isEqualTo(UNKNOWN);

        p.getGenomicsBuilder().setReportDate("");
        assertThat(BiomarkerInterpreter.interpret(Biomarker.KRAS_G12C, p, AS_OF).evidence())
                .isEqualTo("no dated molecular report on record");
    }

    @ParameterizedTest(name = "histology {0} → squamous {1}")
    @CsvSource({"8070/3, POSITIVE", "8071/3, POSITIVE", "8083/3, POSITIVE", "8140/3, NEGATIVE", "8046/3, NEGATIVE",
            "'', UNKNOWN"})
    void squamousHistologyComesFromTheCancerCondition(String histology, BiomarkerStatus expected) {
        PatientProfile.Builder p = TestProfiles.nsclc().clearGenomics();
        p.getCancerBuilder().setHistologyCode(histology);

        assertThat(BiomarkerInterpreter.interpret(Biomarker.SQUAMOUS_HISTOLOGY, p, AS_OF).status()).isEqualTo(expected);
    }
}
