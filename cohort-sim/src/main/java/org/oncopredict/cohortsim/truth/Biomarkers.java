package org.oncopredict.cohortsim.truth;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Tumour biomarkers known at a line's start (from a molecular report dated on or before it).
 * Absent markers are {@code false}; a test that was not done is an empty optional or
 * {@link Her2Status#NOT_TESTED}.
 *
 * @param egfrSensitising         pathogenic EGFR variant (exon 19 deletion, L858R)
 * @param alkFusion               fusion with ALK as 3' partner (e.g. EML4::ALK)
 * @param krasG12c                KRAS p.G12C
 * @param krasMutant              any pathogenic KRAS variant (includes G12C)
 * @param nrasMutant              any pathogenic NRAS variant
 * @param brafV600e               BRAF p.V600E
 * @param msiHigh                 microsatellite instability high
 * @param tmbMutPerMb             tumour mutational burden, mutations/Mb
 * @param pdl1TpsPercent          PD-L1 tumour proportion score, %
 * @param her2                    HER2 status
 * @param hormoneReceptorPositive ER ≥ 1 % or PR ≥ 1 %
 */
public record Biomarkers(
        boolean egfrSensitising,
        boolean alkFusion,
        boolean krasG12c,
        boolean krasMutant,
        boolean nrasMutant,
        boolean brafV600e,
        boolean msiHigh,
        OptionalDouble tmbMutPerMb,
        OptionalDouble pdl1TpsPercent,
        Her2Status her2,
        boolean hormoneReceptorPositive) {

    /** TMB-high threshold (mut/Mb), as in the CohortFilter "TMB-H" expression. */
    public static final double TMB_HIGH = 10;

    public Biomarkers {
        Objects.requireNonNull(tmbMutPerMb, "tmbMutPerMb");
        Objects.requireNonNull(pdl1TpsPercent, "pdl1TpsPercent");
        Objects.requireNonNull(her2, "her2");
        if (krasG12c && !krasMutant) {
            throw new IllegalArgumentException("KRAS G12C implies krasMutant");
        }
    }

    /** KRAS or NRAS mutant: predicts no benefit from anti-EGFR antibodies in colorectal cancer. */
    public boolean rasMutant() {
        return krasMutant || nrasMutant;
    }

    /** A driver targeted by first-line TKIs in NSCLC (EGFR or ALK), which also predicts little checkpoint-inhibitor benefit. */
    public boolean egfrOrAlkDriver() {
        return egfrSensitising || alkFusion;
    }

    public boolean tmbHigh() {
        return tmbMutPerMb.isPresent() && tmbMutPerMb.getAsDouble() >= TMB_HIGH;
    }

    /** PD-L1 TPS ≥ 50 %. */
    public boolean pdl1High() {
        return pdl1TpsPercent.isPresent() && pdl1TpsPercent.getAsDouble() >= 50;
    }

    /** PD-L1 TPS 1–49 %. */
    public boolean pdl1Low() {
        return pdl1TpsPercent.isPresent() && pdl1TpsPercent.getAsDouble() >= 1 && pdl1TpsPercent.getAsDouble() < 50;
    }

    public boolean her2Positive() {
        return her2 == Her2Status.POSITIVE;
    }

    public boolean tripleNegative() {
        return !hormoneReceptorPositive && (her2 == Her2Status.ZERO || her2 == Her2Status.LOW);
    }
}
