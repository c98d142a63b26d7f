package org.oncopredict.profile.domain;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Somatic sequence variant: HGNC gene, HGVS changes, variant allele fraction (0..1). */
public record Variant(
        @NotBlank @Pattern(regexp = Codes.GENE, message = "must be an HGNC gene symbol such as EGFR") String gene,
        @Pattern(regexp = Codes.HGVS_C, message = "must be an HGVS coding change such as c.2573T>G") String hgvsC,
        @Pattern(regexp = Codes.HGVS_P, message = "must be an HGVS protein change such as p.L858R") String hgvsP,
        @DecimalMin("0") @DecimalMax("1") Double vaf,
        ClinicalSignificance clinicalSignificance) {
}
