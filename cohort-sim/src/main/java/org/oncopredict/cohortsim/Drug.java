package org.oncopredict.cohortsim;

/**
 * The drugs that make up the simulator's regimens, each with the pharmacological class that the
 * ground-truth model and the treatment policy reason about (e.g. "contains a platinum", "contains a
 * PD-1 inhibitor", "prior therapy with the same targeted class").
 */
public enum Drug {
    CARBOPLATIN(DrugClass.PLATINUM),
    CISPLATIN(DrugClass.PLATINUM),
    OXALIPLATIN(DrugClass.PLATINUM),
    PEMETREXED(DrugClass.ANTIFOLATE),
    DOCETAXEL(DrugClass.TAXANE),
    PACLITAXEL(DrugClass.TAXANE),
    FLUOROURACIL(DrugClass.FLUOROPYRIMIDINE),
    CAPECITABINE(DrugClass.FLUOROPYRIMIDINE),
    IRINOTECAN(DrugClass.TOPOISOMERASE_INHIBITOR),
    PEMBROLIZUMAB(DrugClass.PD1_INHIBITOR),
    OSIMERTINIB(DrugClass.EGFR_TKI),
    GEFITINIB(DrugClass.EGFR_TKI),
    ALECTINIB(DrugClass.ALK_TKI),
    CRIZOTINIB(DrugClass.ALK_TKI),
    SOTORASIB(DrugClass.KRAS_G12C_INHIBITOR),
    ENCORAFENIB(DrugClass.BRAF_INHIBITOR),
    CETUXIMAB(DrugClass.ANTI_EGFR_ANTIBODY),
    BEVACIZUMAB(DrugClass.ANTI_VEGF_ANTIBODY),
    TRASTUZUMAB(DrugClass.ANTI_HER2_ANTIBODY),
    PERTUZUMAB(DrugClass.ANTI_HER2_ANTIBODY),
    TRASTUZUMAB_DERUXTECAN(DrugClass.ANTI_HER2_ADC),
    TRASTUZUMAB_EMTANSINE(DrugClass.ANTI_HER2_ADC),
    PALBOCICLIB(DrugClass.CDK46_INHIBITOR),
    LETROZOLE(DrugClass.AROMATASE_INHIBITOR);

    private final DrugClass drugClass;

    Drug(DrugClass drugClass) {
        this.drugClass = drugClass;
    }

    public DrugClass drugClass() {
        return drugClass;
    }

    /** Pharmacological classes. */
    public enum DrugClass {
        PLATINUM(true),
        ANTIFOLATE(true),
        TAXANE(true),
        FLUOROPYRIMIDINE(true),
        TOPOISOMERASE_INHIBITOR(true),
        PD1_INHIBITOR(false),
        EGFR_TKI(false),
        ALK_TKI(false),
        KRAS_G12C_INHIBITOR(false),
        BRAF_INHIBITOR(false),
        ANTI_EGFR_ANTIBODY(false),
        ANTI_VEGF_ANTIBODY(false),
        ANTI_HER2_ANTIBODY(false),
        ANTI_HER2_ADC(false),
        CDK46_INHIBITOR(false),
        AROMATASE_INHIBITOR(false);

        private final boolean cytotoxic;

        DrugClass(boolean cytotoxic) {
            this.cytotoxic = cytotoxic;
        }

        /** Classic cytotoxic chemotherapy (myelosuppressive); antibody-drug conjugates are not counted. */
        public boolean cytotoxic() {
            return cytotoxic;
        }
    }
}
