/**
 * The model registry and the training-job store, on PostgreSQL schema {@code efficacy} (plain JDBC).
 *
 * <ul>
 *   <li>{@link org.oncopredict.efficacy.registry.ModelRegistry} keeps every model version (Tribuo bytes,
 *       provenance, metrics, cohort hash, trainer config, model card) with the life cycle
 *       CANDIDATE → ACTIVE → RETIRED; activation only through the
 *       {@link org.oncopredict.efficacy.registry.QualityGate}, rollback to the previously active version,
 *       at most one ACTIVE version (enforced by a lock and by a partial unique index).</li>
 *   <li>{@link org.oncopredict.efficacy.registry.TrainingJobs} records asynchronous training jobs and their
 *       progress; jobs left unfinished by a crashed process are failed at start-up.</li>
 * </ul>
 *
 * <p>Failures a caller can act on are {@link org.oncopredict.efficacy.registry.RegistryException}s whose
 * {@link org.oncopredict.efficacy.registry.RegistryException.Reason} maps 1:1 to a gRPC status. Messages
 * name versions, job ids and pseudonymous actors only — never patient data.
 */
package org.oncopredict.efficacy.registry;
