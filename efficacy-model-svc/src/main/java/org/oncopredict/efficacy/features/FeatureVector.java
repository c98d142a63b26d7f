package org.oncopredict.efficacy.features;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The encoded features of one patient as of one date: immutable, ordered as the {@link FeatureSchema}.
 *
 * @param asOf    the date the profile was seen as of (no data dated after it were used)
 * @param names   feature names in schema order
 * @param values  feature values, parallel to {@code names} (the accessor returns a copy)
 * @param imputed names of the features whose value was not observed and was filled with the documented
 *                default (numeric features, also flagged by their {@code _missing} indicator) or 0
 *                (binary features whose status is unknown), in schema order
 */
public record FeatureVector(LocalDate asOf, List<String> names, double[] values, List<String> imputed) {

    public FeatureVector {
        Objects.requireNonNull(asOf, "asOf");
        names = List.copyOf(names);
        values = values.clone();
        imputed = List.copyOf(imputed);
        if (names.size() != values.length) {
            throw new IllegalArgumentException("names and values differ in length: " + names.size() + " vs " + values.length);
        }
        if (!names.containsAll(imputed)) {
            throw new IllegalArgumentException("imputed names must be feature names: " + imputed);
        }
    }

    /** A copy of the values. */
    @Override
    public double[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    /** The value of a feature by name. */
    public double value(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown feature: " + name);
        }
        return values[i];
    }

    /** True when the feature's value was imputed (not observed as of {@link #asOf()}). */
    public boolean isImputed(String name) {
        return imputed.contains(name);
    }

    /** Name → value, in schema order. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(names.get(i), values[i]);
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector other
                && asOf.equals(other.asOf)
                && names.equals(other.names)
                && Arrays.equals(values, other.values)
                && imputed.equals(other.imputed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(asOf, names, Arrays.hashCode(values), imputed);
    }

    @Override
    public String toString() {
        return "FeatureVector[asOf=" + asOf + ", " + asMap() + ", imputed=" + imputed + "]";
    }
}
