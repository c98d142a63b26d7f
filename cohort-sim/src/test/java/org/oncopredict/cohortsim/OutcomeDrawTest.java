package org.oncopredict.cohortsim;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.stats.KaplanMeier;
import org.oncopredict.cohortsim.truth.SurvivalDistribution;
import org.oncopredict.cohortsim.truth.TrueOutcome;
import org.oncopredict.proto.profile.v1.CancerType;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drawn and observed outcomes follow the ground truth they were drawn from. */
class OutcomeDrawTest {

    private static List<SimulatedLine> lines(List<SimulatedPatient> cohort, Predicate<SimulatedLine> filter) {
        return cohort.stream().flatMap(p -> p.lines().stream()).filter(filter).toList();
    }

    @Test
    void armLevelResponseAndToxicityRatesEqualTheMeanTrueProbabilities() {
        Map<Regimen, List<SimulatedLine>> arms = lines(Cohorts.randomised(), l -> true).stream()
                .collect(Collectors.groupingBy(SimulatedLine::regimen));
        for (var arm : arms.entrySet()) {
            List<SimulatedLine> given = arm.getValue();
            assertWithinSampling(given, l -> l.drawn().responder(), l -> l.truth().responseProbability(),
                    arm.getKey() + " response");
            assertWithinSampling(given, l -> l.drawn().severeToxicity(), l -> l.truth().severeToxicityProbability(),
                    arm.getKey() + " grade >= 3 toxicity");
        }
    }

    @Test
    void recordedBestResponseAndToxicityGradeReflectTheDraw() {
        for (SimulatedLine line : lines(Cohorts.randomised(), l -> true)) {
            switch (line.observed().bestResponse()) {
                case RECIST_RESPONSE_CR, RECIST_RESPONSE_PR -> assertTrue(line.drawn().responder());
                case RECIST_RESPONSE_SD, RECIST_RESPONSE_PD -> assertTrue(!line.drawn().responder());
                default -> { }
            }
            assertTrue(line.observed().worstToxicityGrade() < 3 || line.drawn().severeToxicity());
        }
    }

    @Test
    void kaplanMeierMedianOfCensoredPfsMatchesTheTrueMarginalMedian() {
        List<SimulatedLine> arm = lines(Cohorts.randomised(), l -> l.lineNumber() == 1
                && l.regimen() == Regimen.CARBOPLATIN_PEMETREXED);
        assertTrue(arm.stream().filter(l -> !l.observed().pfsEvent()).count() > 20, "the arm has censored lines");
        double observed = kaplanMeier(arm, true).median();
        double truth = SurvivalDistribution.mixtureMedian(arm.stream().map(l -> l.truth().progressionFreeSurvival()).toList());
        assertTrue(Math.abs(observed / truth - 1) < 0.12, "KM median " + observed + " vs true " + truth);
    }

    @Test
    void kaplanMeierMedianOfOverallSurvivalMatchesTheTruthWithoutSecondLines() {
        // The OS truth assumes no later line; with none, observed OS follows it exactly.
        List<SimulatedPatient> cohort = new CohortSimulator(SimulationConfig.builder().seed(5)
                .assignmentMode(AssignmentMode.RANDOMISED).secondLineFraction(0)
                .cancerMix(new CancerMix(1, 0, 0)).build()).generate(12_000);
        List<SimulatedLine> arm = lines(cohort, l -> l.regimen() == Regimen.DOCETAXEL);
        double observed = kaplanMeier(arm, false).median();
        double truth = SurvivalDistribution.mixtureMedian(arm.stream().map(l -> l.truth().overallSurvival()).toList());
        assertTrue(Math.abs(observed / truth - 1) < 0.12, "KM OS median " + observed + " vs true " + truth);
    }

    @Test
    void heterogeneousEffectOsimertinibBeatsDocetaxelOnlyInEgfrMutant() {
        List<SimulatedLine> firstLines = lines(Cohorts.randomised(), l -> l.lineNumber() == 1
                && l.covariates().cancerType() == CancerType.CANCER_TYPE_NSCLC);
        Predicate<SimulatedLine> mutant = l -> l.covariates().biomarkers().egfrSensitising();
        List<SimulatedLine> osiMutant = filter(firstLines, mutant, Regimen.OSIMERTINIB);
        List<SimulatedLine> docMutant = filter(firstLines, mutant, Regimen.DOCETAXEL);
        List<SimulatedLine> osiWild = filter(firstLines, mutant.negate(), Regimen.OSIMERTINIB);
        List<SimulatedLine> docWild = filter(firstLines, mutant.negate(), Regimen.DOCETAXEL);

        assertTrue(responseRate(osiMutant) - responseRate(docMutant) > 0.4,
                "EGFR-mutant ORR " + responseRate(osiMutant) + " vs " + responseRate(docMutant));
        assertTrue(kaplanMeier(osiMutant, true).median() > 2.5 * kaplanMeier(docMutant, true).median(),
                "EGFR-mutant median PFS");
        assertTrue(responseRate(osiWild) < responseRate(docWild),
                "EGFR-wild-type ORR " + responseRate(osiWild) + " vs " + responseRate(docWild));
        assertTrue(kaplanMeier(osiWild, true).median() < kaplanMeier(docWild, true).median(), "EGFR-wild-type median PFS");
    }

    @Test
    void counterfactualOfTheAssignedRegimenIsTheTruth() {
        for (SimulatedLine line : lines(Cohorts.confounded(), l -> true).subList(0, 2_000)) {
            TrueOutcome counterfactual = line.counterfactual(line.regimen());
            assertTrue(counterfactual.equals(line.truth()));
            assertTrue(line.counterfactuals().keySet().containsAll(line.assignmentProbabilities().keySet()));
        }
    }

    private static List<SimulatedLine> filter(List<SimulatedLine> lines, Predicate<SimulatedLine> group, Regimen regimen) {
        List<SimulatedLine> arm = lines.stream().filter(group).filter(l -> l.regimen() == regimen).toList();
        assertTrue(arm.size() >= 60, "arm " + regimen + " has " + arm.size() + " lines");
        return arm;
    }

    private static double responseRate(List<SimulatedLine> lines) {
        return lines.stream().filter(l -> l.drawn().responder()).count() / (double) lines.size();
    }

    private static KaplanMeier kaplanMeier(List<SimulatedLine> lines, boolean pfs) {
        double[] times = lines.stream().mapToDouble(l -> pfs ? l.observed().pfsMonths() : l.observed().osMonths()).toArray();
        boolean[] events = new boolean[lines.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = pfs ? lines.get(i).observed().pfsEvent() : lines.get(i).observed().osEvent();
        }
        return new KaplanMeier(times, events);
    }

    /** |observed count − Σ p| within 4 standard deviations of a sum of independent Bernoullis. */
    private static void assertWithinSampling(List<SimulatedLine> lines, Predicate<SimulatedLine> event,
                                             java.util.function.ToDoubleFunction<SimulatedLine> probability, String what) {
        double expected = lines.stream().mapToDouble(probability).sum();
        double variance = lines.stream().mapToDouble(probability).map(p -> p * (1 - p)).sum();
        long observed = lines.stream().filter(event).count();
        assertTrue(Math.abs(observed - expected) <= 4 * Math.sqrt(variance) + 1,
                what + ": observed " + observed + " vs expected " + expected + " (n = " + lines.size() + ")");
    }
}
