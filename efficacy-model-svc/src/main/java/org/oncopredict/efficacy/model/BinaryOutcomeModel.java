package org.oncopredict.efficacy.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.oncopredict.efficacy.features.FeatureVector;
import org.oncopredict.efficacy.training.Interval;

/**
 * A binary outcome (objective response, grade ≥ 3 toxicity) per regimen: logistic models (S-learner: one
 * design over all regimens; T-learner: one design per regimen), each with its full-data fit (member 0)
 * and B bootstrap refits, and one Platt calibration shared by all members.
 */
final class BinaryOutcomeModel {

    /** Design key of the S-learner's single design. */
    static final int POOLED = -1;

    private final Learner learner;
    private final Map<Integer, Design> designs;
    private final Map<Integer, List<LogisticModel>> members;
    private final Platt platt;

    BinaryOutcomeModel(Learner learner, Map<Integer, Design> designs, Map<Integer, List<LogisticModel>> members,
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

    Map<Integer, List<LogisticModel>> members() {
        return members;
    }

    Platt platt() {
        return platt;
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

    /** The calibrated probability of the full-data fit with the bootstrap percentile interval. */
    Interval predict(double[] x, int regimen, double level) {
        List<LogisticModel> fits = members.get(key(regimen));
        double point = probability(x, regimen, 0);
        double[] replicates = new double[fits.size() - 1];
        for (int b = 1; b < fits.size(); b++) {
            replicates[b - 1] = probability(x, regimen, b);
        }
        return Predictions.including(Interval.percentile(point, replicates, level));
    }

    Explanation explain(FeatureVector features, int regimen) {
        int key = key(regimen);
        Design design = designs.get(key);
        LogisticModel model = members.get(key).get(0);
        double[] x = features.values();
        double[] byFeature = new double[x.length];
        double regimenTerm = 0;
        List<Column> columns = design.columns();
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            if (!column.appliesTo(designRegimen(regimen))) {
                continue;
            }
            if (column.isRegimenIndicator()) {
                regimenTerm += model.weight(c);
            } else {
                byFeature[column.feature()] += model.weight(c) * design.standardised(x, column.feature());
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
        double baseline = platt.apply(model.intercept() + regimenTerm);
        return new Explanation(baseline, platt.apply(rawLogit(x, regimen, 0)), contributions);
    }

    static double logistic(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }
}
