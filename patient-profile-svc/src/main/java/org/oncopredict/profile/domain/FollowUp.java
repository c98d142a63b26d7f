package org.oncopredict.profile.domain;

import jakarta.validation.constraints.PastOrPresent;

import java.time.LocalDate;

/** Vital status and last contact: the censoring information for survival outcomes. */
public record FollowUp(
        @PastOrPresent LocalDate lastContactDate,
        boolean deceased,
        @PastOrPresent LocalDate deathDate) {

    public static FollowUp empty() {
        return new FollowUp(null, false, null);
    }
}
