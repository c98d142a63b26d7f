package org.oncopredict.efficacy.catalogue;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a patient can receive a regimen as of a date, and why. Ineligible regimens are reported
 * like eligible ones, with their reasons; callers must show them marked, never drop them.
 *
 * @param regimen        the regimen evaluated
 * @param asOf           the evaluation date (no data after it was used)
 * @param lineOfTherapy  the line the regimen would be given in (1 + the last line started before {@code asOf})
 * @param status         overall status, from the most severe reason
 * @param indication     the indication that was met, if any
 * @param reasons        every reason, most severe first (stable order within a severity)
 */
public record Eligibility(
        Regimen regimen,
        LocalDate asOf,
        int lineOfTherapy,
        EligibilityStatus status,
        Optional<Indication> indication,
        List<EligibilityReason> reasons) {

    public Eligibility {
        Objects.requireNonNull(regimen, "regimen");
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(indication, "indication");
        reasons = List.copyOf(reasons);
    }

    /** Eligible, with or without cautions. */
    public boolean isEligible() {
        return status.isEligible();
    }

    /** The reasons of exactly this severity. */
    public List<EligibilityReason> reasons(Severity severity) {
        return reasons.stream().filter(r -> r.severity() == severity).toList();
    }
}
