package org.oncopredict.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One overlay as {@code kustomize build} renders it, parsed into fabric8's typed Kubernetes model (a field of the
 * wrong type fails the parse; an apiVersion/kind fabric8 does not know fails too). {@link #of} caches one render per
 * overlay; {@link #copy} parses a private copy that a test may change; {@link #fromYaml} parses changed text.
 */
final class Rendered {

    static final String NAME_LABEL = "app.kubernetes.io/name";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final Map<Overlay, Rendered> CACHE = new ConcurrentHashMap<>();

    final Overlay overlay;
    final String yaml;
    /** The YAML documents, in kustomize's order (for the schema check, which needs the text as written). */
    final List<String> documents;
    final List<HasMetadata> objects;

    /** A Deployment or StatefulSet: what runs pods. */
    record Workload(String kind, String name, HasMetadata object, LabelSelector selector, PodTemplateSpec template,
                    Integer replicas) {

        List<Container> containers() {
            List<Container> all = new ArrayList<>(template.getSpec().getContainers());
            if (template.getSpec().getInitContainers() != null) {
                all.addAll(template.getSpec().getInitContainers());
            }
            return all;
        }

        Map<String, String> podLabels() {
            Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
            return labels == null ? Map.of() : labels;
        }

        boolean isService() {
            return ModuleProperties.SERVICES.contains(name);
        }

        /** The container named like the workload (the service's own container). */
        Container main() {
            return template.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(kind + " " + name + " has no container named " + name));
        }
    }

    private Rendered(Overlay overlay, String yaml) {
        this.overlay = overlay;
        this.yaml = yaml;
        this.documents = split(yaml);
        this.objects = new ArrayList<>(documents.stream().map(Rendered::parseDocument).toList());
    }

    static Rendered of(Overlay overlay) {
        return CACHE.computeIfAbsent(overlay, o -> new Rendered(o, Kustomize.build(o)));
    }

    /** A private, changeable copy of the overlay's render (kustomize runs once per overlay and test run). */
    static Rendered copy(Overlay overlay) {
        return new Rendered(overlay, Kustomize.build(overlay));
    }

    /** A render of changed YAML text (for tests that show a check can fail). */
    static Rendered fromYaml(Overlay overlay, String yaml) {
        return new Rendered(overlay, yaml);
    }

    static List<String> split(String yaml) {
        List<String> documents = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (!document.isBlank()) {
                documents.add(document);
            }
        }
        return documents;
    }

    static HasMetadata parseDocument(String document) {
        Object object;
        try {
            object = SERIALIZATION.unmarshal(document);
        } catch (RuntimeException e) {
            throw new AssertionError("not a valid Kubernetes object (" + e.getMessage() + "):\n" + document, e);
        }
        if (!(object instanceof HasMetadata resource)) {
            throw new AssertionError("not a Kubernetes object: " + document);
        }
        if (resource instanceof GenericKubernetesResource generic) {
            throw new AssertionError("unknown apiVersion/kind " + generic.getApiVersion() + " " + generic.getKind()
                    + " (" + generic.getMetadata().getName() + ")");
        }
        return resource;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (Deployment d : all(Deployment.class)) {
            workloads.add(new Workload("Deployment", d.getMetadata().getName(), d, d.getSpec().getSelector(),
                    d.getSpec().getTemplate(), d.getSpec().getReplicas()));
        }
        for (StatefulSet s : all(StatefulSet.class)) {
            workloads.add(new Workload("StatefulSet", s.getMetadata().getName(), s, s.getSpec().getSelector(),
                    s.getSpec().getTemplate(), s.getSpec().getReplicas()));
        }
        return workloads;
    }

    Optional<Workload> workload(String name) {
        return workloads().stream().filter(w -> w.name().equals(name)).findFirst();
    }

    List<Workload> services() {
        return workloads().stream().filter(Workload::isService).toList();
    }

    /** Workloads whose pod labels a selector (matchLabels only; matchExpressions are not used here) selects. */
    List<Workload> selectedBy(Map<String, String> matchLabels) {
        if (matchLabels == null || matchLabels.isEmpty()) {
            return List.of();
        }
        return workloads().stream()
                .filter(w -> w.podLabels().entrySet().containsAll(matchLabels.entrySet()))
                .toList();
    }

    Optional<String> configMapValue(String name, String key) {
        return find(ConfigMap.class, name).map(ConfigMap::getData).map(data -> data.get(key));
    }

    /** A ConfigMap by the name written in the kustomization (generated ones carry a content-hash suffix). */
    Optional<ConfigMap> configMap(String baseName) {
        Pattern generated = Pattern.compile(Pattern.quote(baseName) + "(-[a-z0-9]{10})?");
        return all(ConfigMap.class).stream()
                .filter(c -> generated.matcher(c.getMetadata().getName()).matches()).findFirst();
    }

    /** The variables a container sets: its env entries and the keys of the ConfigMaps it takes whole (envFrom). */
    java.util.Set<String> variables(Container container) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        Optional.ofNullable(container.getEnv()).orElse(List.of()).forEach(e -> names.add(e.getName()));
        for (var from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() != null) {
                find(ConfigMap.class, from.getConfigMapRef().getName())
                        .map(ConfigMap::getData).ifPresent(data -> names.addAll(data.keySet()));
            }
        }
        return names;
    }

    /**
     * A container's value for a variable: a literal or a ConfigMap key of its env (which wins, as in Kubernetes),
     * else a key of a ConfigMap it takes whole; empty for Secrets or unset.
     */
    Optional<String> env(Container container, String variable) {
        for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (!env.getName().equals(variable)) {
                continue;
            }
            if (env.getValueFrom() == null) {
                return Optional.ofNullable(env.getValue());
            }
            if (env.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = env.getValueFrom().getConfigMapKeyRef();
                return configMapValue(ref.getName(), ref.getKey());
            }
            return Optional.empty();
        }
        for (var from : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() != null) {
                Optional<String> value = configMapValue(from.getConfigMapRef().getName(), variable);
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return Optional.empty();
    }

    /** The secretKeyRef behind a container's variable, if it comes from a Secret. */
    Optional<io.fabric8.kubernetes.api.model.SecretKeySelector> secretRef(Container container, String variable) {
        return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                .filter(e -> e.getName().equals(variable) && e.getValueFrom() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef())
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /** The number a probe's, Service's or policy's port (a number or a container port's name) stands for. */
    static Optional<Integer> resolvePort(IntOrString port, Workload workload) {
        if (port == null) {
            return Optional.empty();
        }
        if (port.getIntVal() != null) {
            Integer number = port.getIntVal();
            boolean declared = workload.containers().stream()
                    .flatMap(c -> Optional.ofNullable(c.getPorts()).orElse(List.of()).stream())
                    .anyMatch(p -> Objects.equals(p.getContainerPort(), number));
            return declared ? Optional.of(number) : Optional.empty();
        }
        return workload.containers().stream()
                .flatMap(c -> Optional.ofNullable(c.getPorts()).orElse(List.of()).stream())
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst();
    }

    static Optional<Integer> containerPort(Container container, String name) {
        return Optional.ofNullable(container.getPorts()).orElse(List.of()).stream()
                .filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort).findFirst();
    }

    /** The Service a host name (short, namespace-qualified or cluster FQDN) names in this namespace. */
    Optional<Service> serviceForHost(String host) {
        String[] parts = host.split("\\.");
        if (parts.length > 1) {
            String rest = host.substring(parts[0].length() + 1);
            boolean sameNamespace = rest.equals(overlay.namespace) || rest.equals(overlay.namespace + ".svc")
                    || rest.equals(overlay.namespace + ".svc.cluster.local");
            if (!sameNamespace) {
                return Optional.empty();
            }
        }
        return find(Service.class, parts[0]);
    }

    @Override
    public String toString() {
        return "overlays/" + overlay.directory;
    }
}
