package org.oncopredict.cohortsim.truth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.Regimen;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.Sex;
import org.oncopredict.proto.profile.v1.SmokingStatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.oncopredict.cohortsim.Regimen.*;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_BREAST;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_COLORECTAL;
import static org.oncopredict.proto.profile.v1.CancerType.CANCER_TYPE_NSCLC;

/** Heterogeneous effects and internal consistency of the ground truth, on hand-made covariates. */
class GroundTruthModelTest {

    private static final LabPanel NORMAL_LABS = new LabPanel(85, 0.6, 22, 4.5, 13.2);
    private static final Biomarkers NONE = markers(false, false, false, false, false, 20, Her2Status.NOT_TESTED, false);

    @Test
    void egfrMutantBenefitsFromOsimertinibMoreThanGefitinibAndWildTypeNot() {
        Covariates mutant = nsclc(markers(true, false, false, false, false, 10, Her2Status.NOT_TESTED, false));
        TrueOutcome osimertinib = GroundTruthModel.outcome(mutant, OSIMERTINIB);
        TrueOutcome gefitinib = GroundTruthModel.outcome(mutant, GEFITINIB);
        assertTrue(osimertinib.responseProbability() > gefitinib.responseProbability());
        assertTrue(osimertinib.medianPfsMonths() > 1.5 * gefitinib.medianPfsMonths());
        assertTrue(osimertinib.severeToxicityProbability() < gefitinib.severeToxicityProbability());
        TrueOutcome wildType = GroundTruthModel.outcome(nsclc(NONE), OSIMERTINIB);
        assertTrue(wildType.responseProbability() < 0.1 && wildType.medianPfsMonths() < 3);
        assertTrue(osimertinib.medianPfsMonths() > GroundTruthModel.outcome(mutant, DOCETAXEL).medianPfsMonths() * 3);
    }

    @Test
    void targetedDrugsGiveLittleWithoutTheirTarget() {
        Covariates none = nsclc(NONE);
        for (Regimen r : List.of(OSIMERTINIB, GEFITINIB, ALECTINIB, CRIZOTINIB, SOTORASIB)) {
            TrueOutcome o = GroundTruthModel.outcome(none, r);
            assertTrue(o.responseProbability() < 0.1, r + " ORR " + o.responseProbability());
            assertTrue(o.medianPfsMonths() < GroundTruthModel.outcome(none, CARBOPLATIN_PEMETREXED).medianPfsMonths(), r.id());
        }
        Covariates alk = nsclc(markers(false, true, false, false, false, 10, Her2Status.NOT_TESTED, false));
        assertTrue(GroundTruthModel.outcome(alk, ALECTINIB).medianPfsMonths()
                > 2 * GroundTruthModel.outcome(alk, CRIZOTINIB).medianPfsMonths());
        Covariates g12c = nsclc(markers(false, false, true, true, false, 20, Her2Status.NOT_TESTED, false));
        assertTrue(GroundTruthModel.outcome(g12c, SOTORASIB).responseProbability()
                > 5 * GroundTruthModel.outcome(none, SOTORASIB).responseProbability());
    }

    @Test
    void checkpointInhibitorBenefitRisesWithPdl1TmbAndMsi() {
        double high = GroundTruthModel.outcome(nsclc(markers(false, false, false, false, false, 60, Her2Status.NOT_TESTED, false)),
                PEMBROLIZUMAB).medianPfsMonths();
        double low = GroundTruthModel.outcome(nsclc(markers(false, false, false, false, false, 20, Her2Status.NOT_TESTED, false)),
                PEMBROLIZUMAB).medianPfsMonths();
        double negative = GroundTruthModel.outcome(nsclc(markers(false, false, false, false, false, 0, Her2Status.NOT_TESTED, false)),
                PEMBROLIZUMAB).medianPfsMonths();
        assertTrue(high > low && low > negative, high + " > " + low + " > " + negative);
        Covariates tmbHigh = withBiomarkers(nsclc(NONE), new Biomarkers(false, false, false, false, false, false, false,
                OptionalDouble.of(15), OptionalDouble.of(20), Her2Status.NOT_TESTED, false));
        assertTrue(GroundTruthModel.outcome(tmbHigh, PEMBROLIZUMAB).responseProbability()
                > GroundTruthModel.outcome(nsclc(NONE), PEMBROLIZUMAB).responseProbability());
        Covariates msiHigh = colorectal(true);
        Covariates mss = colorectal(false);
        assertTrue(GroundTruthModel.outcome(msiHigh, PEMBROLIZUMAB).medianPfsMonths()
                > 2 * GroundTruthModel.outcome(msiHigh, FOLFOX).medianPfsMonths());
        assertTrue(GroundTruthModel.outcome(mss, PEMBROLIZUMAB).medianPfsMonths()
                < GroundTruthModel.outcome(mss, FOLFOX).medianPfsMonths());
    }

    @Test
    void her2AndHormoneReceptorTargetedBreastTherapy() {
        Covariates her2 = breast(Her2Status.POSITIVE, false);
        Covariates hrPositive = breast(Her2Status.ZERO, true);
        Covariates tripleNegative = breast(Her2Status.ZERO, false);
        assertTrue(GroundTruthModel.outcome(her2, PERTUZUMAB_TRASTUZUMAB_DOCETAXEL).medianPfsMonths()
                > 2 * GroundTruthModel.outcome(tripleNegative, PERTUZUMAB_TRASTUZUMAB_DOCETAXEL).medianPfsMonths());
        assertTrue(GroundTruthModel.outcome(her2, TRASTUZUMAB_DERUXTECAN).responseProbability()
                > GroundTruthModel.outcome(her2, TRASTUZUMAB_EMTANSINE).responseProbability() + 0.2);
        assertTrue(GroundTruthModel.outcome(hrPositive, PALBOCICLIB_LETROZOLE).medianPfsMonths()
                > GroundTruthModel.outcome(hrPositive, LETROZOLE).medianPfsMonths());
        assertTrue(GroundTruthModel.outcome(tripleNegative, LETROZOLE).responseProbability() < 0.05);
    }

    @Test
    void lowRenalFunctionRaisesToxicityMostForCisplatin() {
        Covariates good = nsclc(NONE);
        Covariates poor = withLabs(good, new LabPanel(38, 0.6, 22, 4.5, 13.2));
        // Compared on the log-odds scale, where probabilities near 1 do not compress the difference.
        double cisplatinIncrease = logit(GroundTruthModel.outcome(poor, CISPLATIN_PEMETREXED).severeToxicityProbability())
                - logit(GroundTruthModel.outcome(good, CISPLATIN_PEMETREXED).severeToxicityProbability());
        double carboplatinIncrease = logit(GroundTruthModel.outcome(poor, CARBOPLATIN_PEMETREXED).severeToxicityProbability())
                - logit(GroundTruthModel.outcome(good, CARBOPLATIN_PEMETREXED).severeToxicityProbability());
        assertTrue(carboplatinIncrease > 0 && cisplatinIncrease > 2 * carboplatinIncrease,
                cisplatinIncrease + " vs " + carboplatinIncrease);
        assertTrue(GroundTruthModel.outcome(poor, CISPLATIN_PEMETREXED).severeToxicityProbability() > 0.85);
    }

    @Test
    void worsePerformanceStatusAndAgeMeanWorseOutcomesForEveryRegimen() {
        for (CancerType type : List.of(CANCER_TYPE_NSCLC, CANCER_TYPE_COLORECTAL, CANCER_TYPE_BREAST)) {
            Covariates fit = type == CANCER_TYPE_NSCLC ? nsclc(NONE)
                    : type == CANCER_TYPE_COLORECTAL ? colorectal(false) : breast(Her2Status.LOW, true);
            Covariates frail = withEcogAndAge(fit, 3, 82);
            for (Regimen r : Regimen.forCancerType(type)) {
                TrueOutcome a = GroundTruthModel.outcome(fit, r);
                TrueOutcome b = GroundTruthModel.outcome(frail, r);
                assertTrue(b.responseProbability() < a.responseProbability(), r.id());
                assertTrue(b.medianPfsMonths() < a.medianPfsMonths(), r.id());
                assertTrue(b.severeToxicityProbability() > a.severeToxicityProbability(), r.id());
                assertTrue(b.overallSurvival().median() < a.overallSurvival().median(), r.id());
            }
        }
    }

    @Test
    void regimenOfAnotherCancerTypeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GroundTruthModel.outcome(nsclc(NONE), FOLFOX));
        assertEquals(Regimen.forCancerType(CANCER_TYPE_COLORECTAL).size(), GroundTruthModel.outcomes(colorectal(false)).size());
    }

    @Test
    void groundTruthDocumentEmbedsTheCurrentCoefficientTables() throws IOException {
        String document = Files.readString(Path.of("GROUND_TRUTH.md"), StandardCharsets.UTF_8);
        String begin = "<!-- generated: GroundTruthModel.markdownTables() -->\n";
        String end = "<!-- end generated -->";
        int from = document.indexOf(begin);
        int to = document.indexOf(end);
        assertTrue(from >= 0 && to > from, "GROUND_TRUTH.md lacks the generated-section markers");
        assertEquals(GroundTruthModel.markdownTables(), document.substring(from + begin.length(), to),
                "GROUND_TRUTH.md is out of date: replace its generated section with the output of "
                        + "'java -jar target/cohort-sim.jar truth'");
    }

    // ---------------------------------------------------------------------------------------------

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static Biomarkers markers(boolean egfr, boolean alk, boolean g12c, boolean kras, boolean msi,
                                      double tps, Her2Status her2, boolean hr) {
        return new Biomarkers(egfr, alk, g12c, kras, false, false, msi, OptionalDouble.of(msi ? 40 : 5),
                OptionalDouble.of(tps), her2, hr);
    }

    private static Covariates nsclc(Biomarkers b) {
        return new Covariates(CANCER_TYPE_NSCLC, 1, 65, Sex.SEX_MALE, 1, SmokingStatus.SMOKING_STATUS_FORMER, 30,
                false, false, false, false, NORMAL_LABS, b, List.of(), false);
    }

    private static Covariates colorectal(boolean msiHigh) {
        Biomarkers b = new Biomarkers(false, false, false, false, false, false, msiHigh,
                OptionalDouble.of(msiHigh ? 40 : 4), OptionalDouble.empty(), Her2Status.NOT_TESTED, false);
        return new Covariates(CANCER_TYPE_COLORECTAL, 1, 65, Sex.SEX_FEMALE, 1, SmokingStatus.SMOKING_STATUS_NEVER, 0,
                false, false, true, false, NORMAL_LABS, b, List.of(), false);
    }

    private static Covariates breast(Her2Status her2, boolean hr) {
        Biomarkers b = new Biomarkers(false, false, false, false, false, false, false, OptionalDouble.of(2.5),
                OptionalDouble.empty(), her2, hr);
        return new Covariates(CANCER_TYPE_BREAST, 1, 60, Sex.SEX_FEMALE, 1, SmokingStatus.SMOKING_STATUS_NEVER, 0,
                false, false, false, false, NORMAL_LABS, b, List.of(), false);
    }

    private static Covariates withBiomarkers(Covariates x, Biomarkers b) {
        return new Covariates(x.cancerType(), x.lineNumber(), x.ageYears(), x.sex(), x.ecog(), x.smokingStatus(),
                x.packYears(), x.squamousHistology(), x.brainMetastases(), x.liverMetastases(), x.copd(), x.labs(), b,
                x.priorRegimens(), x.priorSevereImmuneToxicity());
    }

    private static Covariates withLabs(Covariates x, LabPanel labs) {
        return new Covariates(x.cancerType(), x.lineNumber(), x.ageYears(), x.sex(), x.ecog(), x.smokingStatus(),
                x.packYears(), x.squamousHistology(), x.brainMetastases(), x.liverMetastases(), x.copd(), labs,
                x.biomarkers(), x.priorRegimens(), x.priorSevereImmuneToxicity());
    }

    private static Covariates withEcogAndAge(Covariates x, int ecog, double age) {
        return new Covariates(x.cancerType(), x.lineNumber(), age, x.sex(), ecog, x.smokingStatus(),
                x.packYears(), x.squamousHistology(), x.brainMetastases(), x.liverMetastases(), x.copd(), x.labs(),
                x.biomarkers(), x.priorRegimens(), x.priorSevereImmuneToxicity());
    }
}
