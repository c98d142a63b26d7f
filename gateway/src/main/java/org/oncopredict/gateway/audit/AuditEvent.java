package org.oncopredict.gateway.audit;

import java.time.Instant;

/**
 * One audit record: who (pseudonymous subject, login name, roles), what (action), on which patient (pseudonym only)
 * and model version, the trace id of the request, when, with which outcome; chained to the previous record by
 * {@code prevHash} and sealed by {@code hash}.
 */
public record AuditEvent(long id, Instant occurredAt, String actorSubject, String actorUsername, String actorRole,
                         String action, String patient, Long modelVersion, String traceId, Outcome outcome,
                         String detail, String prevHash, String hash) {

    public enum Outcome {
        SUCCESS,
        /** Refused by access control (403). */
        DENIED,
        /** Attempted and failed (e.g. a service was unavailable). */
        FAILED
    }
}
