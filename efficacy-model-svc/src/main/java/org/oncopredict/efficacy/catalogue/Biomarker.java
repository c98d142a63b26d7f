package org.oncopredict.efficacy.catalogue;

/**
 * Biomarker predicates that indications require or exclude. Each is interpreted from a profile by
 * {@link BiomarkerInterpreter}, which documents the exact definition; the catalogue names them by
 * constant (e.g. {@code "EGFR_ACTIVATING"}).
 */
public enum Biomarker {
    EGFR_ACTIVATING("EGFR activating mutation"),
    ALK_FUSION("ALK fusion"),
    KRAS_G12C("KRAS p.G12C"),
    BRAF_V600E("BRAF p.V600E"),
    RAS_WILD_TYPE("RAS (KRAS/NRAS) wild type"),
    MSI_H("MSI-high"),
    HER2_POSITIVE("HER2-positive"),
    HER2_NEGATIVE("HER2-negative"),
    HER2_LOW("HER2-low"),
    HR_POSITIVE("hormone-receptor positive"),
    PDL1_TPS_AT_LEAST_1("PD-L1 TPS ≥ 1%"),
    PDL1_TPS_AT_LEAST_50("PD-L1 TPS ≥ 50%"),
    SQUAMOUS_HISTOLOGY("squamous histology");

    private final String label;

    Biomarker(String label) {
        this.label = label;
    }

    /** Human-readable name for reasons, e.g. "EGFR activating mutation". */
    public String label() {
        return label;
    }
}
