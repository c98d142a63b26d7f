package org.oncopredict.efficacy.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.oncopredict.efficacy.features.FeatureSchema;
import org.oncopredict.efficacy.model.BinaryMetrics;
import org.oncopredict.efficacy.model.EvaluationReport;
import org.oncopredict.efficacy.model.ModelDescription;
import org.oncopredict.efficacy.model.OutcomeModel;
import org.oncopredict.efficacy.model.SurvivalMetrics;

/**
 * The model card (Mitchell et al. 2019) of a trained model as JSON: intended use, data, held-out metrics
 * with confidence intervals, calibration, subgroups, limitations. Generated from the model itself, so it
 * cannot drift from what was trained. Schema version {@value #SCHEMA}.
 */
public final class ModelCards {

    public static final String SCHEMA = "model-card-v1";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ModelCards() {
    }

    public static String card(OutcomeModel model, String catalogueVersion, Map<String, Object> extra) {
        ModelDescription d = model.description();
        EvaluationReport e = model.evaluation();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("schema", SCHEMA);
        card.put("intended_use", "Decision support for oncologists choosing among catalogue regimens for adult patients "
                + "with NSCLC, colorectal or breast cancer: per-regimen probability of objective response, "
                + "grade >= 3 toxicity, and progression-free and overall survival curves, with bootstrap intervals. "
                + "The treating physician decides; predictions are estimates from observational data.");
        card.put("not_intended_for", List.of("cancer types other than NSCLC, colorectal and breast",
                "regimens the model was not trained on (reported as unavailable)",
                "use without clinical judgement, or as the sole basis of a treatment decision"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", d.source());
        data.put("patients", d.patients());
        data.put("training_lines", d.trainingLines());
        data.put("calibration_lines", d.calibrationLines());
        data.put("held_out_lines", d.heldOutLines());
        data.put("split", "by patient (seeded hash): held-out " + d.config().holdoutFraction() + ", calibration "
                + d.config().calibrationFraction() + ", training the rest");
        data.put("cohort_hash_sha256", d.cohortHash());
        data.put("skipped_lines", d.skippedLines());
        data.put("regimens", d.regimens());
        data.put("regimens_without_model", d.notModelled());
        card.put("data", data);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("learner", d.learner().name());
        training.put("base_learner", "XGBOOST".equals(d.baseLearner())
                ? d.baseLearner() + " (Tribuo XGBoostClassificationTrainer: " + org.oncopredict.efficacy.model.BaseLearner.XGBOOST_SETTINGS
                        + "; TreeSHAP explanations; response and toxicity only, survival stays logistic)"
                : d.baseLearner() + " (Tribuo LinearSGDTrainer, log loss, AdaGrad with averaging)");
        training.put("survival", "per-regimen discrete-time hazard model, monthly person-periods, "
                + d.config().survival().baselineBands() + " baseline bands");
        training.put("bootstrap_replicates", d.bootstrapReplicates());
        training.put("interval_level", d.intervalLevel());
        training.put("seed", d.config().seed());
        training.put("feature_schema", d.featureSchema());
        training.put("feature_count", FeatureSchema.v1().size());
        training.put("catalogue_version", catalogueVersion);
        training.put("trained_at", d.trainedAt());
        card.put("training", training);
        Map<String, Object> metrics = new LinkedHashMap<>();
        if (e != null) {
            metrics.put("response", binary(e.response()));
            metrics.put("severe_toxicity", binary(e.severeToxicity()));
            metrics.put("progression_free_survival", survival(e.progressionFree()));
            metrics.put("overall_survival", survival(e.overall()));
            card.put("subgroups", e.subgroups());
        }
        card.put("metrics_held_out", metrics);
        card.put("calibration", Map.of("response_platt", model.responseCalibration(),
                "toxicity_platt", model.toxicityCalibration()));
        card.put("limitations", List.of(
                "Trained on observational treatment history: estimates assume no unmeasured confounding given the "
                        + "encoded features (" + FeatureSchema.VERSION + ").",
                "Predictions for patients unlike those treated with a regimen are flagged (low support or out of "
                        + "distribution) and should be read as extrapolation.",
                "Survival curves beyond the training follow-up (horizon_months) are extrapolated from the last "
                        + "baseline band.",
                "Overall survival of a line includes the effect of later lines given in the training data.",
                "Survival models are fitted per regimen without penalisation; on simulated data they overfit slightly "
                        + "(held-out observed/expected events within 12 months about 0.87): compare "
                        + "observed_events_12_months with expected_events_12_months."));
        card.putAll(extra);
        try {
            return JSON.writeValueAsString(card);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("model card could not be written", ex);
        }
    }

    private static Map<String, Object> binary(BinaryMetrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (m == null) {
            out.put("available", false);
            return out;
        }
        out.put("n", m.n());
        out.put("events", m.events());
        out.put("auroc", m.auroc().estimate());
        out.put("auroc_95ci", List.of(m.auroc().lower(), m.auroc().upper()));
        out.put("brier", m.brier());
        out.put("calibration_intercept", m.calibrationIntercept());
        out.put("calibration_slope", m.calibrationSlope());
        out.put("mean_predicted", m.meanPredicted());
        out.put("observed_rate", m.observedRate());
        return out;
    }

    private static Map<String, Object> survival(SurvivalMetrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (m == null) {
            out.put("available", false);
            return out;
        }
        out.put("n", m.n());
        out.put("events", m.events());
        out.put("c_index", m.cIndex().estimate());
        out.put("c_index_95ci", List.of(m.cIndex().lower(), m.cIndex().upper()));
        out.put("observed_events_12_months", m.observed12());
        out.put("expected_events_12_months", m.expected12());
        return out;
    }
}
