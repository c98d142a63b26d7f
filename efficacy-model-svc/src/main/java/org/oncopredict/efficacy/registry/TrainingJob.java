package org.oncopredict.efficacy.registry;

import java.time.Instant;
import java.util.UUID;

/**
 * A training job as stored.
 *
 * @param stage        what the job is doing now (free text from the trainer), or null before it started
 * @param percent      progress 0..100, never decreasing
 * @param message      a short human-readable status
 * @param requestedBy  pseudonymous id of the requesting user
 * @param modelVersion the version it registered, when SUCCEEDED
 * @param error        why it failed, when FAILED
 * @param kind         "TRAIN" or "RECALIBRATE" (from the stored request)
 * @param cancelRequested whether cancellation was asked for (a running job stops at its next check)
 */
public record TrainingJob(UUID id, JobState state, String stage, int percent, String message, String requestedBy,
                          Instant createdAt, Instant startedAt, Instant finishedAt, Long modelVersion, String error,
                          String kind, boolean cancelRequested) {
}
