package org.oncopredict.profile.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A coded comorbidity (ICD-10). */
public record Comorbidity(
        @NotBlank @Pattern(regexp = Codes.ICD10, message = "must be an ICD-10 code such as N18.3") String code,
        @Size(max = 200) String display) {
}
