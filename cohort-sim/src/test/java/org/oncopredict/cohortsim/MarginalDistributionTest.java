package org.oncopredict.cohortsim;

import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.truth.Biomarkers;
import org.oncopredict.cohortsim.truth.Covariates;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.Sex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_BREAST;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_COLORECTAL;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_NSCLC;

/**
 * Marginal distributions of 20,000 patients within the ranges the simulator documents (published
 * prevalences in advanced disease; the ranges are wide enough for sampling error, narrow enough to
 * catch a broken generator).
 */
class MarginalDistributionTest {

    private final List<SimulatedPatient> cohort = Cohorts.confounded();

    @Test
    void cancerTypeMixFollowsTheDefault5025025() {
        assertBetween(fraction(cohort, p -> p.cancerType() == CANCER_TYPE_NSCLC), 0.48, 0.52, "NSCLC");
        assertBetween(fraction(cohort, p -> p.cancerType() == CANCER_TYPE_COLORECTAL), 0.23, 0.27, "colorectal");
        assertBetween(fraction(cohort, p -> p.cancerType() == CANCER_TYPE_BREAST), 0.23, 0.27, "breast");
    }

    @Test
    void sexByCancerType() {
        Predicate<SimulatedPatient> female = p -> p.profile().getSex() == Sex.SEX_FEMALE;
        assertBetween(fraction(of(CANCER_TYPE_BREAST), female), 0.97, 1.0, "female breast");
        assertBetween(fraction(of(CANCER_TYPE_NSCLC), female), 0.40, 0.50, "female NSCLC");
        assertBetween(fraction(of(CANCER_TYPE_COLORECTAL), female), 0.40, 0.50, "female colorectal");
    }

    @Test
    void nsclcDriverPrevalences() {
        List<SimulatedPatient> nsclc = of(CANCER_TYPE_NSCLC);
        assertBetween(fraction(nsclc, marker(Biomarkers::egfrSensitising)), 0.12, 0.19, "EGFR");
        assertBetween(fraction(nsclc, marker(Biomarkers::alkFusion)), 0.03, 0.07, "ALK");
        assertBetween(fraction(nsclc, marker(Biomarkers::krasG12c)), 0.10, 0.16, "KRAS G12C");
        assertEquals(0, fraction(nsclc, marker(b -> b.egfrSensitising() && (b.alkFusion() || b.krasMutant()))),
                "drivers are mutually exclusive");
        // EGFR enriched in never-smokers and women; G12C a smokers' mutation.
        List<SimulatedPatient> never = nsclc.stream().filter(p -> !first(p).everSmoker()).toList();
        List<SimulatedPatient> ever = nsclc.stream().filter(p -> first(p).everSmoker()).toList();
        assertTrue(fraction(never, marker(Biomarkers::egfrSensitising))
                > 3 * fraction(ever, marker(Biomarkers::egfrSensitising)), "EGFR enriched in never-smokers");
        assertTrue(fraction(nsclc.stream().filter(p -> p.profile().getSex() == Sex.SEX_FEMALE).toList(),
                marker(Biomarkers::egfrSensitising)) > 1.3 * fraction(nsclc.stream()
                .filter(p -> p.profile().getSex() == Sex.SEX_MALE).toList(), marker(Biomarkers::egfrSensitising)),
                "EGFR enriched in women");
        assertTrue(fraction(never, marker(Biomarkers::krasG12c)) < 0.04, "G12C rare in never-smokers");
    }

    @Test
    void nsclcPdl1Spread() {
        List<SimulatedPatient> nsclc = of(CANCER_TYPE_NSCLC);
        assertBetween(fraction(nsclc, marker(Biomarkers::pdl1High)), 0.26, 0.34, "TPS >= 50");
        assertBetween(fraction(nsclc, marker(Biomarkers::pdl1Low)), 0.31, 0.39, "TPS 1-49");
        assertBetween(fraction(nsclc, marker(b -> b.pdl1TpsPercent().getAsDouble() < 1)), 0.31, 0.39, "TPS < 1");
    }

    @Test
    void colorectalBiomarkers() {
        List<SimulatedPatient> crc = of(CANCER_TYPE_COLORECTAL);
        assertBetween(fraction(crc, marker(Biomarkers::msiHigh)), 0.035, 0.065, "MSI-H");
        assertBetween(fraction(crc, marker(Biomarkers::krasMutant)), 0.35, 0.45, "KRAS");
        assertBetween(fraction(crc, marker(Biomarkers::brafV600e)), 0.06, 0.11, "BRAF V600E");
        assertEquals(0, fraction(crc, marker(b -> b.brafV600e() && b.rasMutant())), "BRAF excludes RAS");
        assertTrue(fraction(crc.stream().filter(p -> first(p).biomarkers().msiHigh()).toList(),
                marker(Biomarkers::brafV600e)) > 0.25, "BRAF V600E enriched in MSI-H");
    }

    @Test
    void breastSubtypes() {
        List<SimulatedPatient> breast = of(CANCER_TYPE_BREAST);
        assertBetween(fraction(breast, marker(b -> b.hormoneReceptorPositive() && !b.her2Positive())), 0.66, 0.74, "HR+/HER2-");
        assertBetween(fraction(breast, marker(Biomarkers::her2Positive)), 0.14, 0.20, "HER2+");
        assertBetween(fraction(breast, marker(Biomarkers::tripleNegative)), 0.10, 0.16, "triple-negative");
    }

    @Test
    void ecogAtFirstLine() {
        double[] expectedLow = {0.25, 0.42, 0.14, 0.03};
        double[] expectedHigh = {0.36, 0.52, 0.22, 0.08};
        for (int ecog = 0; ecog <= 3; ecog++) {
            int e = ecog;
            assertBetween(fraction(cohort, p -> first(p).ecog() == e), expectedLow[ecog], expectedHigh[ecog], "ECOG " + ecog);
        }
        assertEquals(0, fraction(cohort, p -> first(p).ecog() > 3), "no ECOG 4 at first line");
    }

    @Test
    void mostlyStageIvSomeStageIii() {
        Predicate<SimulatedPatient> stageIv = p -> p.profile().getCancer().getStageGroup().startsWith("IV");
        assertBetween(fraction(cohort, stageIv), 0.72, 0.82, "stage IV");
        assertTrue(cohort.stream().allMatch(p -> stageIv.test(p) || p.profile().getCancer().getStageGroup().startsWith("III")));
    }

    @Test
    void renalFunctionDeclinesWithAgeAndIsCodedAsKidneyDisease() {
        double youngLowGfr = fraction(cohort.stream().filter(p -> first(p).ageYears() < 60).toList(),
                p -> first(p).labs().estimatedGfr() < 45);
        double oldLowGfr = fraction(cohort.stream().filter(p -> first(p).ageYears() >= 75).toList(),
                p -> first(p).labs().estimatedGfr() < 45);
        assertTrue(oldLowGfr > 2 * youngLowGfr, "eGFR < 45: old " + oldLowGfr + " vs young " + youngLowGfr);
        assertTrue(cohort.stream().filter(p -> hasCode(p, "N18.3"))
                .allMatch(p -> first(p).labs().estimatedGfr() >= 30 && first(p).labs().estimatedGfr() < 60));
        assertTrue(fraction(cohort.stream().filter(p -> first(p).copd()).toList(), p -> first(p).everSmoker()) > 0.85,
                "COPD mostly in smokers");
    }

    private List<SimulatedPatient> of(CancerType type) {
        return cohort.stream().filter(p -> p.cancerType() == type).toList();
    }

    private static Covariates first(SimulatedPatient p) {
        return p.lines().get(0).covariates();
    }

    private static boolean hasCode(SimulatedPatient p, String code) {
        return p.profile().getHistory().getComorbiditiesList().stream().anyMatch(c -> c.getCode().equals(code));
    }

    private static Predicate<SimulatedPatient> marker(Predicate<Biomarkers> predicate) {
        return p -> predicate.test(first(p).biomarkers());
    }

    static double fraction(List<SimulatedPatient> patients, Predicate<SimulatedPatient> predicate) {
        assertTrue(!patients.isEmpty(), "empty group");
        return patients.stream().filter(predicate).count() / (double) patients.size();
    }

    static void assertBetween(double value, double low, double high, String what) {
        assertTrue(value >= low && value <= high, what + " = " + value + " not in [" + low + ", " + high + "]");
    }
}
