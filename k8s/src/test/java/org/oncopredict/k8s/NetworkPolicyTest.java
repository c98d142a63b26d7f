package org.oncopredict.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.Set;

/** The NetworkPolicies, evaluated: who may open which port of whom. */
class NetworkPolicyTest {

    private static final Set<String> SERVICES = Set.of("gateway", "patient-profile-svc", "efficacy-model-svc");

    /**
     * The design, as target workload → source (a workload's name, or "ingress-nginx" for the ingress controller) →
     * container port names. Every other source (other pods here, pods of other namespaces) gets nothing.
     */
    static final Map<String, Map<String, Set<String>>> EXPECTED = Map.of(
            "gateway", Map.of("ingress-nginx", Set.of("http")),
            "patient-profile-svc", Map.of("gateway", Set.of("grpc"), "efficacy-model-svc", Set.of("grpc")),
            "efficacy-model-svc", Map.of("gateway", Set.of("grpc")),
            "otel-collector", from(SERVICES, Set.of("otlp-grpc", "otlp-http")),
            "postgres", from(SERVICES, Set.of("postgres")),
            "keycloak", from(SERVICES, Set.of("http")));

    private static Map<String, Set<String>> from(Set<String> sources, Set<String> ports) {
        return sources.stream().collect(java.util.stream.Collectors.toMap(s -> s, s -> ports));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void trafficIsAdmittedExactlyAsDesigned(Overlay overlay) {
        Checks.networkPolicies(Rendered.of(overlay), EXPECTED);
    }
}
