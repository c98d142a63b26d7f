package org.oncopredict.efficacy.service;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.oncopredict.efficacy.model.ModelArtifact;
import org.oncopredict.efficacy.model.OutcomeModel;
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

    private final Map<Long, OutcomeModel> models = new ConcurrentHashMap<>();

    @Inject
    ModelRegistry registry;

    /** The requested version, or the active one when absent. */
    public Loaded load(OptionalLong version) {
        ModelVersionSummary summary;
        if (version.isPresent()) {
            summary = registry.find(version.getAsLong()).orElseThrow(() ->
                    EfficacyException.notFound("model version " + version.getAsLong() + " does not exist"));
        } else {
            summary = registry.active().orElseThrow(() -> EfficacyException.precondition(
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
}
