package org.oncopredict.efficacy.catalogue;

/**
 * Overall eligibility of a patient for a regimen, from the most severe reason:
 * CONTRAINDICATED, else NOT_INDICATED, else ELIGIBLE_WITH_CAUTIONS, else ELIGIBLE.
 */
public enum EligibilityStatus {
    /** Indication met, no caution. */
    ELIGIBLE,
    /** Indication met; cautions (including data that could not be verified) need review. */
    ELIGIBLE_WITH_CAUTIONS,
    /** The indication (cancer type, line, biomarkers) is not met or not established. */
    NOT_INDICATED,
    /** A contraindication applies. */
    CONTRAINDICATED;

    /** Eligible, with or without cautions. */
    public boolean isEligible() {
        return this == ELIGIBLE || this == ELIGIBLE_WITH_CAUTIONS;
    }
}
