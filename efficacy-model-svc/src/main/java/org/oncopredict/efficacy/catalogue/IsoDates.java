package org.oncopredict.efficacy.catalogue;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The one parser of the profile's ISO-8601 date strings in this service. */
public final class IsoDates {

    private IsoDates() {
    }

    /** An ISO-8601 date; empty for blank or unparseable text (an undated record counts as not dated). */
    public static Optional<LocalDate> date(String iso) {
        if (iso == null || iso.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(iso.trim()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
