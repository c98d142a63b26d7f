package org.oncopredict.efficacy.catalogue;

import java.util.Objects;

/**
 * The interpretation of one biomarker for one patient as of a date.
 *
 * @param biomarker the predicate
 * @param status    positive, negative or unknown
 * @param evidence  the data behind the status, for reasons, e.g. "EGFR p.L858R (pathogenic), report 2025-01-10"
 */
public record BiomarkerFinding(Biomarker biomarker, BiomarkerStatus status, String evidence) {

    public BiomarkerFinding {
        Objects.requireNonNull(biomarker, "biomarker");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evidence, "evidence");
    }
}
