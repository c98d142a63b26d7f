package org.oncopredict.efficacy.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.oncopredict.efficacy.features.FeatureSchema;
import org.oncopredict.efficacy.features.FeatureVector;
import org.oncopredict.efficacy.training.Interval;
import org.oncopredict.efficacy.training.LineOutcome;

/**
 * A trained set of outcome models — objective response, grade ≥ 3 toxicity, PFS and OS per regimen —
 * with bootstrap members for intervals, Platt calibration, support statistics and its held-out
 * evaluation. Immutable; thread-safe. Serialised by {@link ModelArtifact}.
 */
public final class OutcomeModel {

    /** Length of predicted monthly curves: five years. */
    public static final int CURVE_MONTHS = 60;

    private final ModelDescription description;
    private final FeatureSchema schema;
    private final BinaryOutcomeModel response;
    private final BinaryOutcomeModel toxicity;
    private final SurvivalOutcomeModel pfs;
    private final SurvivalOutcomeModel os;
    private final SupportIndex support;
    private final EvaluationReport evaluation;

    OutcomeModel(ModelDescription description, BinaryOutcomeModel response, BinaryOutcomeModel toxicity,
                 SurvivalOutcomeModel pfs, SurvivalOutcomeModel os, SupportIndex support, EvaluationReport evaluation) {
        if (!FeatureSchema.VERSION.equals(description.featureSchema())) {
            throw new IllegalArgumentException("model uses feature schema " + description.featureSchema()
                    + ", this service encodes " + FeatureSchema.VERSION);
        }
        this.description = description;
        this.schema = FeatureSchema.v1();
        this.response = response;
        this.toxicity = toxicity;
        this.pfs = pfs;
        this.os = os;
        this.support = support;
        this.evaluation = evaluation;
    }

    public ModelDescription description() {
        return description;
    }

    public EvaluationReport evaluation() {
        return evaluation;
    }

    /** The same model with another Platt calibration of the response and toxicity models (site recalibration). */
    public OutcomeModel recalibrated(Platt responseCalibration, Platt toxicityCalibration, ModelDescription newDescription,
                                     EvaluationReport newEvaluation) {
        return new OutcomeModel(newDescription, response.withPlatt(responseCalibration),
                toxicity.withPlatt(toxicityCalibration), pfs, os, support, newEvaluation);
    }

    public Platt responseCalibration() {
        return response.platt();
    }

    public Platt toxicityCalibration() {
        return toxicity.platt();
    }

    /** Whether the model has any prediction for the regimen. */
    public boolean covers(String regimenId) {
        return regimenIndex(regimenId) >= 0;
    }

    /**
     * Site recalibration: the Platt calibration of the response (or toxicity) model refitted on a site's
     * lines, those with a known outcome on a covered regimen.
     */
    public Platt fitCalibration(boolean forResponse, List<LineOutcome> lines) {
        Map<String, Integer> index = new HashMap<>();
        for (int r = 0; r < description.regimens().size(); r++) {
            index.put(description.regimens().get(r), r);
        }
        return forResponse ? response.fitPlatt(lines, LineOutcome::response, index)
                : toxicity.fitPlatt(lines, LineOutcome::severeToxicity, index);
    }

    /** Whether the response / toxicity component covers the regimen. */
    public boolean coversResponse(String regimenId) {
        int r = regimenIndex(regimenId);
        return r >= 0 && response.covers(r);
    }

    public boolean coversToxicity(String regimenId) {
        int r = regimenIndex(regimenId);
        return r >= 0 && toxicity.covers(r);
    }

    /** Point probability of response (calibrated, full-data fit), or NaN when not covered. */
    public double responseProbability(FeatureVector x, String regimenId) {
        int r = regimenIndex(regimenId);
        return r >= 0 && response.covers(r) ? response.probability(x.values(), r, 0) : Double.NaN;
    }

    /** Point probability of grade ≥ 3 toxicity, or NaN when not covered. */
    public double toxicityProbability(FeatureVector x, String regimenId) {
        int r = regimenIndex(regimenId);
        return r >= 0 && toxicity.covers(r) ? toxicity.probability(x.values(), r, 0) : Double.NaN;
    }

    /** Point PFS curve (months 1…n) of the full-data fit, or empty when not covered. */
    public Optional<double[]> progressionFreeCurve(FeatureVector x, String regimenId, int months) {
        int r = regimenIndex(regimenId);
        return r >= 0 && pfs.covers(r) ? Optional.of(pfs.curve(x.values(), r, 0, months)) : Optional.empty();
    }

    /** Point OS curve (months 1…n) of the full-data fit, or empty when not covered. */
    public Optional<double[]> overallCurve(FeatureVector x, String regimenId, int months) {
        int r = regimenIndex(regimenId);
        return r >= 0 && os.covers(r) ? Optional.of(os.curve(x.values(), r, 0, months)) : Optional.empty();
    }

    /**
     * Everything predicted for one regimen: outcomes with intervals, explanations and support. Components
     * the model lacks for this regimen are null. Empty when the model knows nothing about the regimen.
     *
     * @param regimenName used in support warnings
     */
    public Optional<RegimenOutcome> predict(FeatureVector x, String regimenId, String regimenName) {
        int r = regimenIndex(regimenId);
        if (r < 0) {
            return Optional.empty();
        }
        double level = description.intervalLevel();
        double[] v = x.values();
        Interval resp = response.covers(r) ? response.predict(v, r, level) : null;
        Interval tox = toxicity.covers(r) ? toxicity.predict(v, r, level) : null;
        SurvivalPrediction pfsCurve = pfs.covers(r) ? pfs.predict(v, r, CURVE_MONTHS, level) : null;
        SurvivalPrediction osCurve = os.covers(r) ? os.predict(v, r, CURVE_MONTHS, level) : null;
        int comparable = support.comparable(schema, x, r);
        List<String> warnings = new ArrayList<>(support.outOfDistribution(schema, x, r, regimenName));
        Support level2;
        if (!warnings.isEmpty()) {
            level2 = Support.OUT_OF_DISTRIBUTION;
        } else if (comparable < support.lowSupportThreshold()) {
            level2 = Support.LOW_SUPPORT;
            warnings.add("only " + comparable + " comparable patients (same cancer type, biomarkers and ECOG ± 1) "
                    + "were treated with " + regimenName + " in the training data");
        } else {
            level2 = Support.ADEQUATE;
        }
        return Optional.of(new RegimenOutcome(regimenId, resp, tox, pfsCurve, osCurve,
                response.covers(r) ? response.explain(x, r) : null,
                toxicity.covers(r) ? toxicity.explain(x, r) : null,
                comparable, level2, warnings));
    }

    /**
     * Calibrated probabilities of every member (index 0 the full-data fit, then the B replicates), for
     * group averages whose interval must come from member-wise means. Null when not covered.
     */
    public double[] memberProbabilities(boolean response, FeatureVector x, String regimenId) {
        int r = regimenIndex(regimenId);
        BinaryOutcomeModel component = response ? this.response : toxicity;
        if (r < 0 || !component.covers(r)) {
            return null;
        }
        return component.memberProbabilities(x.values(), r);
    }

    /** S(month) of every member of the PFS or OS model (index 0 the full-data fit); null when not covered. */
    public double[] memberSurvival(boolean progressionFree, FeatureVector x, String regimenId, int month) {
        int r = regimenIndex(regimenId);
        SurvivalOutcomeModel component = progressionFree ? pfs : os;
        if (r < 0 || !component.covers(r)) {
            return null;
        }
        double[][] curves = component.curves(x.values(), r, month);
        double[] s = new double[curves.length];
        for (int b = 0; b < curves.length; b++) {
            s[b] = curves[b][month - 1];
        }
        return s;
    }

    int regimenIndex(String regimenId) {
        return description.regimens().indexOf(regimenId);
    }

    private int requireIndex(String regimenId) {
        int r = regimenIndex(regimenId);
        if (r < 0) {
            throw new IllegalArgumentException("the model has no regimen " + regimenId);
        }
        return r;
    }

    BinaryOutcomeModel response() {
        return response;
    }

    BinaryOutcomeModel toxicity() {
        return toxicity;
    }

    SurvivalOutcomeModel pfs() {
        return pfs;
    }

    SurvivalOutcomeModel os() {
        return os;
    }

    SupportIndex support() {
        return support;
    }
}
