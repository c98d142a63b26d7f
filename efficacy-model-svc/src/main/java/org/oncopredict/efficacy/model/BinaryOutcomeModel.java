package org.oncopredict.efficacy.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.oncopredict.efficacy.features.FeatureVector;
import org.oncopredict.efficacy.training.Interval;
import org.oncopredict.efficacy.training.LineOutcome;

/**
 * A binary outcome (objective response, grade ≥ 3 toxicity) per regimen: {@link BinaryMember}s — logistic
 * models or XGBoost trees, one kind per model (S-learner: one design over all regimens; T-learner: one design
 * per regimen), each with its full-data fit (member 0) and B bootstrap refits, and one Platt calibration
 * shared by all members.
 */
final class BinaryOutcomeModel {

    /** Design key of the S-learner's single design. */
    static final int POOLED = -1;

    private final Learner learner;
    private final Map<Integer, Design> designs;
    private final Map<Integer, List<BinaryMember>> members;
    private final Platt platt;

    BinaryOutcomeModel(Learner learner, Map<Integer, Design> designs, Map<Integer, List<BinaryMember>> members,
                       Platt platt) {
        this.learner = learner;
        this.designs = Map.copyOf(designs);
        this.members = Map.copyOf(members);
        this.platt = platt;
    }

    BinaryOutcomeModel withPlatt(Platt calibration) {
        return new BinaryOutcomeModel(learner, designs, members, calibration);
    }

    Learner learner() {
        return learner;
    }

    Map<Integer, Design> designs() {
        return designs;
    }

    Map<Integer, List<BinaryMember>> members() {
        return members;
    }

    Platt platt() {
        return platt;
    }

    /** The kind of the members (all members of a model have the same); logistic for a model without designs. */
    BaseLearner baseLearner() {
        return members.values().stream().flatMap(List::stream).findFirst().map(BinaryMember::kind)
                .orElse(BaseLearner.LOGISTIC_SGD);
    }

    /** Uncalibrated logits of member 0 for many patients on one regimen (one native call for tree members). */
    double[] rawLogits(List<double[]> xs, int regimen) {
        int key = key(regimen);
        Design design = designs.get(key);
        List<SparseRow> rows = xs.stream().map(x -> design.row(x, designRegimen(regimen))).toList();
        return members.get(key).get(0).logits(rows);
    }

    boolean covers(int regimen) {
        return designs.containsKey(key(regimen));
    }

    int key(int regimen) {
        return learner == Learner.S_LEARNER ? POOLED : regimen;
    }

    /** The regimen index a design row uses: the regimen for the S-learner, none for a T-learner design. */
    int designRegimen(int regimen) {
        return learner == Learner.S_LEARNER ? regimen : -1;
    }

    /** The uncalibrated logit of a member (0 = full-data fit). */
    double rawLogit(double[] x, int regimen, int member) {
        int key = key(regimen);
        return members.get(key).get(member).logit(designs.get(key).row(x, designRegimen(regimen)));
    }

    double probability(double[] x, int regimen, int member) {
        return logistic(platt.apply(rawLogit(x, regimen, member)));
    }

    /**
     * The Platt calibration of the full-data fits' raw logits on {@code lines} (those with a known outcome
     * and a covered regimen). Logits are computed in one batch per regimen (one native call for tree members).
     *
     * @param index regimen id → index in the model's regimen list
     */
    Platt fitPlatt(List<LineOutcome> lines, Function<LineOutcome, Boolean> label, Map<String, Integer> index) {
        Map<Integer, List<Integer>> byRegimen = new TreeMap<>();
        List<Boolean> ys = new ArrayList<>();
        List<double[]> xs = new ArrayList<>();
        for (LineOutcome row : lines) {
            Integer r = index.get(row.regimenId());
            Boolean y = label.apply(row);
            if (r != null && y != null && covers(r)) {
                byRegimen.computeIfAbsent(r, k -> new ArrayList<>()).add(ys.size());
                xs.add(row.features().values());
                ys.add(y);
            }
        }
        double[] logits = new double[ys.size()];
        byRegimen.forEach((r, positions) -> {
            double[] batch = rawLogits(positions.stream().map(xs::get).toList(), r);
            for (int i = 0; i < batch.length; i++) {
                logits[positions.get(i)] = batch[i];
            }
        });
        boolean[] y = new boolean[ys.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = ys.get(i);
        }
        return Platt.fit(logits, y);
    }

    /** The calibrated probability of the full-data fit with the bootstrap percentile interval. */
    Interval predict(double[] x, int regimen, double level) {
        double[] p = memberProbabilities(x, regimen);
        return Interval.percentile(p[0], Arrays.copyOfRange(p, 1, p.length), level).includingEstimate();
    }

    /** Calibrated probabilities of every member (0 = full-data fit), all from one design row. */
    double[] memberProbabilities(double[] x, int regimen) {
        int key = key(regimen);
        SparseRow row = designs.get(key).row(x, designRegimen(regimen));
        List<BinaryMember> fits = members.get(key);
        double[] p = new double[fits.size()];
        for (int b = 0; b < p.length; b++) {
            p[b] = logistic(platt.apply(fits.get(b).logit(row)));
        }
        return p;
    }

    /**
     * The member-0 prediction decomposed on the calibrated logit scale: baseline (intercept or TreeSHAP bias,
     * plus the regimen indicator terms) + Σ per-feature contributions (main effect and regimen interaction
     * pooled), all multiplied by the Platt slope; the Platt intercept goes to the baseline.
     */
    Explanation explain(FeatureVector features, int regimen) {
        int key = key(regimen);
        Design design = designs.get(key);
        BinaryMember model = members.get(key).get(0);
        double[] x = features.values();
        SparseRow row = design.row(x, designRegimen(regimen));
        BinaryMember.Attribution attribution = model.attribution(row);
        double[] byColumn = attribution.byColumn();
        double[] byFeature = new double[x.length];
        double regimenTerm = 0;
        List<Column> columns = design.columns();
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            if (!column.appliesTo(designRegimen(regimen)) || column.isRegimenIndicator()) {
                // Regimen indicators (and, for TreeSHAP, any share given to another regimen's absent columns)
                // describe the regimen, not the patient: they belong to the baseline.
                regimenTerm += byColumn[c];
            } else {
                byFeature[column.feature()] += byColumn[c];
            }
        }
        List<FeatureContribution> contributions = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            if (byFeature[j] != 0) {
                String name = features.names().get(j);
                contributions.add(new FeatureContribution(name, x[j], features.isImputed(name),
                        platt.slope() * byFeature[j]));
            }
        }
        double baseline = platt.apply(attribution.intercept() + regimenTerm);
        return new Explanation(baseline, platt.apply(model.logit(row)), contributions, attribution.method());
    }

    static double logistic(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }
}
