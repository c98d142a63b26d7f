package org.oncopredict.profile.domain;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Positive;

import java.time.LocalDate;

/** A dated laboratory value in the unit fixed by its {@link LabType}. */
public record LabResult(
        @NotNull @PastOrPresent LocalDate date,
        @NotNull LabType type,
        @NotNull @Positive Double value) {
}
