package org.oncopredict.cohortsim;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.truth.Covariates;
import org.oncopredict.proto.profile.v1.CancerType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.oncopredict.cohortsim.MarginalDistributionTest.assertBetween;

class TreatmentAssignmentTest {

    private static List<SimulatedLine> lines(List<SimulatedPatient> cohort, int lineNumber, CancerType type,
                                             Predicate<Covariates> group) {
        return cohort.stream().flatMap(p -> p.lines().stream())
                .filter(l -> l.lineNumber() == lineNumber && l.covariates().cancerType() == type
                        && group.test(l.covariates()))
                .toList();
    }

    private static double share(List<SimulatedLine> lines, Set<Regimen> regimens) {
        return lines.stream().filter(l -> regimens.contains(l.regimen())).count() / (double) lines.size();
    }

    @Test
    void confoundedAssignmentFollowsBiomarkersLikePractice() {
        List<SimulatedPatient> cohort = Cohorts.confounded();
        assertTrue(share(lines(cohort, 1, CancerType.CANCER_TYPE_NSCLC, x -> x.biomarkers().egfrSensitising()),
                EnumSet.of(Regimen.OSIMERTINIB, Regimen.GEFITINIB)) > 0.75, "EGFR-mutant get EGFR TKIs");
        assertTrue(share(lines(cohort, 1, CancerType.CANCER_TYPE_NSCLC, x -> !x.biomarkers().egfrSensitising()),
                EnumSet.of(Regimen.OSIMERTINIB, Regimen.GEFITINIB)) < 0.05, "EGFR TKIs rare without EGFR");
        assertTrue(share(lines(cohort, 1, CancerType.CANCER_TYPE_NSCLC, x -> x.biomarkers().alkFusion()),
                EnumSet.of(Regimen.ALECTINIB, Regimen.CRIZOTINIB)) > 0.75, "ALK+ get ALK TKIs");
        assertTrue(share(lines(cohort, 1, CancerType.CANCER_TYPE_NSCLC,
                        x -> x.biomarkers().pdl1High() && !x.biomarkers().egfrOrAlkDriver() && x.ecog() < 3),
                EnumSet.of(Regimen.PEMBROLIZUMAB, Regimen.PEMBROLIZUMAB_CARBOPLATIN_PEMETREXED)) > 0.7,
                "PD-L1 high get pembrolizumab");
        assertTrue(share(lines(cohort, 1, CancerType.CANCER_TYPE_COLORECTAL, x -> x.biomarkers().msiHigh()),
                EnumSet.of(Regimen.PEMBROLIZUMAB)) > 0.6, "MSI-H colorectal get pembrolizumab");
        assertTrue(share(lines(cohort, 1, CancerType.CANCER_TYPE_BREAST, x -> x.biomarkers().her2Positive()),
                EnumSet.of(Regimen.PERTUZUMAB_TRASTUZUMAB_DOCETAXEL)) > 0.6, "HER2+ get anti-HER2 therapy");
        assertTrue(share(lines(cohort, 1, CancerType.CANCER_TYPE_BREAST,
                        x -> x.biomarkers().hormoneReceptorPositive() && !x.biomarkers().her2Positive()),
                EnumSet.of(Regimen.PALBOCICLIB_LETROZOLE, Regimen.LETROZOLE)) > 0.6, "HR+ get endocrine therapy");
        // Practice confounders beyond biomarkers: frailty and renal function.
        List<SimulatedLine> nsclc = lines(cohort, 1, CancerType.CANCER_TYPE_NSCLC, x -> true);
        assertTrue(share(nsclc.stream().filter(l -> l.covariates().ecog() == 3).toList(),
                EnumSet.of(Regimen.BEST_SUPPORTIVE_CARE)) > 0.5, "ECOG 3 mostly best supportive care");
        assertTrue(share(nsclc.stream().filter(l -> l.covariates().ecog() <= 1).toList(),
                EnumSet.of(Regimen.BEST_SUPPORTIVE_CARE)) < 0.05, "fit patients rarely best supportive care");
        double cisplatinLowGfr = share(nsclc.stream().filter(l -> l.covariates().labs().estimatedGfr() < 60).toList(),
                EnumSet.of(Regimen.CISPLATIN_PEMETREXED));
        double cisplatinGoodGfr = share(nsclc.stream().filter(l -> l.covariates().labs().estimatedGfr() >= 60).toList(),
                EnumSet.of(Regimen.CISPLATIN_PEMETREXED));
        assertTrue(cisplatinLowGfr < cisplatinGoodGfr / 2, "cisplatin avoided in renal impairment");
    }

    @Test
    void positivityEveryCandidateHasPropensityAtLeastTheUniformFloor() {
        for (List<SimulatedPatient> cohort : List.of(Cohorts.confounded(), Cohorts.randomised())) {
            for (SimulatedPatient patient : cohort) {
                for (SimulatedLine line : patient.lines()) {
                    var p = line.assignmentProbabilities();
                    assertEquals(TreatmentPolicy.candidates(line.covariates()), List.copyOf(p.keySet()));
                    assertEquals(1.0, p.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
                    double floor = TreatmentPolicy.UNIFORM_FLOOR / p.size();
                    assertTrue(p.values().stream().allMatch(v -> v >= floor - 1e-12), "propensity below floor");
                }
            }
        }
    }

    @Test
    void positivityEveryRegimenIsGivenInTheLargeBiomarkerGroups() {
        List<SimulatedPatient> cohort = Cohorts.confounded();
        for (Predicate<Covariates> group : List.<Predicate<Covariates>>of(
                x -> x.biomarkers().egfrSensitising(),
                x -> x.biomarkers().pdl1High() && !x.biomarkers().egfrOrAlkDriver(),
                x -> !x.biomarkers().pdl1High() && !x.biomarkers().egfrOrAlkDriver())) {
            Set<Regimen> given = EnumSet.noneOf(Regimen.class);
            lines(cohort, 1, CancerType.CANCER_TYPE_NSCLC, group).forEach(l -> given.add(l.regimen()));
            assertEquals(Set.copyOf(Regimen.forCancerType(CancerType.CANCER_TYPE_NSCLC)), given);
        }
        Set<Regimen> breast = EnumSet.noneOf(Regimen.class);
        lines(cohort, 1, CancerType.CANCER_TYPE_BREAST, x -> x.biomarkers().hormoneReceptorPositive())
                .forEach(l -> breast.add(l.regimen()));
        assertEquals(Set.copyOf(Regimen.forCancerType(CancerType.CANCER_TYPE_BREAST)), breast);
    }

    @Test
    void randomisedAssignmentIsUniformOverCandidatesAndIndependentOfBiomarkers() {
        List<SimulatedPatient> cohort = Cohorts.randomised();
        for (SimulatedPatient patient : cohort) {
            for (SimulatedLine line : patient.lines()) {
                int candidates = line.assignmentProbabilities().size();
                line.assignmentProbabilities().values().forEach(v -> assertEquals(1.0 / candidates, v, 1e-12));
                if (line.lineNumber() == 2) {
                    assertFalse(line.assignmentProbabilities().containsKey(patient.lines().get(0).regimen()),
                            "line 2 excludes the line-1 regimen");
                }
            }
        }
        double osimertinibMutant = share(lines(cohort, 1, CancerType.CANCER_TYPE_NSCLC,
                x -> x.biomarkers().egfrSensitising()), EnumSet.of(Regimen.OSIMERTINIB));
        assertBetween(osimertinibMutant, 1 / 11.0 - 0.03, 1 / 11.0 + 0.03, "osimertinib share in EGFR-mutant");
    }

    @Test
    void secondLineFractionIsRespected() {
        List<SimulatedPatient> cohort = Cohorts.confounded();
        long progressedAlive = cohort.stream().filter(p -> {
            SimulatedLine first = p.lines().get(0);
            return first.observed().pfsEvent() && !first.drawn().deathBeforeProgression();
        }).count();
        long second = cohort.stream().filter(p -> p.lines().size() == 2).count();
        // Some progressing patients die or leave follow-up before the planned start, so slightly below 0.6.
        assertBetween(second / (double) progressedAlive, 0.50, 0.60, "second lines among progressions");
    }
}
