package org.oncopredict.efficacy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.oncopredict.cohortsim.AssignmentMode;
import org.oncopredict.efficacy.evaluation.Auroc;
import org.oncopredict.efficacy.training.LineOutcome;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/**
 * The XGBoost base learner on a confounded simulated cohort (4000 training patients, B = 5), against the
 * simulator's oracle on an independent cohort: discrimination, TreeSHAP explanations that add up to the
 * calibrated logit, artifact round trip, and the reported base learner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XGBoostOutcomeModelTest {

    /**
     * TreeSHAP and the margins are float32 inside XGBoost; the sum matches the calibrated logit to this
     * (measured largest error 9.0e-7 over 7600 explanations; 2e-6 leaves room for other CPUs' float summation).
     */
    static final double SHAP_TOLERANCE = 2e-6;

    private OutcomeModel model;
    private List<SimulatedCohorts.Line> test;

    @BeforeAll
    void train() {
        List<SimulatedCohorts.Line> training = SimulatedCohorts.lines(4000, 101, AssignmentMode.CONFOUNDED);
        test = SimulatedCohorts.lines(2000, 202, AssignmentMode.CONFOUNDED);
        long start = System.nanoTime();
        model = new OutcomeModelTrainer(TrainingConfig.DEFAULT.withBaseLearner(BaseLearner.XGBOOST).withReplicates(5))
                .train(SimulatedCohorts.rows(training), "simulated, seed 101", Map.of(), TrainingMonitor.NONE);
        System.out.printf("XGBoost: trained on %d lines (%d training) in %.1f s%n", training.size(),
                model.description().trainingLines(), (System.nanoTime() - start) / 1e9);
    }

    @Test
    void responseDiscriminatesNearlyAsWellAsTheOracle() {
        List<SimulatedCohorts.Line> known = test.stream()
                .filter(l -> l.row().response() != null && model.coversResponse(l.row().regimenId())).toList();
        long start = System.nanoTime();
        double[] predicted = known.stream()
                .mapToDouble(l -> model.responseProbability(l.row().features(), l.row().regimenId())).toArray();
        double perPrediction = (System.nanoTime() - start) / 1e6 / known.size();
        double[] oracle = known.stream().mapToDouble(l -> l.truth().truth().responseProbability()).toArray();
        boolean[] y = new boolean[known.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = known.get(i).row().response();
        }
        double modelAuroc = Auroc.of(predicted, y);
        double oracleAuroc = Auroc.of(oracle, y);
        System.out.printf("XGBoost response AUROC: model %.4f, oracle %.4f (n = %d); held-out %.4f; %.3f ms per "
                + "single prediction%n", modelAuroc, oracleAuroc, y.length, model.evaluation().response().auroc().estimate(),
                perPrediction);
        assertThat(known).hasSizeGreaterThan(2000);
        assertThat(modelAuroc).isGreaterThanOrEqualTo(oracleAuroc - 0.05);
        assertThat(model.evaluation().response().calibrationSlope()).isBetween(0.7, 1.3);
    }

    @Test
    void treeShapExplanationsAddUpToTheCalibratedLogit() {
        int checked = 0;
        double worst = 0;
        long start = System.nanoTime();
        for (SimulatedCohorts.Line line : test.subList(0, 200)) {
            for (String regimen : model.description().regimens()) {
                RegimenOutcome outcome = model.predict(line.row().features(), regimen, regimen).orElseThrow();
                for (Explanation explanation : new Explanation[] {outcome.responseExplanation(), outcome.toxicityExplanation()}) {
                    if (explanation == null) {
                        continue;
                    }
                    assertThat(explanation.method()).isEqualTo(Explanation.TREE_SHAP);
                    double sum = explanation.baselineLogit()
                            + explanation.contributions().stream().mapToDouble(FeatureContribution::contribution).sum();
                    worst = Math.max(worst, Math.abs(sum - explanation.logit()));
                    assertThat(sum).isCloseTo(explanation.logit(), within(SHAP_TOLERANCE));
                    assertThat(explanation.contributions()).isNotEmpty();
                    checked++;
                }
                if (outcome.responseExplanation() != null) {
                    assertThat(outcome.response().estimate()).isCloseTo(
                            1 / (1 + Math.exp(-outcome.responseExplanation().logit())), within(1e-12));
                }
            }
        }
        System.out.printf("XGBoost TreeSHAP: %d explanations (with predictions) in %.1f s, largest |baseline + Σ − logit| "
                + "%.2e%n", checked, (System.nanoTime() - start) / 1e9, worst);
        assertThat(checked).isGreaterThan(2000);
    }

    @Test
    void logitMatchesTribuosOwnPrediction() {
        // The member builds its own native matrix; it must agree with Tribuo's prediction path.
        BinaryOutcomeModel response = model.response();
        int checked = 0;
        for (SimulatedCohorts.Line line : test.subList(0, 100)) {
            for (int r = 0; r < model.description().regimens().size(); r++) {
                if (!response.covers(r)) {
                    continue;
                }
                int key = response.key(r);
                Design design = response.designs().get(key);
                XGBoostMember member = (XGBoostMember) response.members().get(key).get(0);
                SparseRow row = design.row(line.row().features().values(), response.designRegimen(r));
                String[] names = new String[row.index().length];
                for (int k = 0; k < names.length; k++) {
                    names[k] = design.columnName(row.index()[k]);
                }
                Prediction<Label> prediction = member.tribuoModel().predict(new ArrayExample<>(LogisticModel.NO, names,
                        row.value()));
                double yes = prediction.getOutputScores().get("yes").getScore();
                double no = prediction.getOutputScores().get("no").getScore();
                if (yes > 1e-4 && no > 1e-4) {
                    assertThat(member.logit(row)).isCloseTo(Math.log(yes / no), within(1e-3));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void serialisationRoundTripGivesIdenticalProbabilities() {
        long start = System.nanoTime();
        byte[] bytes = ModelArtifact.serialize(model);
        OutcomeModel copy = ModelArtifact.deserialize(bytes);
        System.out.printf("XGBoost artifact: %d bytes, round trip %.2f s%n", bytes.length, (System.nanoTime() - start) / 1e9);
        assertThat(copy.response().baseLearner()).isEqualTo(BaseLearner.XGBOOST);
        assertThat(copy.toxicity().baseLearner()).isEqualTo(BaseLearner.XGBOOST);
        int compared = 0;
        for (SimulatedCohorts.Line line : test.subList(0, 50)) {
            for (String regimen : model.description().regimens()) {
                assertThat(copy.responseProbability(line.row().features(), regimen))
                        .isEqualTo(model.responseProbability(line.row().features(), regimen));
                assertThat(copy.toxicityProbability(line.row().features(), regimen))
                        .isEqualTo(model.toxicityProbability(line.row().features(), regimen));
                RegimenOutcome a = model.predict(line.row().features(), regimen, regimen).orElseThrow();
                RegimenOutcome b = copy.predict(line.row().features(), regimen, regimen).orElseThrow();
                assertThat(b).usingRecursiveComparison().isEqualTo(a);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(200);
        assertThat(copy.description()).isEqualTo(model.description());
        assertThat(copy.evaluation()).isEqualTo(model.evaluation());
        // Not asserted: re-serialising the copy gives the same bytes (xgboost4j's booster bytes differ after a load).
    }

    @Test
    void reportsTheBaseLearner() {
        assertThat(model.description().baseLearner()).isEqualTo("XGBOOST");
        assertThat(model.description().config().baseLearner()).isEqualTo(BaseLearner.XGBOOST);
        assertThat(model.response().members().values()).allSatisfy(members -> {
            assertThat(members).hasSize(6);
            assertThat(members).allMatch(m -> m instanceof XGBoostMember);
        });
        assertThat(model.toxicity().baseLearner()).isEqualTo(BaseLearner.XGBOOST);
        // Survival stays discrete-time logistic whatever the base learner.
        assertThat(model.progressionFreeCurve(test.get(0).row().features(), test.get(0).row().regimenId(), 12)).isPresent();
    }

    @Test
    void manifestsWithoutBaseLearnerReadAsLogistic() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        String config = json.writeValueAsString(TrainingConfig.DEFAULT).replace(",\"baseLearner\":\"LOGISTIC_SGD\"", "");
        assertThat(config).doesNotContain("baseLearner");
        assertThat(json.readValue(config, TrainingConfig.class)).isEqualTo(TrainingConfig.DEFAULT);
        ModelArtifact.BinaryDoc doc = json.readValue("{\"learner\":\"S_LEARNER\",\"designs\":{},\"interceptOffsets\":{},"
                + "\"platt\":{\"intercept\":0,\"slope\":1}}", ModelArtifact.BinaryDoc.class);
        assertThat(doc.memberKind()).isEqualTo(BaseLearner.LOGISTIC_SGD);
        TrainingConfig xgb = TrainingConfig.DEFAULT.withBaseLearner(BaseLearner.XGBOOST);
        assertThat(json.readValue(json.writeValueAsString(xgb), TrainingConfig.class)).isEqualTo(xgb);
        assertThat(xgb.withSeed(7).withReplicates(3).withLearner(Learner.T_LEARNER).baseLearner())
                .isEqualTo(BaseLearner.XGBOOST);
    }
}
