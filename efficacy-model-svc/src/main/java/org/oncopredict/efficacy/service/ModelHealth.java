package org.oncopredict.efficacy.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.oncopredict.efficacy.registry.ModelRegistry;

/**
 * Reports the active model version in {@code /q/health}. Always UP: without an active model the service
 * still answers (catalogue, registry, training), and predictions say so with FAILED_PRECONDITION.
 */
@Readiness
@ApplicationScoped
public class ModelHealth implements HealthCheck {

    @Inject
    ModelRegistry registry;

    @Override
    public HealthCheckResponse call() {
        var active = registry.active();
        return HealthCheckResponse.named("active-model").up()
                .withData("active_model_version", active.map(v -> Long.toString(v.version())).orElse("none"))
                .build();
    }
}
