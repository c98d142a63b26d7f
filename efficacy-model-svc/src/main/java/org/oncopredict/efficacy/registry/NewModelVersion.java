package org.oncopredict.efficacy.registry;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model version to register. Validated on construction: every invalid field throws an
 * IllegalArgumentException whose message starts with the field name.
 *
 * @param kind              how it was made, an upper-case token: {@code TRAINED}, {@code RECALIBRATED}, …
 * @param parentVersion     the version it derives from (required for {@code RECALIBRATED}), or null
 * @param createdBy         pseudonymous id of the user who requested it
 * @param featureSchema     id/version of the feature encoder schema the model expects
 * @param learner           the learner, e.g. {@code logistic-sgd}, {@code xgboost}
 * @param trainerConfigJson trainer configuration, a JSON object
 * @param provenanceJson    Tribuo provenance and data lineage, a JSON object
 * @param cohortHash        SHA-256 (lower-case hex) of the training cohort's pseudonymous ids
 * @param cohortSize        number of patients in the training cohort, positive
 * @param metricsJson       evaluation results, a JSON object
 * @param modelCardJson     model card, a JSON object
 * @param quality           held-out figures for the quality gate
 * @param artifact          the serialised model (Tribuo protobuf bytes), not empty; copied in and out
 */
public record NewModelVersion(String kind, Long parentVersion, String createdBy, String featureSchema, String learner,
                              String trainerConfigJson, String provenanceJson, String cohortHash, int cohortSize,
                              String metricsJson, String modelCardJson, QualityFigures quality, byte[] artifact) {

    /** Kind assigned to versions produced by recalibrating another version on site data. */
    public static final String RECALIBRATED = "RECALIBRATED";
    public static final String TRAINED = "TRAINED";

    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public NewModelVersion {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be an upper-case token such as TRAINED or RECALIBRATED");
        }
        if (parentVersion != null && parentVersion < 1) {
            throw new IllegalArgumentException("parentVersion must be a positive version number");
        }
        if (RECALIBRATED.equals(kind) && parentVersion == null) {
            throw new IllegalArgumentException("parentVersion is required for kind RECALIBRATED");
        }
        Checks.name("createdBy", createdBy);
        Checks.name("featureSchema", featureSchema);
        Checks.name("learner", learner);
        Json.requireObject("trainerConfigJson", trainerConfigJson);
        Json.requireObject("provenanceJson", provenanceJson);
        if (cohortHash == null || !SHA256_HEX.matcher(cohortHash).matches()) {
            throw new IllegalArgumentException("cohortHash must be a SHA-256 digest in 64 lower-case hex digits");
        }
        if (cohortSize <= 0) {
            throw new IllegalArgumentException("cohortSize must be positive");
        }
        Json.requireObject("metricsJson", metricsJson);
        Json.requireObject("modelCardJson", modelCardJson);
        if (quality == null) {
            throw new IllegalArgumentException("quality must not be null (use QualityFigures.none())");
        }
        if (artifact == null || artifact.length == 0) {
            throw new IllegalArgumentException("artifact must not be empty");
        }
        artifact = artifact.clone();
    }

    /** A copy of the serialised model. */
    @Override
    public byte[] artifact() {
        return artifact.clone();
    }

    /** The bytes without a copy, for writing them to the database. */
    byte[] artifactBytes() {
        return artifact;
    }

    // Records compare arrays by identity; a value type should compare the bytes.
    @Override
    public boolean equals(Object o) {
        return o instanceof NewModelVersion n && Objects.equals(kind, n.kind) && Objects.equals(parentVersion, n.parentVersion)
                && createdBy.equals(n.createdBy) && featureSchema.equals(n.featureSchema) && learner.equals(n.learner)
                && trainerConfigJson.equals(n.trainerConfigJson) && provenanceJson.equals(n.provenanceJson)
                && cohortHash.equals(n.cohortHash) && cohortSize == n.cohortSize && metricsJson.equals(n.metricsJson)
                && modelCardJson.equals(n.modelCardJson) && quality.equals(n.quality) && Arrays.equals(artifact, n.artifact);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, parentVersion, createdBy, featureSchema, learner, trainerConfigJson, provenanceJson,
                cohortHash, cohortSize, metricsJson, modelCardJson, quality) * 31 + Arrays.hashCode(artifact);
    }

    @Override
    public String toString() {
        return "NewModelVersion[kind=" + kind + ", parentVersion=" + parentVersion + ", createdBy=" + createdBy
                + ", featureSchema=" + featureSchema + ", learner=" + learner + ", cohortHash=" + cohortHash
                + ", cohortSize=" + cohortSize + ", quality=" + quality + ", artifact=" + artifact.length + " bytes]";
    }
}
