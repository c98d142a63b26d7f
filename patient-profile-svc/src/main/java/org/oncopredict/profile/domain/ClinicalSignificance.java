package org.oncopredict.profile.domain;

/** ACMG/AMP-style clinical significance of a somatic variant. */
public enum ClinicalSignificance {
    PATHOGENIC, LIKELY_PATHOGENIC, UNCERTAIN, LIKELY_BENIGN, BENIGN;

    /** Pathogenic or likely pathogenic: counts as a finding in biomarker filters. */
    public boolean isActionableClass() {
        return this == PATHOGENIC || this == LIKELY_PATHOGENIC;
    }
}
