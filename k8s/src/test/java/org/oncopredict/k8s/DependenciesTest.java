package org.oncopredict.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PostgreSQL and Keycloak (in-cluster in dev, external in prod) and the OpenTelemetry Collector. */
class DependenciesTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void postgresAndKeycloakInClusterOnlyInDev(Overlay overlay) {
        Checks.dependencies(Rendered.of(overlay));
    }

    @Test
    void devDatabaseHasOneRolePerServiceWithTheServicesPassword() {
        Checks.devDatabaseRoles(Rendered.of(Overlay.DEV));
    }

    @Test
    void devRealmHasTheServiceAccountClient() {
        Checks.devRealmClients(Rendered.of(Overlay.DEV));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void openTelemetryCollectorIsConsistent(Overlay overlay) {
        Checks.collector(Rendered.of(overlay));
    }
}
