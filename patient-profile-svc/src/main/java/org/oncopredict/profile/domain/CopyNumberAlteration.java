package org.oncopredict.profile.domain;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

public record CopyNumberAlteration(
        @NotBlank @Pattern(regexp = Codes.GENE, message = "must be an HGNC gene symbol such as ERBB2") String gene,
        @NotNull CopyNumberType type,
        @DecimalMin("0") Double copyNumber) {
}
