package org.oncopredict.efficacy.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A covariate column of a trial table.
 *
 * <p>A {@link CovariateType#NUMERIC} covariate becomes one feature named after the column. A
 * {@link CovariateType#CATEGORICAL} one is dummy-coded: one 0/1 feature {@code column=level} per level
 * other than the reference level, which is {@code referenceLevel} when given and otherwise the first level
 * in natural order (numerically when every level is a number, else alphabetically).
 *
 * @param column         header name of the column
 * @param type           numeric or categorical
 * @param referenceLevel categorical only, optional (null): the level all others are compared with
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CovariateColumn(String column, CovariateType type, String referenceLevel) {

    public CovariateColumn {
        column = MappingChecks.columnName(column, "covariate");
        if (type == null) {
            throw new IllegalArgumentException("type of covariate '" + column + "' is missing");
        }
        if (referenceLevel != null) {
            if (type != CovariateType.CATEGORICAL) {
                throw new IllegalArgumentException(
                        "covariate '" + column + "' is numeric and cannot have a reference level");
            }
            if (referenceLevel.isBlank()) {
                throw new IllegalArgumentException("reference level of '" + column + "' is blank");
            }
            referenceLevel = referenceLevel.strip();
        }
    }

    /** A numeric covariate. */
    public static CovariateColumn numeric(String column) {
        return new CovariateColumn(column, CovariateType.NUMERIC, null);
    }

    /** A categorical covariate with the given reference level (null: the first level in natural order). */
    public static CovariateColumn categorical(String column, String referenceLevel) {
        return new CovariateColumn(column, CovariateType.CATEGORICAL, referenceLevel);
    }
}
