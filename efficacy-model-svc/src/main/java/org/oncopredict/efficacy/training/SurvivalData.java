package org.oncopredict.efficacy.training;

import java.util.HashSet;
import java.util.List;

/**
 * Right-censored time-to-event data with fixed (baseline) covariates: for subject i a follow-up time
 * {@code T_i} in months, an event flag {@code δ_i} (true: the event happened at {@code T_i}; false:
 * censored then) and a feature vector {@code x_i}. Immutable; arrays are copied in and out.
 *
 * <p>Feature names must be distinct. Missing values are not represented: a source with missing covariates
 * must impute or drop them first.
 */
public final class SurvivalData {

    private final String description;
    private final List<String> featureNames;
    private final double[] times;
    private final boolean[] events;
    private final double[][] features;

    private SurvivalData(String description, List<String> featureNames, double[] times, boolean[] events,
                         double[][] features) {
        this.description = description;
        this.featureNames = featureNames;
        this.times = times;
        this.events = events;
        this.features = features;
    }

    /**
     * @param description  where the data come from (kept in the model's provenance)
     * @param featureNames names of the columns of {@code features}
     * @param timesMonths  follow-up times in months, finite and ≥ 0
     * @param events       event flags
     * @param features     one row per subject, finite values
     */
    public static SurvivalData of(String description, List<String> featureNames, double[] timesMonths,
                                  boolean[] events, double[][] features) {
        int n = timesMonths.length;
        if (events.length != n || features.length != n) {
            throw new IllegalArgumentException("times (" + n + "), events (" + events.length + ") and features ("
                    + features.length + ") differ in length");
        }
        List<String> names = List.copyOf(featureNames);
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("feature names are not distinct: " + names);
        }
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            if (!(timesMonths[i] >= 0) || Double.isInfinite(timesMonths[i])) {
                throw new IllegalArgumentException("subject " + i + ": time must be finite and >= 0, got " + timesMonths[i]);
            }
            if (features[i].length != names.size()) {
                throw new IllegalArgumentException("subject " + i + " has " + features[i].length + " features, expected "
                        + names.size());
            }
            for (int j = 0; j < names.size(); j++) {
                if (!Double.isFinite(features[i][j])) {
                    throw new IllegalArgumentException("subject " + i + ": feature '" + names.get(j) + "' is not finite");
                }
            }
            rows[i] = features[i].clone();
        }
        return new SurvivalData(description, names, timesMonths.clone(), events.clone(), rows);
    }

    /**
     * The subjects at the given positions, in that order; a position may repeat (a bootstrap resample).
     *
     * @param label appended to the description, e.g. "bootstrap 3" or "fold 2 training"
     */
    public SurvivalData subset(int[] positions, String label) {
        double[] t = new double[positions.length];
        boolean[] e = new boolean[positions.length];
        double[][] x = new double[positions.length][];
        for (int k = 0; k < positions.length; k++) {
            int i = positions[k];
            t[k] = times[i];
            e[k] = events[i];
            x[k] = features[i];
        }
        // Rows are never mutated, so the subset may share them.
        return new SurvivalData(description + " [" + label + "]", featureNames, t, e, x);
    }

    public String description() {
        return description;
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public int size() {
        return times.length;
    }

    /** Follow-up time of subject i in months. */
    public double time(int i) {
        return times[i];
    }

    public boolean event(int i) {
        return events[i];
    }

    /** Feature j of subject i. */
    public double feature(int i, int j) {
        return features[i][j];
    }

    /** A copy of subject i's feature vector. */
    public double[] features(int i) {
        return features[i].clone();
    }

    /** A copy of all follow-up times. */
    public double[] times() {
        return times.clone();
    }

    /** A copy of all event flags. */
    public boolean[] events() {
        return events.clone();
    }

    public int eventCount() {
        int count = 0;
        for (boolean event : events) {
            if (event) {
                count++;
            }
        }
        return count;
    }
}
