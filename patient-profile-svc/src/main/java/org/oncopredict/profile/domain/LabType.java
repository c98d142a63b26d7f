package org.oncopredict.profile.domain;

/** Laboratory tests the models use, each with its fixed unit and a plausibility ceiling for validation. */
public enum LabType {
    /** Estimated glomerular filtration rate, mL/min/1.73 m². */
    EGFR("mL/min/1.73m2", 250),
    /** Total bilirubin, mg/dL. */
    BILIRUBIN("mg/dL", 60),
    /** Alanine aminotransferase, U/L. */
    ALT("U/L", 10000),
    /** Absolute neutrophil count, 10^9/L. */
    ANC("10^9/L", 100),
    /** Haemoglobin, g/dL. */
    HEMOGLOBIN("g/dL", 25);

    private final String unit;
    private final double maxPlausible;

    LabType(String unit, double maxPlausible) {
        this.unit = unit;
        this.maxPlausible = maxPlausible;
    }

    public String unit() {
        return unit;
    }

    public double maxPlausible() {
        return maxPlausible;
    }
}
