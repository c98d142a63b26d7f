package org.oncopredict.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Services, Ingress and the addresses the services are configured with. */
class WiringTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void servicesSelectPodsAndTargetDeclaredPorts(Overlay overlay) {
        Checks.services(Rendered.of(overlay));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void ingressRoutesToTheGatewayOnly(Overlay overlay) {
        Checks.ingress(Rendered.of(overlay));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void configuredAddressesReachTheRightPorts(Overlay overlay) {
        Checks.wiring(Rendered.of(overlay));
    }
}
