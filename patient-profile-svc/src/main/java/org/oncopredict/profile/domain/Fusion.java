package org.oncopredict.profile.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Gene fusion, 5' partner then 3' partner (EML4::ALK). */
public record Fusion(
        @NotBlank @Pattern(regexp = Codes.GENE, message = "must be an HGNC gene symbol such as EML4") String gene5p,
        @NotBlank @Pattern(regexp = Codes.GENE, message = "must be an HGNC gene symbol such as ALK") String gene3p) {
}
