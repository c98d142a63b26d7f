package org.oncopredict.efficacy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.oncopredict.efficacy.registry.ModelRegistry;
import org.oncopredict.efficacy.registry.TrainingJobs;

/**
 * Reports the active model version in {@code /q/health}. Always UP: without an active model the service
 * still answers (catalogue, registry, training), and predictions say so with FAILED_PRECONDITION.
 */
@Readiness
@ApplicationScoped
public class ModelHealth implements HealthCheck {

    @Inject
    ModelRegistry registry;
    @Inject
    TrainingJobs jobs;

    @Override
    public HealthCheckResponse call() {
        var active = registry.active();
        var builder = HealthCheckResponse.named("active-model").up()
                .withData("active_model_version", active.map(v -> Long.toString(v.version())).orElse("none"));
        // The latest training job, so that an operator (and ./platform up) sees why no model is active.
        jobs.recent(1).stream().findFirst().ifPresent(job -> builder
                .withData("last_training_job_state", job.state().name())
                .withData("last_training_job_message", job.error() != null ? job.error()
                        : job.message() == null ? "" : job.message()));
        return builder.build();
    }
}
