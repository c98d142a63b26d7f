package org.oncopredict.efficacy.catalogue;

/**
 * Pharmacological drug classes of the regimen catalogue. Contraindication rules select regimens by
 * class (e.g. every regimen containing a {@link #PLATINUM_CISPLATIN}), so a new regimen inherits the
 * right rules from its drugs alone.
 *
 * <p>Platinum agents are split by drug because their toxicity profiles differ (cisplatin is the
 * nephrotoxic one). {@link #isCytotoxic()} marks classic myelosuppressive chemotherapy; antibody-drug
 * conjugates are not counted, in line with cohort-sim's definition.
 */
public enum DrugClass {
    PLATINUM_CISPLATIN(true),
    PLATINUM_CARBOPLATIN(true),
    PLATINUM_OXALIPLATIN(true),
    ANTIFOLATE(true),
    TAXANE(true),
    FLUOROPYRIMIDINE(true),
    TOPOISOMERASE_I_INHIBITOR(true),
    /** Leucovorin (folinic acid): modulates 5-FU, not itself an anticancer agent. */
    FOLINIC_ACID(false),
    PD1_INHIBITOR(false),
    EGFR_TKI(false),
    ALK_TKI(false),
    KRAS_G12C_INHIBITOR(false),
    BRAF_INHIBITOR(false),
    ANTI_EGFR_ANTIBODY(false),
    ANTI_VEGF(false),
    ANTI_HER2(false),
    ANTI_HER2_ADC(false),
    CDK46_INHIBITOR(false),
    AROMATASE_INHIBITOR(false);

    private final boolean cytotoxic;

    DrugClass(boolean cytotoxic) {
        this.cytotoxic = cytotoxic;
    }

    /** Classic cytotoxic (myelosuppressive) chemotherapy. */
    public boolean isCytotoxic() {
        return cytotoxic;
    }
}
