package org.oncopredict.efficacy.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.oncopredict.efficacy.features.FeatureSchema;
import org.oncopredict.efficacy.features.FeatureSpec;
import org.oncopredict.efficacy.features.FeatureVector;

/**
 * What the training lines of each regimen looked like, to judge whether a prediction is supported:
 * counts of lines per (cancer type, biomarker profile) and ECOG, the observed range of each numeric
 * feature and how often each indicator was 1. Holds aggregates only, no rows.
 *
 * @param profiles  per regimen: signature (cancer type and biomarker indicators) → lines by ECOG 0…4
 * @param minimum   per regimen: per feature, the smallest observed (non-imputed) value; NaN if none
 * @param maximum   per regimen: per feature, the largest observed value
 * @param ones      per regimen: per feature, lines with the indicator equal to 1
 * @param lines     per regimen: training lines
 */
record SupportIndex(List<Map<String, int[]>> profiles, List<double[]> minimum, List<double[]> maximum,
                    List<int[]> ones, int[] lines, int lowSupportThreshold) {

    static SupportIndex build(FeatureSchema schema, int regimenCount, List<FeatureVector> features, int[] regimens,
                              int lowSupportThreshold) {
        int p = schema.size();
        List<Map<String, int[]>> profiles = new ArrayList<>();
        List<double[]> minimum = new ArrayList<>();
        List<double[]> maximum = new ArrayList<>();
        List<int[]> ones = new ArrayList<>();
        for (int r = 0; r < regimenCount; r++) {
            profiles.add(new HashMap<>());
            double[] lo = new double[p];
            double[] hi = new double[p];
            java.util.Arrays.fill(lo, Double.NaN);
            java.util.Arrays.fill(hi, Double.NaN);
            minimum.add(lo);
            maximum.add(hi);
            ones.add(new int[p]);
        }
        int[] lines = new int[regimenCount];
        List<FeatureSpec> specs = schema.features();
        for (int i = 0; i < features.size(); i++) {
            int r = regimens[i];
            FeatureVector x = features.get(i);
            lines[r]++;
            profiles.get(r).computeIfAbsent(signature(schema, x), k -> new int[5])[ecog(x)]++;
            double[] v = x.values();
            for (int j = 0; j < p; j++) {
                FeatureSpec spec = specs.get(j);
                if (isNumeric(spec) && !x.isImputed(spec.name())) {
                    double[] lo = minimum.get(r);
                    double[] hi = maximum.get(r);
                    lo[j] = Double.isNaN(lo[j]) ? v[j] : Math.min(lo[j], v[j]);
                    hi[j] = Double.isNaN(hi[j]) ? v[j] : Math.max(hi[j], v[j]);
                } else if (v[j] == 1) {
                    ones.get(r)[j]++;
                }
            }
        }
        return new SupportIndex(profiles, minimum, maximum, ones, lines, lowSupportThreshold);
    }

    /** Training lines on the regimen with the same cancer type and biomarker indicators and ECOG within ± 1. */
    int comparable(FeatureSchema schema, FeatureVector x, int regimen) {
        int[] byEcog = profiles.get(regimen).get(signature(schema, x));
        if (byEcog == null) {
            return 0;
        }
        int ecog = ecog(x);
        int count = 0;
        for (int e = Math.max(0, ecog - 1); e <= Math.min(4, ecog + 1); e++) {
            count += byEcog[e];
        }
        return count;
    }

    /** Reasons the patient lies outside the regimen's training data (empty when inside). */
    List<String> outOfDistribution(FeatureSchema schema, FeatureVector x, int regimen, String regimenName) {
        List<String> reasons = new ArrayList<>();
        double[] v = x.values();
        List<FeatureSpec> specs = schema.features();
        for (int j = 0; j < v.length; j++) {
            FeatureSpec spec = specs.get(j);
            if (isNumeric(spec)) {
                double lo = minimum.get(regimen)[j];
                double hi = maximum.get(regimen)[j];
                if (!x.isImputed(spec.name()) && !Double.isNaN(lo) && (v[j] < lo || v[j] > hi)) {
                    reasons.add(String.format(Locale.ROOT, "%s %s is outside the range seen in patients treated with "
                            + "%s (%s–%s %s)", spec.name(), number(v[j]), regimenName, number(lo), number(hi), spec.unit()));
                }
            } else if (spec.kind() != FeatureSpec.Kind.MISSING_INDICATOR && v[j] == 1 && ones.get(regimen)[j] == 0) {
                reasons.add("no patient treated with " + regimenName + " in the training data had " + spec.name());
            }
        }
        return reasons;
    }

    private static boolean isNumeric(FeatureSpec spec) {
        return spec.kind() == FeatureSpec.Kind.NUMERIC || spec.kind() == FeatureSpec.Kind.COUNT;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static int ecog(FeatureVector x) {
        return (int) Math.max(0, Math.min(4, Math.round(x.value("ecog"))));
    }

    private static String signature(FeatureSchema schema, FeatureVector x) {
        StringBuilder s = new StringBuilder();
        double[] v = x.values();
        List<FeatureSpec> specs = schema.features();
        for (int j = 0; j < v.length; j++) {
            String name = specs.get(j).name();
            if ((name.startsWith("cancer_") || name.startsWith("bm_")) && v[j] == 1) {
                s.append(name).append(';');
            }
        }
        return s.toString();
    }
}
