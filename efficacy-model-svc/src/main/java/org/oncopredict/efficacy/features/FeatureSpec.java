package org.oncopredict.efficacy.features;

import java.util.Objects;

/**
 * One feature of the {@link FeatureSchema}: its stable name, unit, meaning and the value used when the
 * underlying data are missing.
 *
 * @param name         stable feature name (snake_case, unit suffix where useful), e.g. {@code egfr_ml_min}
 * @param unit         unit of the value, e.g. "mL/min/1.73 m²", "0/1", "count"
 * @param description  what the value means and where it comes from
 * @param defaultValue value used when the data are missing (documented constant, not estimated from any
 *                     training population)
 * @param kind         how the feature is filled
 */
public record FeatureSpec(String name, String unit, String description, double defaultValue, Kind kind) {

    /** How a feature is filled. */
    public enum Kind {
        /** A measured or derived number; when missing, {@link #defaultValue()} and a {@code <name>_missing} indicator. */
        NUMERIC,
        /** A 0/1 indicator; when the fact is unknown, 0 and the feature is listed as imputed. */
        BINARY,
        /** A one-hot level of a categorical variable (0/1). */
        ONE_HOT,
        /** The {@code <name>_missing} indicator of a numeric feature (1 = default used). */
        MISSING_INDICATOR,
        /** A count (e.g. prior lines); never missing, 0 when none recorded. */
        COUNT
    }

    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(kind, "kind");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("feature name must be snake_case: " + name);
        }
    }

    /** The name of this numeric feature's missing indicator. */
    public String missingIndicatorName() {
        return name + FeatureSchema.MISSING_SUFFIX;
    }
}
