package org.oncopredict.efficacy.catalogue;

/** Machine-readable kind of an {@link EligibilityReason}. */
public enum ReasonCode {
    /** INFO: the indication that was met, with its evidence. */
    INDICATION_MET,
    /** NOT_INDICATED: the regimen has no indication for the patient's cancer type. */
    CANCER_TYPE_NOT_INDICATED,
    /** NOT_INDICATED: the line of therapy is outside the indication. */
    LINE_NOT_INDICATED,
    /** NOT_INDICATED: a required biomarker was tested and is absent. */
    REQUIRED_BIOMARKER_ABSENT,
    /** NOT_INDICATED: a required biomarker is not known as of the date (not tested / not yet reported). */
    REQUIRED_BIOMARKER_UNKNOWN,
    /** NOT_INDICATED: a biomarker that excludes the indication is present. */
    EXCLUDING_BIOMARKER_PRESENT,
    /** CAUTION: a biomarker that would exclude the indication is unknown. */
    EXCLUDING_BIOMARKER_UNKNOWN,
    /** CAUTION or CONTRAINDICATED: a contraindication rule applies; see the reason's rule id. */
    RULE_TRIGGERED,
    /** CAUTION: a datum a rule needs is missing or too old, so the rule could not be checked. */
    DATA_MISSING
}
