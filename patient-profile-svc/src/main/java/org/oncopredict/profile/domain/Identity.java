package org.oncopredict.profile.domain;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** Direct identifiers (PHI): never logged, removed by de-identification. */
public record Identity(
        @NotBlank @Pattern(regexp = Codes.MRN, message = "must be 3-32 letters, digits or hyphens") String mrn,
        @NotBlank @Size(max = 100) String givenName,
        @NotBlank @Size(max = 100) String familyName,
        @NotNull @Past LocalDate birthDate) {

    @Override
    public String toString() {
        return "Identity[redacted]"; // never let PHI reach a log line by accident
    }
}
