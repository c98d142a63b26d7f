package org.oncopredict.efficacy.catalogue;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.AssignmentMode;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulatedLine;
import org.oncopredict.cohortsim.SimulatedPatient;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.proto.profile.v1.PatientProfile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eligibility on 2,000 simulated patients per assignment mode: it never fails, never drops a regimen,
 * and agrees with the simulator's practice-like (CONFOUNDED) treatment choices far more than with
 * random ones.
 */
class CohortEligibilityTest {

    private static final int PATIENTS = 2_000;
    private static final Catalogue CATALOGUE = CatalogueLoader.loadDefault();
    private static final EligibilityEvaluator EVALUATOR = new EligibilityEvaluator(CATALOGUE);

    private static List<SimulatedPatient> confounded;
    private static List<SimulatedPatient> randomised;

    @BeforeAll
    static void simulate() {
        confounded = cohort(AssignmentMode.CONFOUNDED);
        randomised = cohort(AssignmentMode.RANDOMISED);
    }

    private static List<SimulatedPatient> cohort(AssignmentMode mode) {
        return new CohortSimulator(SimulationConfig.builder().seed(2025).assignmentMode(mode).build()).generate(PATIENTS);
    }

    @Test
    void evaluateAllNeverThrowsAndReturnsEveryRegimenOfTheCancerType() {
        LocalDate asOf = SimulationConfig.DEFAULT_AS_OF;
        AtomicInteger evaluations = new AtomicInteger();
        confounded.parallelStream().forEach(patient -> {
            List<Eligibility> all = EVALUATOR.evaluateAll(patient.profile(), asOf);
            List<String> ids = all.stream().map(e -> e.regimen().id()).toList();
            assertThat(all).extracting(Eligibility::regimen)
                    .containsExactlyElementsOf(CATALOGUE.forCancerType(patient.cancerType()));
            assertThat(ids).containsAll(org.oncopredict.cohortsim.Regimen.forCancerType(patient.cancerType()).stream()
                    .map(org.oncopredict.cohortsim.Regimen::id).toList());
            assertThat(all).allSatisfy(e -> assertThat(e.reasons()).isNotEmpty());
            evaluations.addAndGet(all.size());
            // Also at every line start, the moment the simulator made its choice.
            patient.lines().forEach(line -> assertThat(EVALUATOR.evaluateAll(patient.profile(), line.startDate()))
                    .hasSameSizeAs(all));
        });
        assertThat(evaluations.get()).isGreaterThan(PATIENTS * 8);
    }

    @Test
    void regimensChosenLikePracticeAreMostlyEligible() {
        Summary practice = summarise(confounded);
        Summary random = summarise(randomised);
        System.out.printf("CONFOUNDED: %s%nRANDOMISED: %s%n", practice, random);
        System.out.println("Why practice-like choices were not eligible (reason code / rule, count):");
        practice.notEligibleReasons.entrySet().stream()
                .sorted(Map.Entry.<String, LongAdder>comparingByValue(
                        Comparator.comparingLong(LongAdder::sum)).reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(en -> System.out.printf("  %5d  %s%n", en.getValue().sum(), en.getKey()));

        assertThat(practice.lines.sum()).isGreaterThan(PATIENTS);
        assertThat(practice.lineNumberMismatches.sum()).as("line of therapy matches the profile's line").isZero();
        assertThat(practice.eligibleFraction()).isGreaterThanOrEqualTo(0.80);
        assertThat(practice.eligibleFraction() - random.eligibleFraction()).isGreaterThanOrEqualTo(0.30);
    }

    @Test
    void dataRecordedAfterALineStartDoNotChangeEligibilityAtThatStart() {
        confounded.stream().limit(500).forEach(patient -> patient.lines().forEach(line -> {
            PatientProfile truncated = asOfLineStart(patient.profile(), line.startDate());
            assertThat(EVALUATOR.evaluateAll(truncated, line.startDate()))
                    .as("patient %d line %d", patient.index(), line.lineNumber())
                    .isEqualTo(EVALUATOR.evaluateAll(patient.profile(), line.startDate()));
        }));
    }

    /** The profile as it stood on {@code start}: later ECOG, labs and lines removed, follow-up ending there. */
    private static PatientProfile asOfLineStart(PatientProfile profile, LocalDate start) {
        PatientProfile.Builder b = profile.toBuilder();
        var history = b.getHistoryBuilder();
        var ecog = history.getEcogList().stream().filter(e -> LocalDate.parse(e.getDate()).isBefore(start)).toList();
        var labs = history.getLabsList().stream().filter(l -> LocalDate.parse(l.getDate()).isBefore(start)).toList();
        var lines = history.getTherapyLinesList().stream()
                .filter(l -> LocalDate.parse(l.getStartDate()).isBefore(start)).toList();
        history.clearEcog().addAllEcog(ecog).clearLabs().addAllLabs(labs).clearTherapyLines().addAllTherapyLines(lines);
        b.getFollowUpBuilder().setLastContactDate(start.toString()).setDeceased(false).setDeathDate("");
        return b.build();
    }

    private static Summary summarise(List<SimulatedPatient> patients) {
        Summary summary = new Summary();
        patients.parallelStream().forEach(patient -> {
            for (SimulatedLine line : patient.lines()) {
                Eligibility e = EVALUATOR.evaluate(patient.profile(), CATALOGUE.require(line.regimen().id()),
                        line.startDate());
                summary.lines.increment();
                summary.byStatus.computeIfAbsent(e.status(), s -> new LongAdder()).increment();
                if (e.lineOfTherapy() != line.lineNumber()) {
                    summary.lineNumberMismatches.increment();
                }
                if (!e.isEligible()) {
                    // Reasons are most severe first: the first one says why.
                    EligibilityReason why = e.reasons().get(0);
                    String key = why.code() + " " + (why.ruleId() == null ? "" : why.ruleId() + " on ") + e.regimen().id();
                    summary.notEligibleReasons.computeIfAbsent(key, k -> new LongAdder()).increment();
                }
            }
        });
        return summary;
    }

    private static final class Summary {
        final LongAdder lines = new LongAdder();
        final LongAdder lineNumberMismatches = new LongAdder();
        final Map<EligibilityStatus, LongAdder> byStatus = new ConcurrentHashMap<>();
        final Map<String, LongAdder> notEligibleReasons = new ConcurrentHashMap<>();

        double eligibleFraction() {
            long eligible = byStatus.entrySet().stream().filter(en -> en.getKey().isEligible())
                    .mapToLong(en -> en.getValue().sum()).sum();
            return (double) eligible / lines.sum();
        }

        @Override
        public String toString() {
            Map<EligibilityStatus, Long> counts = new TreeMap<>();
            byStatus.forEach((status, count) -> counts.put(status, count.sum()));
            return String.format("%d lines, eligible %.1f%%, %s", lines.sum(), 100 * eligibleFraction(), counts);
        }
    }

    @Test
    void evaluatingAListGivesTheSameAsOneByOne() {
        int compared = 0;
        for (SimulatedPatient patient : confounded.subList(0, 200)) {
            for (SimulatedLine line : patient.lines()) {
                List<Regimen> regimens = CATALOGUE.forCancerType(patient.cancerType());
                List<Eligibility> together = EVALUATOR.evaluate(patient.profile(), regimens, line.startDate());
                for (int i = 0; i < regimens.size(); i++) {
                    assertThat(together.get(i)).isEqualTo(EVALUATOR.evaluate(patient.profile(), regimens.get(i),
                            line.startDate()));
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
    }
}
