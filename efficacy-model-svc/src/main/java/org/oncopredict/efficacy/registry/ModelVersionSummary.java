package org.oncopredict.efficacy.registry;

import java.time.Instant;

/**
 * A registered model version without its artifact and large JSON documents (read those through
 * {@link ModelRegistry#artifact}, {@link ModelRegistry#metrics}, …).
 *
 * @param activatedAt last time it became active, or null if never
 * @param retiredAt   when it was last retired; null while CANDIDATE or ACTIVE
 */
public record ModelVersionSummary(long version, ModelState state, String kind, Long parentVersion, Instant createdAt,
                                  String createdBy, String featureSchema, String learner, String cohortHash,
                                  int cohortSize, QualityFigures quality, String artifactSha256, Instant activatedAt,
                                  Instant retiredAt) {
}
