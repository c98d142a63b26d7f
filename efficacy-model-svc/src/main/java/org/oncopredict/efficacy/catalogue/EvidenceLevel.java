package org.oncopredict.efficacy.catalogue;

import java.util.Arrays;
import java.util.Optional;

/**
 * Strength of the evidence behind an indication, on a scale modelled on ESMO's ESCAT (Mateo et al.,
 * Ann Oncol 2018). ESCAT grades the match between a genomic alteration and a drug; the catalogue
 * applies the same definitions to every indication, including those defined by a non-genomic
 * biomarker (PD-L1, HER2, hormone receptors) or by no biomarker at all, where the tier grades the
 * regimen's evidence in that tumour type and line. Tier I means ready for routine use.
 */
public enum EvidenceLevel {
    /** Prospective randomised trial(s) in this tumour type show a clinically meaningful survival (PFS/OS) benefit. */
    I_A("I-A"),
    /** Prospective non-randomised trial(s) in this tumour type show clinically meaningful benefit (e.g. durable responses). */
    I_B("I-B"),
    /** Clinical benefit in basket trials across tumour types, with similar benefit in this one. */
    I_C("I-C"),
    /** Investigational: retrospective data in this tumour type suggest benefit. */
    II_A("II-A"),
    /** Investigational: prospective data show antitumour activity but no survival benefit yet. */
    II_B("II-B"),
    /** Hypothetical: benefit shown in another tumour type only. */
    III_A("III-A"),
    /** Hypothetical: benefit shown for a similar (not the same) biomarker or drug. */
    III_B("III-B"),
    /** Preclinical evidence only. */
    IV_A("IV-A"),
    /** Resistance: the biomarker predicts lack of benefit. */
    R("R");

    private final String code;

    EvidenceLevel(String code) {
        this.code = code;
    }

    /** The catalogue code, e.g. {@code "I-A"}. */
    public String code() {
        return code;
    }

    /** True for tier I (I-A, I-B, I-C): evidence sufficient for routine use. */
    public boolean isRoutineUse() {
        return this == I_A || this == I_B || this == I_C;
    }

    public static Optional<EvidenceLevel> fromCode(String code) {
        return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }
}
