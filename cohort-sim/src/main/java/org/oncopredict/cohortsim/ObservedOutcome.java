package org.oncopredict.cohortsim;

import org.oncopredict.proto.profile.v1.RecistResponse;
import org.oncopredict.proto.profile.v1.ReasonStopped;

/**
 * What the profile records about one line at the last contact: the drawn outcome after
 * administrative censoring (at {@code asOf}) and loss to follow-up. Times are exact, in months from
 * the line's start (profile dates are these times rounded to whole days).
 *
 * @param bestResponse           as recorded: CR/PR for responders, SD/PD otherwise, NOT_EVALUABLE
 *                               after death before the first assessment (1.5 months), UNSPECIFIED
 *                               while not yet assessed
 * @param pfsMonths              time to the PFS event, or to censoring
 * @param pfsEvent               progression or death observed (false: censored)
 * @param osMonths               time to death, or to censoring (the last contact)
 * @param osEvent                death observed
 * @param worstToxicityGrade     CTCAE grade 0–4 (3–4 for an observed severe toxicity)
 * @param immuneRelatedToxicity  the worst toxicity was immune-related
 * @param reasonStopped          why the line ended; ONGOING when it had not ended at the last contact
 */
public record ObservedOutcome(
        RecistResponse bestResponse,
        double pfsMonths,
        boolean pfsEvent,
        double osMonths,
        boolean osEvent,
        int worstToxicityGrade,
        boolean immuneRelatedToxicity,
        ReasonStopped reasonStopped) {
}
