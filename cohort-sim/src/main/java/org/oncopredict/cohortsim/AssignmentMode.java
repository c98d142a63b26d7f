package org.oncopredict.cohortsim;

/** How the simulator chooses each line's regimen. */
public enum AssignmentMode {
    /**
     * Like real practice: guideline preferences driven by biomarkers, ECOG, age, renal function and
     * earlier lines, blurred by a softmax and a uniform floor so that every regimen keeps a positive
     * probability (see {@link TreatmentPolicy}). Outcomes are confounded by indication.
     */
    CONFOUNDED,
    /** A randomised trial over every regimen of the cancer type not already given to the patient. */
    RANDOMISED
}
