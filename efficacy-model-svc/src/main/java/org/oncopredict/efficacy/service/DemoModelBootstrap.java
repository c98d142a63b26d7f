package org.oncopredict.efficacy.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.oncopredict.efficacy.registry.ModelRegistry;
import org.oncopredict.proto.efficacy.v1.CohortSource;
import org.oncopredict.proto.efficacy.v1.TrainRequest;

/**
 * For the local demo platform only ({@code oncopredict.bootstrap.train-if-no-model=true}, off by default):
 * when the registry holds no model at start-up, train one on the profile service's cohort and activate it
 * if it passes the quality gate, as a normal training job.
 */
@ApplicationScoped
public class DemoModelBootstrap {

    private static final Logger LOG = Logger.getLogger(DemoModelBootstrap.class);

    @ConfigProperty(name = "oncopredict.bootstrap.train-if-no-model", defaultValue = "false")
    boolean enabled;

    @Inject
    ModelRegistry registry;
    @Inject
    TrainingService training;

    // After TrainingJobs fails the jobs a previous process left unfinished (default priority), or it would
    // fail this one too.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent event) {
        if (!enabled || !registry.list().isEmpty()) {
            return;
        }
        var job = training.train(TrainRequest.newBuilder().setCohort(CohortSource.getDefaultInstance())
                .setSeed(20260101).setActivateIfGatePasses(true).build(), "platform-bootstrap");
        LOG.infof("no model registered: demo training job %s started", job);
    }
}
