package org.oncopredict.efficacy.training;

import java.util.Objects;

import org.oncopredict.efficacy.features.FeatureVector;
import org.oncopredict.proto.profile.v1.CancerType;

/**
 * One training row: a therapy line with the patient as of the line's start and what happened after it.
 *
 * @param patientKey     pseudonymous key of the patient (splits and bootstraps keep a patient's lines together)
 * @param lineNumber     1 for first line, …
 * @param regimenId      catalogue regimen id
 * @param cancerType     the patient's cancer type
 * @param features       the profile encoded as of the line's start (no look-ahead)
 * @param response       objective response (CR/PR) — null when not yet assessed
 * @param severeToxicity CTCAE grade ≥ 3 adverse event — null when the grade is not recorded
 * @param pfsMonths      months from the start to progression, death or censoring (&gt; 0)
 * @param pfsEvent       progression or death observed
 * @param osMonths       months from the start to death or last contact (&gt; 0)
 * @param osEvent        death observed
 */
public record LineOutcome(String patientKey, int lineNumber, String regimenId, CancerType cancerType,
                          FeatureVector features, Boolean response, Boolean severeToxicity,
                          double pfsMonths, boolean pfsEvent, double osMonths, boolean osEvent) {

    public LineOutcome {
        Objects.requireNonNull(patientKey, "patientKey");
        Objects.requireNonNull(regimenId, "regimenId");
        Objects.requireNonNull(cancerType, "cancerType");
        Objects.requireNonNull(features, "features");
        if (!(pfsMonths > 0) || !(osMonths > 0)) {
            throw new IllegalArgumentException("follow-up must be positive, got PFS " + pfsMonths + " and OS "
                    + osMonths + " months");
        }
    }
}
