package org.oncopredict.profile.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

import java.time.LocalDate;
import java.util.List;

/** Tumour genomics and biomarkers from one molecular report. */
public record Genomics(
        List<@NotNull @Valid Variant> variants,
        List<@NotNull @Valid CopyNumberAlteration> copyNumberAlterations,
        List<@NotNull @Valid Fusion> fusions,
        /* mutations per megabase */
        @DecimalMin("0") @DecimalMax("1000") Double tmbMutPerMb,
        MsiStatus msiStatus,
        @DecimalMin("0") @DecimalMax("100") Double pdl1TpsPercent,
        @DecimalMin("0") @DecimalMax("100") Double pdl1Cps,
        Her2Ihc her2Ihc,
        IshResult her2Ish,
        @DecimalMin("0") @DecimalMax("100") Double erPercent,
        @DecimalMin("0") @DecimalMax("100") Double prPercent,
        SpecimenType specimenType,
        @PastOrPresent LocalDate reportDate) {

    public Genomics {
        variants = variants == null ? List.of() : List.copyOf(variants);
        copyNumberAlterations = copyNumberAlterations == null ? List.of() : List.copyOf(copyNumberAlterations);
        fusions = fusions == null ? List.of() : List.copyOf(fusions);
    }

    public static Genomics empty() {
        return new Genomics(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
