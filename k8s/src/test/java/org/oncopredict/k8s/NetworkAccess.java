package org.oncopredict.k8s;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the NetworkPolicies of a render let in, evaluated the way the Kubernetes NetworkPolicy API defines it for
 * ingress: a pod no Ingress policy selects accepts everything; a selected pod accepts the union of what the rules of
 * the policies selecting it allow. Peers are pods described by their namespace's labels and their own labels.
 * ipBlock peers are not modelled (the manifests must not use them; {@link #ipBlocks} lists any).
 */
final class NetworkAccess {

    /** A source of traffic: a pod in a namespace. */
    record Peer(String description, String namespace, Map<String, String> namespaceLabels,
                Map<String, String> podLabels) {
    }

    /** The controller pods of ingress-nginx as its standard manifests (and the kind/minikube add-ons) label them. */
    static Peer ingressNginx() {
        return new Peer("the ingress-nginx controller", "ingress-nginx",
                Map.of("kubernetes.io/metadata.name", "ingress-nginx"),
                Map.of("app.kubernetes.io/name", "ingress-nginx", "app.kubernetes.io/component", "controller"));
    }

    /** Any other pod in any other namespace. */
    static Peer outsider() {
        return new Peer("a pod of another namespace", "elsewhere",
                Map.of("kubernetes.io/metadata.name", "elsewhere"), Map.of("app.kubernetes.io/name", "something"));
    }

    private final Rendered rendered;

    NetworkAccess(Rendered rendered) {
        this.rendered = rendered;
    }

    Peer peer(Rendered.Workload workload) {
        return new Peer(workload.kind() + " " + workload.name(), rendered.overlay.namespace, namespaceLabels(),
                workload.podLabels());
    }

    /** The namespace's labels as the API server has them (it adds kubernetes.io/metadata.name itself). */
    Map<String, String> namespaceLabels() {
        Map<String, String> labels = new HashMap<>();
        rendered.find(Namespace.class, rendered.overlay.namespace)
                .map(n -> n.getMetadata().getLabels()).ifPresent(labels::putAll);
        labels.put("kubernetes.io/metadata.name", rendered.overlay.namespace);
        return labels;
    }

    List<NetworkPolicy> selecting(Rendered.Workload target) {
        return rendered.all(NetworkPolicy.class).stream()
                .filter(p -> appliesToIngress(p) && matches(p.getSpec().getPodSelector(), target.podLabels()))
                .toList();
    }

    static boolean appliesToIngress(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        // Without policyTypes, Ingress is implied.
        return types == null || types.isEmpty() || types.contains("Ingress");
    }

    /** The container ports of target that peer may open; every declared port when no policy selects target. */
    Set<Integer> admittedPorts(Rendered.Workload target, Peer peer) {
        Set<Integer> all = declaredPorts(target);
        List<NetworkPolicy> policies = selecting(target);
        if (policies.isEmpty()) {
            return all;
        }
        Set<Integer> admitted = new TreeSet<>();
        for (NetworkPolicy policy : policies) {
            String policyNamespace = Optional.ofNullable(policy.getMetadata().getNamespace())
                    .orElse(rendered.overlay.namespace);
            for (NetworkPolicyIngressRule rule : Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of())) {
                if (!admitsSource(rule, policyNamespace, peer)) {
                    continue;
                }
                if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
                    admitted.addAll(all);
                    continue;
                }
                for (NetworkPolicyPort port : rule.getPorts()) {
                    resolve(port, target).ifPresent(admitted::add);
                }
            }
        }
        return admitted;
    }

    private static boolean admitsSource(NetworkPolicyIngressRule rule, String policyNamespace, Peer peer) {
        List<NetworkPolicyPeer> from = rule.getFrom();
        if (from == null || from.isEmpty()) {
            return true; // every source
        }
        for (NetworkPolicyPeer source : from) {
            if (source.getIpBlock() != null) {
                continue; // not modelled: reported by ipBlocks()
            }
            boolean namespaceOk = source.getNamespaceSelector() == null
                    ? peer.namespace().equals(policyNamespace)
                    : matches(source.getNamespaceSelector(), peer.namespaceLabels());
            boolean podOk = source.getPodSelector() == null || matches(source.getPodSelector(), peer.podLabels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    /** A policy port as a container port number of target; empty when target declares no such port. */
    static Optional<Integer> resolve(NetworkPolicyPort port, Rendered.Workload target) {
        if (port.getEndPort() != null) {
            throw new AssertionError("port ranges (endPort) are not used in these manifests");
        }
        if (port.getProtocol() != null && !port.getProtocol().equals("TCP")) {
            return Optional.empty();
        }
        IntOrString value = port.getPort();
        if (value == null) {
            return Optional.of(-1); // every port of the protocol; the checks treat -1 as "all"
        }
        return Rendered.resolvePort(value, target);
    }

    static Set<Integer> declaredPorts(Rendered.Workload workload) {
        Set<Integer> ports = new TreeSet<>();
        workload.containers().forEach(c -> Optional.ofNullable(c.getPorts()).orElse(List.of())
                .forEach(p -> ports.add(p.getContainerPort())));
        return ports;
    }

    /** Policies using ipBlock peers (which admit addresses, not pods, and so escape this model). */
    List<String> ipBlocks() {
        return rendered.all(NetworkPolicy.class).stream()
                .filter(p -> Optional.ofNullable(p.getSpec().getIngress()).orElse(List.of()).stream()
                        .flatMap(r -> Optional.ofNullable(r.getFrom()).orElse(List.of()).stream())
                        .anyMatch(peer -> peer.getIpBlock() != null))
                .map(p -> p.getMetadata().getName())
                .toList();
    }

    /** Label selector semantics: every matchLabels pair and every matchExpressions requirement holds. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> matchLabels = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of());
        for (Map.Entry<String, String> entry : matchLabels.entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement requirement :
                Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of())) {
            String value = labels.get(requirement.getKey());
            List<String> values = Optional.ofNullable(requirement.getValues()).orElse(List.of());
            boolean holds = switch (requirement.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + requirement.getOperator());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }
}
