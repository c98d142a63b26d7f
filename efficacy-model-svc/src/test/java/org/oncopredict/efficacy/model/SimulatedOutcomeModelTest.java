package org.oncopredict.efficacy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.oncopredict.cohortsim.AssignmentMode;
import org.oncopredict.cohortsim.Regimen;
import org.oncopredict.cohortsim.truth.TrueOutcome;
import org.oncopredict.efficacy.catalogue.Catalogue;
import org.oncopredict.efficacy.catalogue.CatalogueLoader;
import org.oncopredict.efficacy.catalogue.EligibilityEvaluator;
import org.oncopredict.efficacy.evaluation.Auroc;
import org.oncopredict.efficacy.evaluation.ConcordanceIndex;
import org.oncopredict.efficacy.features.FeatureVector;
import org.oncopredict.efficacy.training.Interval;
import org.oncopredict.efficacy.training.LineOutcome;

/**
 * The outcome models against the simulator's ground truth: trained on a simulated cohort, scored on an
 * independent cohort drawn with another seed, against the oracle that knows the true probabilities and
 * curves. Subclasses choose the treatment assignment: confounded (guideline-like) or randomised.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SimulatedOutcomeModelTest {

    private static final Catalogue CATALOGUE = CatalogueLoader.loadDefault();
    private static final EligibilityEvaluator ELIGIBILITY = new EligibilityEvaluator(CATALOGUE);

    private OutcomeModel model;
    private List<SimulatedCohorts.Line> test;

    abstract AssignmentMode mode();

    /** Training patients: a randomised cohort spreads over more regimen × biomarker cells and needs more. */
    abstract int trainingPatients();

    @BeforeAll
    void train() {
        List<SimulatedCohorts.Line> training = SimulatedCohorts.lines(trainingPatients(), 101, mode());
        test = SimulatedCohorts.lines(3000, 202, mode());
        model = new OutcomeModelTrainer(TrainingConfig.DEFAULT)
                .train(SimulatedCohorts.rows(training), "simulated, seed 101", Map.of(), TrainingMonitor.NONE);
    }

    @Test
    void responseDiscriminatesNearlyAsWellAsTheOracleAndIsCalibrated() {
        List<SimulatedCohorts.Line> known = test.stream()
                .filter(l -> l.row().response() != null && model.coversResponse(l.row().regimenId())).toList();
        double[] predicted = known.stream().mapToDouble(l -> model.responseProbability(l.row().features(), l.row().regimenId())).toArray();
        double[] oracle = known.stream().mapToDouble(l -> l.truth().truth().responseProbability()).toArray();
        boolean[] y = outcomes(known, LineOutcome::response);
        double modelAuroc = Auroc.of(predicted, y);
        double oracleAuroc = Auroc.of(oracle, y);
        System.out.printf(mode() + " response AUROC: model %.4f, oracle %.4f (n = %d)%n", modelAuroc, oracleAuroc, y.length);
        assertThat(known).hasSizeGreaterThan(3000);
        assertThat(modelAuroc).isGreaterThanOrEqualTo(oracleAuroc - 0.03);

        Platt calibration = Platt.fit(Arrays.stream(predicted).map(p -> Math.log(p / (1 - p))).toArray(), y);
        System.out.printf(mode() + " response calibration on the test cohort: intercept %.3f, slope %.3f%n",
                calibration.intercept(), calibration.slope());
        assertThat(calibration.slope()).isBetween(0.8, 1.2);
        assertThat(model.evaluation().response().calibrationSlope()).isBetween(0.8, 1.2);
    }

    @Test
    void progressionFreeSurvivalRanksNearlyAsWellAsTheOracle() {
        List<SimulatedCohorts.Line> covered = test.stream()
                .filter(l -> model.progressionFreeCurve(l.row().features(), l.row().regimenId(), 12).isPresent()).toList();
        double[] times = covered.stream().mapToDouble(l -> l.row().pfsMonths()).toArray();
        boolean[] events = outcomes(covered, LineOutcome::pfsEvent);
        double[] risk = covered.stream().mapToDouble(l ->
                1 - model.progressionFreeCurve(l.row().features(), l.row().regimenId(), 12).orElseThrow()[11]).toArray();
        double[] oracle = covered.stream().mapToDouble(l -> 1 - l.truth().truth().pfsSurvival(12)).toArray();
        double c = ConcordanceIndex.harrell(times, events, risk).index();
        double cOracle = ConcordanceIndex.harrell(times, events, oracle).index();
        System.out.printf(mode() + " PFS C-index: model %.4f, oracle %.4f (n = %d)%n", c, cOracle, times.length);
        assertThat(c).isGreaterThanOrEqualTo(cOracle - 0.03);
        SurvivalMetrics heldOut = model.evaluation().progressionFree();
        System.out.printf(mode() + " held-out PFS events within 12 months: observed %d, expected %.1f%n",
                heldOut.observed12(), heldOut.expected12());
        // Measured 0.87: the per-regimen hazard models (53 features, a few hundred lines each) overfit a little,
        // which inflates expected early events on new patients. Known limitation, reported in the model card;
        // the band still fails a model that is badly off in the large.
        assertThat(heldOut.observed12() / heldOut.expected12()).isBetween(0.8, 1.2);
    }

    @Test
    void topRankedRegimenLosesLittleAgainstTheOracle() {
        double oracleBenefit = 0;
        double regret = 0;
        int patients = 0;
        for (SimulatedCohorts.Line line : test) {
            if (line.row().lineNumber() != 1) {
                continue;
            }
            Map<Regimen, TrueOutcome> truth = line.truth().counterfactuals();
            // As in the product: only regimens the catalogue finds eligible are ranked.
            List<Regimen> candidates = truth.keySet().stream()
                    .filter(r -> model.progressionFreeCurve(line.row().features(), r.id(), 24).isPresent())
                    .filter(r -> ELIGIBILITY.evaluate(line.profile(), CATALOGUE.require(r.id()),
                            line.truth().startDate()).isEligible())
                    .toList();
            if (candidates.size() < 2) {
                continue;
            }
            Regimen chosen = candidates.get(0);
            Regimen best = candidates.get(0);
            double chosenScore = Double.NEGATIVE_INFINITY;
            for (Regimen r : candidates) {
                double predicted = restrictedMean(model.progressionFreeCurve(line.row().features(), r.id(), 24).orElseThrow());
                if (predicted > chosenScore) {
                    chosenScore = predicted;
                    chosen = r;
                }
                if (trueRestrictedMean(truth.get(r)) > trueRestrictedMean(truth.get(best))) {
                    best = r;
                }
            }
            oracleBenefit += trueRestrictedMean(truth.get(best));
            regret += trueRestrictedMean(truth.get(best)) - trueRestrictedMean(truth.get(chosen));
            patients++;
        }
        System.out.printf(mode() + " first-line regret (24-month restricted mean PFS): %.3f of the oracle's %.2f months "
                + "(%.1f %%, %d patients)%n", regret / patients, oracleBenefit / patients, 100 * regret / oracleBenefit, patients);
        assertThat(patients).isGreaterThan(1000);
        assertThat(regret / oracleBenefit).isLessThanOrEqualTo(0.10);
    }

    @Test
    void recoversTheSimulatedEffectModifiers() {
        assertEffectRecovered("EGFR-mutant NSCLC: osimertinib vs carboplatin-pemetrexed", f -> f.value("bm_egfr_activating") == 1,
                Regimen.OSIMERTINIB, Regimen.CARBOPLATIN_PEMETREXED);
        assertEffectRecovered("HER2-positive breast: pertuzumab-trastuzumab-docetaxel vs paclitaxel",
                f -> f.value("bm_her2_positive") == 1, Regimen.PERTUZUMAB_TRASTUZUMAB_DOCETAXEL, Regimen.PACLITAXEL);
        assertEffectRecovered("PD-L1 ≥ 50% NSCLC: pembrolizumab vs carboplatin-pemetrexed",
                f -> f.value("bm_pdl1_ge_50") == 1 && f.value("cancer_nsclc") == 1, Regimen.PEMBROLIZUMAB,
                Regimen.CARBOPLATIN_PEMETREXED);
    }

    private void assertEffectRecovered(String label, Predicate<FeatureVector> subgroup, Regimen treated, Regimen control) {
        List<SimulatedCohorts.Line> lines = test.stream()
                .filter(l -> l.row().lineNumber() == 1 && subgroup.test(l.row().features())).toList();
        assertThat(lines).as(label).hasSizeGreaterThan(50);
        double trueEffect = lines.stream().mapToDouble(l -> l.truth().counterfactual(treated).responseProbability()
                - l.truth().counterfactual(control).responseProbability()).average().orElseThrow();
        BinaryOutcomeModel response = model.response();
        int t = model.regimenIndex(treated.id());
        int c = model.regimenIndex(control.id());
        int members = response.members().get(response.key(t)).size();
        double[] effects = new double[members];
        for (int b = 0; b < members; b++) {
            int member = b;
            effects[b] = lines.stream().mapToDouble(l -> response.probability(l.row().features().values(), t, member)
                    - response.probability(l.row().features().values(), c, member)).average().orElseThrow();
        }
        Interval interval = Interval.percentile(effects[0], Arrays.copyOfRange(effects, 1, members), 0.95).includingEstimate();
        System.out.printf(mode() + " %s: true %.3f, estimated %.3f (95%% bootstrap %.3f to %.3f, n = %d)%n", label, trueEffect,
                interval.estimate(), interval.lower(), interval.upper(), lines.size());
        assertThat(interval.contains(trueEffect)).as(label + " interval " + interval + " contains " + trueEffect).isTrue();
    }

    @Test
    void explanationsAddUpToTheLogitExactly() {
        int checked = 0;
        for (SimulatedCohorts.Line line : test.subList(0, 300)) {
            for (String regimen : model.description().regimens()) {
                RegimenOutcome outcome = model.predict(line.row().features(), regimen, regimen).orElseThrow();
                for (Explanation explanation : new Explanation[] {outcome.responseExplanation(), outcome.toxicityExplanation()}) {
                    if (explanation == null) {
                        continue;
                    }
                    double sum = explanation.baselineLogit()
                            + explanation.contributions().stream().mapToDouble(FeatureContribution::contribution).sum();
                    assertThat(sum).isCloseTo(explanation.logit(), within(1e-9));
                    assertThat(explanation.baselineLogit() + explanation.top(5).stream()
                            .mapToDouble(FeatureContribution::contribution).sum() + explanation.rest(5))
                            .isCloseTo(explanation.logit(), within(1e-9));
                    checked++;
                }
                assertThat(outcome.response().estimate()).isCloseTo(
                        1 / (1 + Math.exp(-outcome.responseExplanation().logit())), within(1e-12));
            }
        }
        assertThat(checked).isGreaterThan(5000);
    }

    @Test
    void intervalsContainTheEstimateAndNarrowWithSupport() {
        SimulatedCohorts.Line line = test.stream().filter(l -> l.row().regimenId().equals("osimertinib")).findFirst().orElseThrow();
        RegimenOutcome outcome = model.predict(line.row().features(), "osimertinib", "Osimertinib").orElseThrow();
        for (Interval interval : List.of(outcome.response(), outcome.severeToxicity(),
                outcome.progressionFreeSurvival().at(12), outcome.overallSurvival().at(12))) {
            assertThat(interval.lower()).isLessThanOrEqualTo(interval.estimate());
            assertThat(interval.upper()).isGreaterThanOrEqualTo(interval.estimate());
            assertThat(interval.upper() - interval.lower()).isGreaterThan(0).isLessThan(0.5);
        }
        assertThat(outcome.comparablePatients()).isGreaterThan(0);
    }

    @Test
    void serialisationRoundTripGivesIdenticalPredictions() {
        byte[] bytes = ModelArtifact.serialize(model);
        OutcomeModel copy = ModelArtifact.deserialize(bytes);
        for (SimulatedCohorts.Line line : test.subList(0, 50)) {
            for (String regimen : model.description().regimens()) {
                RegimenOutcome a = model.predict(line.row().features(), regimen, regimen).orElseThrow();
                RegimenOutcome b = copy.predict(line.row().features(), regimen, regimen).orElseThrow();
                assertThat(b).usingRecursiveComparison().isEqualTo(a);
            }
        }
        assertThat(copy.description()).isEqualTo(model.description());
        assertThat(copy.evaluation()).isEqualTo(model.evaluation());
    }

    @Test
    void cancellationStopsTraining() {
        List<LineOutcome> rows = SimulatedCohorts.rows(SimulatedCohorts.lines(800, 5, AssignmentMode.RANDOMISED));
        List<Integer> progress = new ArrayList<>();
        TrainingMonitor cancelAfterFirstFits = new TrainingMonitor() {
            @Override
            public synchronized void progress(String stage, int percent) {
                progress.add(percent);
            }

            @Override
            public synchronized boolean cancelled() {
                return progress.size() > 3;
            }
        };
        assertThatThrownBy(() -> new OutcomeModelTrainer(TrainingConfig.DEFAULT.withReplicates(5))
                .train(rows, "small", Map.of(), cancelAfterFirstFits)).isInstanceOf(CancellationException.class);
        assertThat(progress).isNotEmpty().allMatch(p -> p < 100);
    }

    private static double restrictedMean(double[] monthly) {
        double area = 0;
        double previous = 1;
        for (double s : monthly) {
            area += (previous + s) / 2;
            previous = s;
        }
        return area;
    }

    private static double trueRestrictedMean(TrueOutcome truth) {
        double area = 0;
        int steps = 240;
        for (int i = 0; i < steps; i++) {
            double t0 = 24.0 * i / steps;
            double t1 = 24.0 * (i + 1) / steps;
            area += (truth.pfsSurvival(t0) + truth.pfsSurvival(t1)) / 2 * (t1 - t0);
        }
        return area;
    }

    private static boolean[] outcomes(List<SimulatedCohorts.Line> lines, java.util.function.Function<LineOutcome, Boolean> f) {
        boolean[] y = new boolean[lines.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = f.apply(lines.get(i).row());
        }
        return y;
    }
}
