package org.oncopredict.efficacy.catalogue;

/**
 * Severity of an eligibility reason, from least to most severe. Contraindication rules use only
 * {@link #CAUTION} and {@link #CONTRAINDICATED}.
 */
public enum Severity {
    /** Supporting information, e.g. the indication that was met. */
    INFO,
    /** Eligible, but something needs attention or could not be verified. */
    CAUTION,
    /** The regimen's indication is not met (biomarker, line, cancer type). */
    NOT_INDICATED,
    /** The regimen should not be given to this patient. */
    CONTRAINDICATED
}
