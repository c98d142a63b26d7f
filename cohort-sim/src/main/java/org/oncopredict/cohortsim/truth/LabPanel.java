package org.oncopredict.cohortsim.truth;

/**
 * The latest laboratory values before a line's start, in the units of {@code LabType}.
 *
 * @param estimatedGfr estimated glomerular filtration rate, mL/min/1.73 m²
 * @param bilirubin    total bilirubin, mg/dL
 * @param alt          alanine aminotransferase, U/L
 * @param anc          absolute neutrophil count, 10⁹/L
 * @param haemoglobin  haemoglobin, g/dL
 */
public record LabPanel(double estimatedGfr, double bilirubin, double alt, double anc, double haemoglobin) {

    /** Bilirubin above 1.5 mg/dL or ALT above 100 U/L (≈ 2.5 × ULN): impaired hepatic clearance. */
    public boolean hepaticImpairment() {
        return bilirubin > 1.5 || alt > 100;
    }
}
