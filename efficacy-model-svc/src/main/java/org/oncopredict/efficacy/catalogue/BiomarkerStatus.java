package org.oncopredict.efficacy.catalogue;

/** Whether a {@link Biomarker} predicate holds for a patient as of a date. */
public enum BiomarkerStatus {
    POSITIVE,
    NEGATIVE,
    /** Not tested, not reported yet, or inconclusive: never read as negative. */
    UNKNOWN
}
