package org.oncopredict.efficacy.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.oncopredict.efficacy.training.DiscreteTimeSurvivalModel;

/**
 * PFS or OS per regimen: discrete-time hazard models over a {@link Design}'s raw columns (S-learner: one
 * over all regimens; T-learner: one per regimen), each with its full-data fit (member 0) and B bootstrap
 * refits on the same baseline bands.
 */
final class SurvivalOutcomeModel {

    private final Learner learner;
    private final Map<Integer, Design> designs;
    private final Map<Integer, List<DiscreteTimeSurvivalModel>> members;

    SurvivalOutcomeModel(Learner learner, Map<Integer, Design> designs,
                         Map<Integer, List<DiscreteTimeSurvivalModel>> members) {
        this.learner = learner;
        this.designs = Map.copyOf(designs);
        this.members = Map.copyOf(members);
    }

    Learner learner() {
        return learner;
    }

    Map<Integer, Design> designs() {
        return designs;
    }

    Map<Integer, List<DiscreteTimeSurvivalModel>> members() {
        return members;
    }

    boolean covers(int regimen) {
        return designs.containsKey(key(regimen));
    }

    private int key(int regimen) {
        return learner == Learner.S_LEARNER ? BinaryOutcomeModel.POOLED : regimen;
    }

    private int designRegimen(int regimen) {
        return learner == Learner.S_LEARNER ? regimen : -1;
    }

    /** S at the end of months 1 … {@code months} for one member (0 = full-data fit). */
    double[] curve(double[] x, int regimen, int member, int months) {
        int key = key(regimen);
        double[] row = designs.get(key).rawRow(x, designRegimen(regimen));
        return members.get(key).get(member).survivalCurve(row, months);
    }

    /** The follow-up the full-data fit was trained on, in months. */
    double horizonMonths(int regimen) {
        return members.get(key(regimen)).get(0).horizonMonths();
    }

    /** S at the end of months 1 … {@code months} for every member (0 = full-data fit), from one design row. */
    double[][] curves(double[] x, int regimen, int months) {
        int key = key(regimen);
        double[] row = designs.get(key).rawRow(x, designRegimen(regimen));
        List<DiscreteTimeSurvivalModel> fits = members.get(key);
        double[][] curves = new double[fits.size()][];
        for (int b = 0; b < curves.length; b++) {
            curves[b] = fits.get(b).survivalCurve(row, months);
        }
        return curves;
    }

    SurvivalPrediction predict(double[] x, int regimen, int months, double level) {
        double[][] all = curves(x, regimen, months);
        int count = all.length;
        double[] point = all[0];
        double[][] replicates = finiteMembers(Arrays.copyOfRange(all, 1, count), months);
        double[] medians = new double[replicates.length];
        for (int b = 0; b < replicates.length; b++) {
            medians[b] = Predictions.median(replicates[b]);
        }
        MonthlyBands monthly = new MonthlyBands(point, replicates, level);
        double median = Predictions.median(point);
        OptionalDouble lower = Predictions.percentileNotReached(medians, (1 - level) / 2);
        OptionalDouble upper = Predictions.percentileNotReached(medians, (1 + level) / 2);
        if (!Double.isNaN(median)) {
            // As for the monthly bands: the median's interval contains the median itself ("not reached" is above it).
            lower = OptionalDouble.of(lower.isPresent() ? Math.min(lower.getAsDouble(), median) : median);
            if (upper.isPresent() && upper.getAsDouble() < median) {
                upper = OptionalDouble.of(median);
            }
        }
        return new SurvivalPrediction(monthly,
                Double.isNaN(median) ? OptionalDouble.empty() : OptionalDouble.of(median), lower, upper,
                horizonMonths(regimen));
    }

    /**
     * The bootstrap members whose curve is a number at every month. A member fitted on a resample with almost no
     * patients of a regimen can diverge (NaN); it says nothing, so it is left out of the bands. With fewer than
     * two usable members the band is the whole range [0, 1]: the honest statement that the spread is unknown.
     */
    static double[][] finiteMembers(double[][] replicates, int months) {
        double[][] finite = Arrays.stream(replicates).filter(c -> Arrays.stream(c).allMatch(Double::isFinite))
                .toArray(double[][]::new);
        if (finite.length >= 2) {
            return finite;
        }
        double[] none = new double[months];
        double[] all = new double[months];
        Arrays.fill(all, 1.0);
        return new double[][] {none, all};
    }
}
