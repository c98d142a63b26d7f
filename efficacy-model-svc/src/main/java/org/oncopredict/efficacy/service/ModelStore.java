package org.oncopredict.efficacy.service;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.oncopredict.efficacy.model.ModelArtifact;
import org.oncopredict.efficacy.model.OutcomeModel;
import org.oncopredict.efficacy.registry.ActiveModelChanged;
import org.oncopredict.efficacy.registry.ModelRegistry;
import org.oncopredict.efficacy.registry.ModelVersionSummary;
import org.oncopredict.efficacy.registry.RegistryException;

/**
 * Registered models, deserialised once per version and kept: versions are immutable, so a cached model
 * never goes stale; only which version is active changes, and that is read from the registry per call.
 */
@ApplicationScoped
public class ModelStore {

    /** A model with its registry entry. */
    public record Loaded(ModelVersionSummary version, OutcomeModel model) {
    }

    /** How long the active version read from the registry is reused: one query per call cost ~half the latency. */
    static final long ACTIVE_TTL_NANOS = 2_000_000_000L;

    private final Map<Long, OutcomeModel> models = new ConcurrentHashMap<>();
    private volatile ActiveRead activeRead;

    private record ActiveRead(java.util.Optional<ModelVersionSummary> version, long readAt) {
    }

    @Inject
    ModelRegistry registry;
    @Inject
    MeterRegistry meters;

    /** Gauge {@code oncopredict.model.active.version}: the active model version (0 = none, NaN = registry unreadable). */
    void registerGauge(@Observes StartupEvent event) {
        Gauge.builder("oncopredict.model.active.version", this, ModelStore::activeVersionMetric)
                .description("The active model version (0: none)").strongReference(true).register(meters);
    }

    double activeVersionMetric() {
        try {
            return active().map(v -> (double) v.version()).orElse(0.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The requested version, or the active one when absent. */
    public Loaded load(OptionalLong version) {
        ModelVersionSummary summary;
        if (version.isPresent()) {
            summary = registry.find(version.getAsLong()).orElseThrow(() ->
                    EfficacyException.notFound("model version " + version.getAsLong() + " does not exist"));
        } else {
            summary = active().orElseThrow(() -> EfficacyException.precondition(
                    "no model is active: train a model (Train) and activate it (ActivateModel) first"));
        }
        OutcomeModel model = models.computeIfAbsent(summary.version(), v -> {
            try {
                return ModelArtifact.deserialize(registry.artifact(v));
            } catch (RegistryException e) {
                throw EfficacyException.notFound("model version " + v + " has no artifact");
            }
        });
        return new Loaded(summary, model);
    }

    /**
     * The active version, re-read from the registry at most every {@link #ACTIVE_TTL_NANOS}: this instance's own
     * activations and rollbacks take effect at once ({@link ActiveModelChanged}), other instances' within two seconds.
     */
    /** Forgets the cached active version when this instance's registry activates or rolls back. */
    void onActiveChanged(@Observes ActiveModelChanged change) {
        activeRead = null;
    }

    java.util.Optional<ModelVersionSummary> active() {
        ActiveRead read = activeRead;
        long now = System.nanoTime();
        if (read == null || now - read.readAt() > ACTIVE_TTL_NANOS) {
            read = new ActiveRead(registry.active(), now);
            activeRead = read;
        }
        return read.version();
    }
}
