package org.oncopredict.efficacy.model;

/** How well the training data cover a patient for a regimen. */
public enum Support {
    ADEQUATE,
    /** Few comparable treated patients: the interval is wide and the estimate leans on the model's form. */
    LOW_SUPPORT,
    /** The patient lies outside what the regimen's training patients looked like: extrapolation. */
    OUT_OF_DISTRIBUTION
}
