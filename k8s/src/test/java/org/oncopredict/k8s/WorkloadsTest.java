package org.oncopredict.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Deployments (and dev's StatefulSet) against the services' own configuration. */
class WorkloadsTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void oneDeploymentPerService(Overlay overlay) {
        Checks.serviceDeployments(Rendered.of(overlay));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void probesHitQuarkusHealthOnTheConfiguredHttpPort(Overlay overlay) {
        Checks.probes(Rendered.of(overlay));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void containerPortsAreTheConfiguredHttpAndGrpcPorts(Overlay overlay) {
        Checks.containerPorts(Rendered.of(overlay));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyContainerHasRequestsAndLimits(Overlay overlay) {
        Checks.resources(Rendered.of(overlay));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void podsAreLockedDown(Overlay overlay) {
        Checks.security(Rendered.of(overlay));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void imagesAreTheOnesJibBuilds(Overlay overlay) {
        Checks.images(Rendered.of(overlay));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void environmentMatchesApplicationProperties(Overlay overlay) {
        Checks.environment(Rendered.of(overlay));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void metricsAnnotationsOnlyWhereMetricsExist(Overlay overlay) {
        Checks.metricsAnnotations(Rendered.of(overlay));
    }
}
