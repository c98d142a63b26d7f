package org.oncopredict.profile.domain;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;

import java.time.LocalDate;

/** ECOG performance status 0 (fully active) .. 4 (completely disabled), dated. */
public record EcogAssessment(
        @NotNull @PastOrPresent LocalDate date,
        @NotNull @Min(0) @Max(4) Integer score) {
}
