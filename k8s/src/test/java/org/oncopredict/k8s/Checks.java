package org.oncopredict.k8s;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The structure and consistency checks, one method per concern, each reporting every problem it finds (see
 * {@link Problems}). They take a {@link Rendered} overlay so that the tests can run them on the real render and on
 * deliberately broken copies of it ({@code ChecksCatchMistakesTest}).
 */
final class Checks {

    static final String HEALTH_EXTENSION = "quarkus-smallrye-health";
    static final String PROMETHEUS_EXTENSION = "quarkus-micrometer-registry-prometheus";
    static final String COLLECTOR = "otel-collector";

    /**
     * Variables the manifests may set although no application.properties names them: Quarkus' own environment form
     * of a configuration property (Quarkus maps QUARKUS_A_B_C to quarkus.a.b.c itself).
     */
    static final Map<String, String> QUARKUS_ENVIRONMENT = Map.of(
            "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "quarkus.http.proxy.proxy-address-forwarding",
            "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "quarkus.http.proxy.allow-x-forwarded",
            "QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST", "quarkus.http.proxy.enable-forwarded-host");

    /** Containers allowed a writable root filesystem, with the reason (documented next to them as well). */
    static final Map<String, String> WRITABLE_ROOT_FILESYSTEM = Map.of(
            "keycloak", "dev only: start-dev rebuilds Keycloak into /opt/keycloak/lib and keeps H2 under /opt/keycloak/data");

    /** A default that must not survive into a cluster: loopback addresses and development secrets. */
    private static final Pattern LOCAL_DEFAULT = Pattern.compile("127\\.0\\.0\\.1|localhost|change-me|development");
    private static final Pattern SECRET_LIKE = Pattern.compile("PASSWORD|SECRET|TOKEN|PRIVATE_KEY");
    private static final Pattern TEMPLATE_LINK =
            Pattern.compile("(?:src|href|action|hx-(?:get|post|put|patch|delete))=\"(/[^\"]*)\"");
    private static final ObjectMapper YAML = new YAMLMapper();

    private Checks() {
    }

    // ------------------------------------------------------------------------------------------------ the objects

    /** Every object passes the Kubernetes OpenAPI schema (unknown fields, required fields, scalar/object shape). */
    static void schema(Rendered r) {
        Problems p = new Problems("OpenAPI schema", r);
        for (String document : r.documents) {
            OpenApiSchema.problem(document).ifPresent(p::add);
        }
        p.expect(!r.objects.isEmpty(), "the render is empty");
        p.verify();
    }

    /** One namespace per overlay, Pod Security "restricted" enforced there, every object in it, names unique. */
    static void namespaces(Rendered r) {
        Problems p = new Problems("namespaces", r);
        List<Namespace> namespaces = r.all(Namespace.class);
        if (p.expect(namespaces.size() == 1, "expected exactly one Namespace, found " + namespaces.size())) {
            Namespace ns = namespaces.get(0);
            p.expect(r.overlay.namespace.equals(ns.getMetadata().getName()),
                    "Namespace " + ns.getMetadata().getName() + ", expected " + r.overlay.namespace);
            Map<String, String> labels = Optional.ofNullable(ns.getMetadata().getLabels()).orElse(Map.of());
            p.expect("restricted".equals(labels.get("pod-security.kubernetes.io/enforce")),
                    "Namespace " + r.overlay.namespace + " does not enforce Pod Security \"restricted\"");
        }
        Set<String> seen = new TreeSet<>();
        for (HasMetadata o : r.objects) {
            String id = o.getKind() + " " + o.getMetadata().getName();
            p.expect(seen.add(id), "duplicate " + id);
            if (!(o instanceof Namespace)) {
                p.expect(r.overlay.namespace.equals(o.getMetadata().getNamespace()),
                        id + " is in namespace " + o.getMetadata().getNamespace() + ", not " + r.overlay.namespace);
            }
            Map<String, String> labels = Optional.ofNullable(o.getMetadata().getLabels()).orElse(Map.of());
            p.expect("oncopredict".equals(labels.get("app.kubernetes.io/part-of")),
                    id + " lacks the label app.kubernetes.io/part-of=oncopredict");
        }
        p.verify();
    }

    // ------------------------------------------------------------------------------------------------ workloads

    /** The three services: one Deployment each, named like the Maven module; pods labelled with that name. */
    static void serviceDeployments(Rendered r) {
        Problems p = new Problems("service Deployments", r);
        for (String module : ModuleProperties.SERVICES) {
            Optional<Rendered.Workload> w = r.workload(module);
            if (!p.expect(w.isPresent() && w.get().kind().equals("Deployment"), "no Deployment " + module)) {
                continue;
            }
            p.expect(module.equals(w.get().podLabels().get(Rendered.NAME_LABEL)),
                    "Deployment " + module + ": pods not labelled " + Rendered.NAME_LABEL + "=" + module);
            p.expect(w.get().template().getSpec().getContainers().size() == 1,
                    "Deployment " + module + ": expected one container");
        }
        p.verify();
    }

    /**
     * Every workload has startup, readiness and liveness probes. The services probe Quarkus' SmallRye Health endpoints
     * ({@code /q/health/started|ready|live}) on the HTTP port their application.properties configure, as the manifest's
     * environment sets it.
     */
    static void probes(Rendered r) {
        Problems p = new Problems("probes", r);
        for (Rendered.Workload w : r.workloads()) {
            for (Container c : w.template().getSpec().getContainers()) {
                String where = w.kind() + " " + w.name() + ", container " + c.getName();
                Map<String, Probe> probes = new LinkedHashMap<>();
                probes.put("startupProbe", c.getStartupProbe());
                probes.put("readinessProbe", c.getReadinessProbe());
                probes.put("livenessProbe", c.getLivenessProbe());
                probes.forEach((kind, probe) -> {
                    if (p.expect(probe != null, where + ": no " + kind) && probe.getHttpGet() != null) {
                        p.expect(Rendered.resolvePort(probe.getHttpGet().getPort(), w).isPresent(),
                                where + ": " + kind + " port " + probe.getHttpGet().getPort() + " is no container port");
                    }
                });
            }
            if (!w.isService()) {
                continue;
            }
            p.expect(ModuleProperties.pomDeclares(w.name(), HEALTH_EXTENSION),
                    w.name() + "'s pom lacks " + HEALTH_EXTENSION + ": /q/health/* would not exist");
            int http = httpPort(r, w);
            Container c = w.main();
            Map<String, Probe> expected = new LinkedHashMap<>();
            expected.put("/q/health/started", c.getStartupProbe());
            expected.put("/q/health/ready", c.getReadinessProbe());
            expected.put("/q/health/live", c.getLivenessProbe());
            expected.forEach((path, probe) -> {
                if (probe == null) {
                    return; // reported above
                }
                String where = "Deployment " + w.name() + ", probe for " + path;
                if (!p.expect(probe.getHttpGet() != null, where + ": not an httpGet probe")) {
                    return;
                }
                p.expect(path.equals(probe.getHttpGet().getPath()),
                        where + ": path is " + probe.getHttpGet().getPath());
                Optional<Integer> port = Rendered.resolvePort(probe.getHttpGet().getPort(), w);
                p.expect(port.isPresent() && port.get() == http,
                        where + ": port " + probe.getHttpGet().getPort() + " (" + port.orElse(null)
                                + ") is not the HTTP port " + http);
            });
        }
        p.verify();
    }

    /** The services' container ports are exactly their HTTP port ("http") and, with a separate gRPC server, "grpc". */
    static void containerPorts(Rendered r) {
        Problems p = new Problems("container ports", r);
        for (Rendered.Workload w : r.services()) {
            Map<String, Integer> expected = new TreeMap<>();
            expected.put("http", httpPort(r, w));
            grpcPort(r, w).ifPresent(port -> expected.put("grpc", port));
            Map<String, Integer> actual = new TreeMap<>();
            for (ContainerPort port : Optional.ofNullable(w.main().getPorts()).orElse(List.of())) {
                actual.put(String.valueOf(port.getName()), port.getContainerPort());
                p.expect(port.getProtocol() == null || port.getProtocol().equals("TCP"),
                        w.name() + ": port " + port.getName() + " is not TCP");
            }
            p.expect(expected.equals(actual), "Deployment " + w.name() + ": container ports " + actual
                    + ", but application.properties (with the manifest's environment) gives " + expected);
        }
        p.verify();
    }

    /** Every container has CPU and memory requests and limits, requests not above limits. */
    static void resources(Rendered r) {
        Problems p = new Problems("resources", r);
        for (Rendered.Workload w : r.workloads()) {
            for (Container c : w.containers()) {
                String where = w.kind() + " " + w.name() + ", container " + c.getName();
                ResourceRequirements res = c.getResources();
                Map<String, Quantity> requests = res == null || res.getRequests() == null ? Map.of() : res.getRequests();
                Map<String, Quantity> limits = res == null || res.getLimits() == null ? Map.of() : res.getLimits();
                for (String resource : List.of("cpu", "memory")) {
                    boolean both = p.expect(requests.containsKey(resource), where + ": no " + resource + " request")
                            & p.expect(limits.containsKey(resource), where + ": no " + resource + " limit");
                    if (both) {
                        p.expect(requests.get(resource).getNumericalAmount()
                                        .compareTo(limits.get(resource).getNumericalAmount()) <= 0,
                                where + ": " + resource + " request " + requests.get(resource) + " above limit "
                                        + limits.get(resource));
                    }
                }
            }
        }
        p.verify();
    }

    /**
     * Pod Security "restricted" for every pod (what the namespaces enforce), plus: read-only root filesystem (the one
     * documented exception aside), no service-account token, and for the services the image's user and a writable
     * emptyDir on /tmp.
     */
    static void security(Rendered r) {
        Problems p = new Problems("security context", r);
        for (Rendered.Workload w : r.workloads()) {
            PodSpec pod = w.template().getSpec();
            String workload = w.kind() + " " + w.name();
            PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext()).orElse(new PodSecurityContext());
            p.expect(!Boolean.TRUE.equals(pod.getHostNetwork()) && !Boolean.TRUE.equals(pod.getHostPID())
                    && !Boolean.TRUE.equals(pod.getHostIPC()), workload + ": uses host namespaces");
            p.expect(Boolean.FALSE.equals(pod.getAutomountServiceAccountToken()),
                    workload + ": automountServiceAccountToken is not false (no pod here talks to the Kubernetes API)");
            for (Volume v : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
                p.expect(v.getHostPath() == null, workload + ": hostPath volume " + v.getName());
            }
            for (Container c : w.containers()) {
                String where = workload + ", container " + c.getName();
                SecurityContext sc = Optional.ofNullable(c.getSecurityContext()).orElse(new SecurityContext());
                Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podContext.getRunAsNonRoot();
                Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : podContext.getRunAsUser();
                p.expect(Boolean.TRUE.equals(nonRoot), where + ": runAsNonRoot is not true");
                p.expect(user == null || user != 0, where + ": runs as user 0");
                p.expect(!Boolean.TRUE.equals(sc.getPrivileged()), where + ": privileged");
                p.expect(Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()),
                        where + ": allowPrivilegeEscalation is not false");
                Capabilities caps = Optional.ofNullable(sc.getCapabilities()).orElse(new Capabilities());
                p.expect(caps.getDrop() != null && caps.getDrop().contains("ALL"), where + ": capabilities do not drop ALL");
                p.expect(caps.getAdd() == null || Set.of("NET_BIND_SERVICE").containsAll(caps.getAdd()),
                        where + ": adds capabilities " + caps.getAdd());
                SeccompProfile seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile() : podContext.getSeccompProfile();
                p.expect(seccomp != null && Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType()),
                        where + ": no RuntimeDefault/Localhost seccomp profile");
                if (WRITABLE_ROOT_FILESYSTEM.containsKey(c.getName())) {
                    p.expect(r.overlay.hasInClusterDependencies(),
                            where + ": a writable root filesystem is accepted in dev only ("
                                    + WRITABLE_ROOT_FILESYSTEM.get(c.getName()) + ")");
                } else {
                    p.expect(Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()),
                            where + ": readOnlyRootFilesystem is not true");
                }
            }
            if (w.isService()) {
                Long user = Optional.ofNullable(w.main().getSecurityContext()).map(SecurityContext::getRunAsUser)
                        .orElse(podContext.getRunAsUser());
                String imageUser = ModuleProperties.of(w.name()).property("quarkus.jib.user").orElse(null);
                p.expect(imageUser != null && String.valueOf(user).equals(imageUser),
                        workload + ": runs as user " + user + ", the image (quarkus.jib.user) as " + imageUser);
                Optional<VolumeMount> tmp = Optional.ofNullable(w.main().getVolumeMounts()).orElse(List.of()).stream()
                        .filter(m -> m.getMountPath().equals("/tmp")).findFirst();
                boolean emptyDir = tmp.isPresent() && !Boolean.TRUE.equals(tmp.get().getReadOnly())
                        && Optional.ofNullable(pod.getVolumes()).orElse(List.of()).stream()
                        .anyMatch(v -> v.getName().equals(tmp.get().getName()) && v.getEmptyDir() != null);
                p.expect(emptyDir, workload + ": no writable emptyDir mounted on /tmp (the root filesystem is read-only)");
            }
        }
        p.verify();
    }

    /**
     * The services run the images Jib builds: {@code <quarkus.container-image.group>/<name>}, tagged with the project
     * version in dev and with a release version in prod; every other image is pinned to a version.
     */
    static void images(Rendered r) {
        Problems p = new Problems("images", r);
        for (Rendered.Workload w : r.workloads()) {
            for (Container c : w.containers()) {
                String image = c.getImage();
                int colon = image.lastIndexOf(':');
                String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "";
                p.expect(!tag.isEmpty() && !tag.equals("latest") || image.contains("@sha256:"),
                        w.name() + ": image " + image + " is not pinned to a version");
            }
            if (!w.isService()) {
                continue;
            }
            ModuleProperties props = ModuleProperties.of(w.name());
            String repository = props.property("quarkus.container-image.group").orElse("?") + "/"
                    + props.property("quarkus.container-image.name").orElse("?");
            String expectedTag = switch (r.overlay) {
                case DEV -> Repo.version();
                case PROD -> r.overlay.imageTag;
            };
            p.expect((repository + ":" + expectedTag).equals(w.main().getImage()),
                    "Deployment " + w.name() + ": image " + w.main().getImage() + ", Jib builds " + repository
                            + " and this overlay deploys tag " + expectedTag);
            if (r.overlay == Overlay.PROD) {
                p.expect(!expectedTag.contains("SNAPSHOT") && expectedTag.matches("\\d+\\.\\d+\\.\\d+"),
                        "prod deploys " + expectedTag + ", not a release version");
            }
        }
        p.verify();
    }

    /**
     * Every variable the services' manifests set is one their application.properties read (or a listed Quarkus
     * property); secrets come from Secrets; variables whose default is a loopback address or a development secret are
     * set; every ConfigMap key referenced exists.
     */
    static void environment(Rendered r) {
        Problems p = new Problems("environment", r);
        Set<String> readByAnyService = new TreeSet<>();
        ModuleProperties.SERVICES.forEach(s -> readByAnyService.addAll(ModuleProperties.of(s).environmentVariables()));
        for (Rendered.Workload w : r.workloads()) {
            for (Container c : w.containers()) {
                String where = w.kind() + " " + w.name() + ", container " + c.getName();
                Set<String> names = new TreeSet<>();
                for (EnvVar env : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                    p.expect(names.add(env.getName()), where + ": " + env.getName() + " set twice");
                    if (SECRET_LIKE.matcher(env.getName()).find()) {
                        p.expect(env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null,
                                where + ": " + env.getName() + " is not taken from a Secret (secretKeyRef)");
                    }
                    if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = env.getValueFrom().getConfigMapKeyRef();
                        p.expect(r.configMapValue(ref.getName(), ref.getKey()).isPresent(),
                                where + ": " + env.getName() + " refers to missing ConfigMap key " + ref.getName()
                                        + "/" + ref.getKey());
                    }
                }
                for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
                    p.expect(from.getSecretRef() == null, where + ": takes a whole Secret (envFrom); name its keys");
                    if (from.getConfigMapRef() != null) {
                        Optional<ConfigMap> cm = r.find(ConfigMap.class, from.getConfigMapRef().getName());
                        if (p.expect(cm.isPresent(), where + ": envFrom names missing ConfigMap "
                                + from.getConfigMapRef().getName())) {
                            for (String key : cm.get().getData().keySet()) {
                                p.expect(readByAnyService.contains(key), where + ": envFrom ConfigMap "
                                        + from.getConfigMapRef().getName() + " has " + key + ", which no service reads");
                            }
                        }
                    }
                }
            }
            if (!w.isService()) {
                continue;
            }
            ModuleProperties props = ModuleProperties.of(w.name());
            Container c = w.main();
            for (EnvVar env : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                p.expect(props.reads(env.getName()) || QUARKUS_ENVIRONMENT.containsKey(env.getName()),
                        "Deployment " + w.name() + " sets " + env.getName() + ", which " + w.name()
                                + "/src/main/resources/application.properties does not read");
            }
            Set<String> set = r.variables(c);
            for (String variable : props.environmentVariables()) {
                boolean mustSet = SECRET_LIKE.matcher(variable).find()
                        || props.defaultOf(variable).map(d -> LOCAL_DEFAULT.matcher(d).find()).orElse(false);
                if (mustSet) {
                    p.expect(set.contains(variable), "Deployment " + w.name() + " does not set " + variable
                            + " (its default is for a developer machine: " + props.defaultOf(variable).orElse("none") + ")");
                }
            }
        }
        p.verify();
    }

    // ------------------------------------------------------------------------------------------------ wiring

    /**
     * The addresses the services are given lead somewhere real: gRPC hosts and ports to the Service and container port
     * of the right service, the OTLP endpoint to the collector's receiver, OIDC_ISSUER and DB_URL to the in-cluster
     * Keycloak and PostgreSQL in dev and to external ones in prod.
     */
    static void wiring(Rendered r) {
        Problems p = new Problems("wiring", r);
        for (Rendered.Workload w : r.services()) {
            ModuleProperties props = ModuleProperties.of(w.name());
            grpcClient(r, p, w, props, "PROFILE_GRPC_HOST", "PROFILE_GRPC_PORT", "patient-profile-svc");
            grpcClient(r, p, w, props, "EFFICACY_GRPC_HOST", "EFFICACY_GRPC_PORT", "efficacy-model-svc");
            if (props.reads("OTEL_EXPORTER_OTLP_ENDPOINT")) {
                otlpEndpoint(r, p, w);
            }
            if (props.reads("OTEL_SDK_DISABLED")) {
                p.expect(r.env(w.main(), "OTEL_SDK_DISABLED").equals(Optional.of("false")),
                        w.name() + ": OTEL_SDK_DISABLED is not false (the collector would receive nothing)");
            }
        }
        Set<String> issuers = valuesOf(r, "OIDC_ISSUER");
        Set<String> databases = valuesOf(r, "DB_URL");
        p.expect(issuers.size() == 1, "the services disagree on OIDC_ISSUER: " + issuers);
        p.expect(databases.size() == 1, "the services disagree on DB_URL: " + databases);
        issuers.forEach(issuer -> issuer(r, p, issuer));
        databases.forEach(url -> database(r, p, url));
        p.verify();
    }

    private static Set<String> valuesOf(Rendered r, String variable) {
        return r.services().stream()
                .filter(w -> ModuleProperties.of(w.name()).reads(variable))
                .map(w -> r.env(w.main(), variable).orElse("<unset>"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void grpcClient(Rendered r, Problems p, Rendered.Workload caller, ModuleProperties props,
                                   String hostVariable, String portVariable, String callee) {
        if (!props.reads(hostVariable)) {
            return;
        }
        String where = caller.name() + " → " + callee;
        Optional<String> host = r.env(caller.main(), hostVariable);
        Optional<String> port = r.env(caller.main(), portVariable);
        if (!p.expect(host.isPresent() && port.isPresent(), where + ": " + hostVariable + "/" + portVariable + " unset")) {
            return;
        }
        Optional<Rendered.Workload> target = r.workload(callee);
        Optional<Integer> reached = reach(r, p, where, host.get(), Integer.parseInt(port.get()));
        if (target.isPresent() && reached.isPresent()) {
            Optional<Integer> grpc = grpcPort(r, target.get());
            p.expect(grpc.equals(reached), where + ": " + host.get() + ":" + port.get() + " reaches container port "
                    + reached.get() + ", but " + callee + " serves gRPC on " + grpc.orElse(null));
        }
    }

    /** The container port a host:port of a Service leads to (on every pod the Service selects). */
    private static Optional<Integer> reach(Rendered r, Problems p, String where, String host, int port) {
        Optional<Service> service = r.serviceForHost(host);
        if (!p.expect(service.isPresent(), where + ": no Service for host " + host)) {
            return Optional.empty();
        }
        Optional<ServicePort> servicePort = service.get().getSpec().getPorts().stream()
                .filter(sp -> sp.getPort() == port).findFirst();
        if (!p.expect(servicePort.isPresent(), where + ": Service " + host + " has no port " + port)) {
            return Optional.empty();
        }
        Set<Integer> targets = new TreeSet<>();
        for (Rendered.Workload w : r.selectedBy(service.get().getSpec().getSelector())) {
            IntOrString targetPort = Optional.ofNullable(servicePort.get().getTargetPort()).orElse(new IntOrString(port));
            Rendered.resolvePort(targetPort, w).ifPresentOrElse(targets::add,
                    () -> p.add(where + ": Service " + host + " port " + port + " targets nothing on " + w.name()));
        }
        return targets.size() == 1 ? Optional.of(targets.iterator().next()) : Optional.empty();
    }

    private static void otlpEndpoint(Rendered r, Problems p, Rendered.Workload w) {
        String where = w.name() + " → OpenTelemetry";
        Optional<String> endpoint = r.env(w.main(), "OTEL_EXPORTER_OTLP_ENDPOINT");
        if (!p.expect(endpoint.isPresent(), where + ": OTEL_EXPORTER_OTLP_ENDPOINT unset")) {
            return;
        }
        URI uri = URI.create(endpoint.get());
        Optional<Service> service = r.serviceForHost(uri.getHost());
        p.expect(service.isPresent() && service.get().getMetadata().getName().equals(COLLECTOR),
                where + ": " + endpoint.get() + " is not the in-cluster collector (Service " + COLLECTOR + ")");
        Optional<Integer> port = reach(r, p, where, uri.getHost(), uri.getPort());
        // Quarkus exports OTLP over gRPC by default: the endpoint must be the collector's gRPC receiver.
        Optional<Integer> receiver = collectorConfig(r).flatMap(c -> endpointPort(c.path("receivers").path("otlp")
                .path("protocols").path("grpc").path("endpoint").asText(null)));
        p.expect(port.isPresent() && port.equals(receiver), where + ": " + endpoint.get() + " reaches container port "
                + port.orElse(null) + ", the collector's OTLP/gRPC receiver listens on " + receiver.orElse(null));
    }

    private static void issuer(Rendered r, Problems p, String issuer) {
        URI uri = URI.create(issuer);
        String realm = realmName();
        p.expect(uri.getPath().equals("/realms/" + realm), "OIDC_ISSUER " + issuer + " is not the realm " + realm);
        if (r.overlay.hasInClusterDependencies()) {
            Optional<Integer> port = reach(r, p, "OIDC_ISSUER", uri.getHost(), uri.getPort());
            Optional<Rendered.Workload> keycloak = r.workload("keycloak");
            if (p.expect(keycloak.isPresent(), "dev has no keycloak Deployment")) {
                Container kc = keycloak.get().main();
                p.expect(port.isPresent() && r.env(kc, "KC_HTTP_PORT").equals(port.map(String::valueOf)),
                        "OIDC_ISSUER " + issuer + " reaches port " + port.orElse(null) + ", Keycloak listens on "
                                + r.env(kc, "KC_HTTP_PORT").orElse("?"));
                // Keycloak writes its front-end URL into every token's iss; the services compare it with OIDC_ISSUER.
                p.expect(r.env(kc, "KC_HOSTNAME").equals(Optional.of(uri.getScheme() + "://" + uri.getAuthority())),
                        "KC_HOSTNAME " + r.env(kc, "KC_HOSTNAME").orElse("unset") + " does not match OIDC_ISSUER " + issuer);
            }
        } else {
            p.expect("https".equals(uri.getScheme()), "OIDC_ISSUER " + issuer + " is not https");
            p.expect(r.serviceForHost(uri.getHost()).isEmpty(), "OIDC_ISSUER " + issuer + " is an in-cluster Service");
        }
    }

    private static void database(Rendered r, Problems p, String url) {
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+)(\\?.*)?").matcher(url);
        if (!p.expect(m.matches(), "DB_URL " + url + " is not a PostgreSQL JDBC URL")) {
            return;
        }
        String host = m.group(1);
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        if (r.overlay.hasInClusterDependencies()) {
            Optional<Integer> reached = reach(r, p, "DB_URL", host, port);
            p.expect(reached.equals(Optional.of(5432)), "DB_URL " + url + " does not reach PostgreSQL's port 5432");
            r.workload("postgres").ifPresentOrElse(
                    pg -> p.expect(r.env(pg.main(), "POSTGRES_DB").equals(Optional.of(m.group(3))),
                            "DB_URL names database " + m.group(3) + ", postgres creates "
                                    + r.env(pg.main(), "POSTGRES_DB").orElse("?")),
                    () -> p.add("dev has no postgres workload"));
        } else {
            p.expect(r.serviceForHost(host).isEmpty(), "DB_URL " + url + " is an in-cluster Service");
            p.expect(m.group(4) != null && m.group(4).contains("sslmode="), "DB_URL " + url + " sets no sslmode");
        }
    }

    /** Every Service selects pods, and every port of it targets a container port those pods declare. */
    static void services(Rendered r) {
        Problems p = new Problems("Services", r);
        for (Service s : r.all(Service.class)) {
            String name = s.getMetadata().getName();
            Map<String, String> selector = s.getSpec().getSelector();
            List<Rendered.Workload> selected = r.selectedBy(selector);
            if (!p.expect(!selected.isEmpty(), "Service " + name + " selects no pods (selector " + selector + ")")) {
                continue;
            }
            r.workload(name).ifPresent(w -> p.expect(selected.equals(List.of(w)),
                    "Service " + name + " selects " + selected.stream().map(Rendered.Workload::name).toList()
                            + ", not only the workload " + name));
            for (ServicePort port : s.getSpec().getPorts()) {
                IntOrString target = Optional.ofNullable(port.getTargetPort()).orElse(new IntOrString(port.getPort()));
                for (Rendered.Workload w : selected) {
                    p.expect(Rendered.resolvePort(target, w).isPresent(), "Service " + name + " port " + port.getName()
                            + " targets " + target + ", which " + w.name() + " does not declare");
                }
                if ("grpc".equals(port.getName())) {
                    p.expect("grpc".equals(port.getAppProtocol()), "Service " + name + " port grpc: appProtocol not grpc");
                }
            }
        }
        p.verify();
    }

    /**
     * The Ingress reaches the gateway only (its HTTP port), routes no management path ({@code /q}), covers every
     * path the gateway's UI templates link to, and in prod terminates TLS for every host.
     */
    static void ingress(Rendered r) {
        Problems p = new Problems("Ingress", r);
        List<Ingress> ingresses = r.all(Ingress.class);
        p.expect(ingresses.size() == 1, "expected one Ingress, found " + ingresses.size());
        List<String> prefixes = new ArrayList<>();
        for (Ingress ingress : ingresses) {
            String name = "Ingress " + ingress.getMetadata().getName();
            p.expect(ingress.getSpec().getIngressClassName() != null, name + ": no ingressClassName");
            List<IngressBackend> backends = new ArrayList<>();
            if (ingress.getSpec().getDefaultBackend() != null) {
                backends.add(ingress.getSpec().getDefaultBackend());
            }
            for (IngressRule rule : Optional.ofNullable(ingress.getSpec().getRules()).orElse(List.of())) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    backends.add(path.getBackend());
                    prefixes.add(path.getPath());
                    p.expect(!path.getPath().startsWith("/q"), name + ": routes management path " + path.getPath());
                    p.expect("Prefix".equals(path.getPathType()) || "Exact".equals(path.getPathType()),
                            name + ": path " + path.getPath() + " has pathType " + path.getPathType());
                }
            }
            for (IngressBackend backend : backends) {
                if (!p.expect(backend.getService() != null, name + ": a backend that is not a Service")) {
                    continue;
                }
                String service = backend.getService().getName();
                p.expect("gateway".equals(service), name + ": routes to " + service + " (only the gateway is public)");
                Optional<Service> s = r.find(Service.class, service);
                Optional<Rendered.Workload> gateway = r.workload("gateway");
                if (s.isPresent() && gateway.isPresent()) {
                    var port = backend.getService().getPort();
                    Optional<ServicePort> sp = s.get().getSpec().getPorts().stream()
                            .filter(x -> port.getName() != null ? port.getName().equals(x.getName())
                                    : Objects.equals(port.getNumber(), x.getPort()))
                            .findFirst();
                    p.expect(sp.isPresent() && Rendered.resolvePort(sp.get().getTargetPort(), gateway.get())
                                    .equals(Optional.of(httpPort(r, gateway.get()))),
                            name + ": backend port " + port + " does not lead to the gateway's HTTP port");
                }
            }
            if (r.overlay == Overlay.PROD) {
                List<IngressTLS> tls = Optional.ofNullable(ingress.getSpec().getTls()).orElse(List.of());
                p.expect(!tls.isEmpty(), name + ": no TLS in prod");
                for (IngressRule rule : Optional.ofNullable(ingress.getSpec().getRules()).orElse(List.of())) {
                    p.expect(rule.getHost() != null && tls.stream().anyMatch(t -> t.getHosts() != null
                            && t.getHosts().contains(rule.getHost())), name + ": host " + rule.getHost() + " without TLS");
                }
            }
        }
        for (String root : gatewayRestRoots()) {
            p.expect(prefixes.contains(root), "the gateway serves " + root + "/… (a JAX-RS @Path), which no Ingress path routes");
        }
        for (String link : gatewayTemplateLinks()) {
            p.expect(prefixes.stream().anyMatch(prefix -> link.equals(prefix) || link.startsWith(prefix + "/")
                            || link.startsWith(prefix + "?")),
                    "the gateway's UI links to " + link + ", which no Ingress path routes");
        }
        p.verify();
    }

    /** The first path segments of the gateway's JAX-RS resources ({@code @Path("/api/v1/…")} → {@code /api}). */
    static Set<String> gatewayRestRoots() {
        Pattern path = Pattern.compile("@Path\\(\"(/[^/\"]+)");
        Set<String> roots = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Repo.root().resolve("gateway/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = path.matcher(Repo.read(file));
                while (m.find()) {
                    roots.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return roots;
    }

    /** Absolute paths the gateway's Qute templates link to (src, href, form actions, htmx requests). */
    static Set<String> gatewayTemplateLinks() {
        Path templates = Repo.root().resolve("gateway/src/main/resources/templates");
        Set<String> links = new TreeSet<>();
        if (!Files.isDirectory(templates)) {
            return links;
        }
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Matcher m = TEMPLATE_LINK.matcher(Repo.read(file));
                while (m.find()) {
                    links.add(m.group(1).replaceAll("[?#].*", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return links;
    }

    // ------------------------------------------------------------------------------------------------ network

    /**
     * What each workload accepts, evaluated from the NetworkPolicies (see {@link NetworkAccess}), equals the design:
     * ingress denied by default; the gateway only from the ingress controller; patient-profile-svc only from the
     * gateway and efficacy-model-svc (gRPC); efficacy-model-svc only from the gateway (gRPC); the collector, and in dev
     * PostgreSQL and Keycloak, only from the three services.
     */
    static void networkPolicies(Rendered r, Map<String, Map<String, Set<String>>> expected) {
        Problems p = new Problems("NetworkPolicies", r);
        NetworkAccess access = new NetworkAccess(r);
        List<NetworkPolicy> policies = r.all(NetworkPolicy.class);
        p.expect(policies.stream().anyMatch(np -> isDefaultDenyIngress(np)),
                "no default-deny ingress policy (empty podSelector, policyTypes [Ingress], no rules)");
        p.expect(access.ipBlocks().isEmpty(), "policies with ipBlock peers: " + access.ipBlocks());
        for (NetworkPolicy np : policies) {
            List<Rendered.Workload> selected = r.workloads().stream()
                    .filter(w -> NetworkAccess.matches(np.getSpec().getPodSelector(), w.podLabels())).toList();
            p.expect(!selected.isEmpty(), "NetworkPolicy " + np.getMetadata().getName() + " selects no pods");
            for (NetworkPolicyIngressRule rule : Optional.ofNullable(np.getSpec().getIngress()).orElse(List.of())) {
                for (NetworkPolicyPort port : Optional.ofNullable(rule.getPorts()).orElse(List.of())) {
                    for (Rendered.Workload w : selected) {
                        p.expect(NetworkAccess.resolve(port, w).isPresent(), "NetworkPolicy "
                                + np.getMetadata().getName() + " admits port " + port.getPort() + ", which "
                                + w.name() + " does not declare (it would admit nothing)");
                    }
                }
            }
        }
        List<NetworkAccess.Peer> peers = new ArrayList<>();
        r.workloads().forEach(w -> peers.add(access.peer(w)));
        peers.add(NetworkAccess.ingressNginx());
        peers.add(NetworkAccess.outsider());
        for (Rendered.Workload target : r.workloads()) {
            p.expect(access.selecting(target).stream().anyMatch(np -> !isDefaultDenyIngress(np)),
                    target.kind() + " " + target.name() + " is covered by no NetworkPolicy of its own");
            Map<String, Set<String>> allowed = expected.get(target.name());
            if (!p.expect(allowed != null, "no expected access for " + target.name() + " in the test's table")) {
                continue;
            }
            for (NetworkAccess.Peer peer : peers) {
                String peerName = peer.podLabels().getOrDefault(Rendered.NAME_LABEL, "?");
                if (peerName.equals(target.name()) && peer.namespace().equals(r.overlay.namespace)) {
                    continue; // a pod and its own replicas: not part of the design either way
                }
                Set<Integer> expectedPorts = new TreeSet<>();
                for (String portName : allowed.getOrDefault(peerName, Set.of())) {
                    Rendered.resolvePort(new IntOrString(portName), target).ifPresentOrElse(expectedPorts::add,
                            () -> p.add("the test expects port " + portName + " on " + target.name() + ": not declared"));
                }
                Set<Integer> admitted = access.admittedPorts(target, peer);
                p.expect(admitted.equals(expectedPorts), target.name() + " admits " + describe(admitted) + " from "
                        + peer.description() + ", expected " + describe(expectedPorts));
            }
        }
        p.verify();
    }

    private static String describe(Set<Integer> ports) {
        return ports.isEmpty() ? "nothing" : ports.contains(-1) ? "every port" : "ports " + ports;
    }

    static boolean isDefaultDenyIngress(NetworkPolicy np) {
        var selector = np.getSpec().getPodSelector();
        boolean all = selector != null && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
        return all && np.getSpec().getPolicyTypes() != null && np.getSpec().getPolicyTypes().equals(List.of("Ingress"))
                && (np.getSpec().getIngress() == null || np.getSpec().getIngress().isEmpty());
    }

    // ------------------------------------------------------------------------------------------------ scaling

    /**
     * HorizontalPodAutoscalers exist for exactly efficacy-model-svc and the gateway, target their Deployments (which
     * then carry no replica count of their own, and CPU requests for the utilisation target), and in prod never go
     * below two replicas.
     */
    static void autoscaling(Rendered r) {
        Problems p = new Problems("autoscaling", r);
        Map<String, HorizontalPodAutoscaler> byTarget = new TreeMap<>();
        for (HorizontalPodAutoscaler hpa : r.all(HorizontalPodAutoscaler.class)) {
            var ref = hpa.getSpec().getScaleTargetRef();
            String name = "HPA " + hpa.getMetadata().getName();
            p.expect(byTarget.put(ref.getName(), hpa) == null, "two HPAs target " + ref.getName());
            p.expect("apps/v1".equals(ref.getApiVersion()) && "Deployment".equals(ref.getKind()),
                    name + ": targets " + ref.getApiVersion() + " " + ref.getKind());
            Optional<Deployment> d = r.find(Deployment.class, ref.getName());
            if (!p.expect(d.isPresent(), name + ": targets missing Deployment " + ref.getName())) {
                continue;
            }
            int min = Optional.ofNullable(hpa.getSpec().getMinReplicas()).orElse(1);
            int max = hpa.getSpec().getMaxReplicas();
            p.expect(min >= 1 && max >= min, name + ": min " + min + ", max " + max);
            if (r.overlay == Overlay.PROD) {
                p.expect(min >= 2, name + ": prod minReplicas " + min + " (one replica is a single point of failure)");
            }
            p.expect(d.get().getSpec().getReplicas() == null, "Deployment " + ref.getName()
                    + " sets replicas although an HPA owns the count (kubectl apply would reset it)");
            List<MetricSpec> metrics = Optional.ofNullable(hpa.getSpec().getMetrics()).orElse(List.of());
            p.expect(!metrics.isEmpty(), name + ": no metrics");
            for (MetricSpec metric : metrics) {
                if (!p.expect("Resource".equals(metric.getType()), name + ": metric type " + metric.getType())) {
                    continue;
                }
                String resource = metric.getResource().getName();
                for (Container c : d.get().getSpec().getTemplate().getSpec().getContainers()) {
                    boolean requested = c.getResources() != null && c.getResources().getRequests() != null
                            && c.getResources().getRequests().containsKey(resource);
                    p.expect(requested, name + ": utilisation of " + resource + " needs a request on container "
                            + c.getName());
                }
            }
        }
        p.expect(byTarget.keySet().equals(Set.of("efficacy-model-svc", "gateway")),
                "HPAs target " + byTarget.keySet() + ", expected efficacy-model-svc and gateway");
        p.verify();
    }

    /**
     * Every PodDisruptionBudget selects pods; each service has exactly one; a minAvailable budget leaves a drain room
     * to evict (fewer than the workload's minimum replicas).
     */
    static void disruptionBudgets(Rendered r) {
        Problems p = new Problems("PodDisruptionBudgets", r);
        Map<String, Integer> budgetsPerService = new HashMap<>();
        for (PodDisruptionBudget pdb : r.all(PodDisruptionBudget.class)) {
            String name = "PodDisruptionBudget " + pdb.getMetadata().getName();
            var spec = pdb.getSpec();
            p.expect((spec.getMinAvailable() == null) != (spec.getMaxUnavailable() == null),
                    name + ": set exactly one of minAvailable and maxUnavailable");
            Map<String, String> selector = Optional.ofNullable(spec.getSelector()).map(s -> s.getMatchLabels()).orElse(null);
            List<Rendered.Workload> selected = r.selectedBy(selector);
            p.expect(!selected.isEmpty(), name + " selects no pods (selector " + selector + ")");
            for (Rendered.Workload w : selected) {
                budgetsPerService.merge(w.name(), 1, Integer::sum);
                int replicas = minimumReplicas(r, w);
                if (spec.getMinAvailable() != null) {
                    Integer minAvailable = spec.getMinAvailable().getIntVal();
                    p.expect(minAvailable != null && minAvailable < replicas, name + ": minAvailable "
                            + spec.getMinAvailable() + " with at least " + replicas + " replica(s) of " + w.name()
                            + " blocks every node drain");
                }
                if (spec.getMaxUnavailable() != null) {
                    p.expect(spec.getMaxUnavailable().getIntVal() != null && spec.getMaxUnavailable().getIntVal() >= 1,
                            name + ": maxUnavailable " + spec.getMaxUnavailable());
                }
            }
        }
        for (String service : ModuleProperties.SERVICES) {
            p.expect(budgetsPerService.getOrDefault(service, 0) == 1,
                    service + " is covered by " + budgetsPerService.getOrDefault(service, 0) + " PodDisruptionBudgets");
        }
        p.verify();
    }

    /** The fewest replicas a workload runs with: the HPA's minimum, else its replica count (default 1). */
    static int minimumReplicas(Rendered r, Rendered.Workload w) {
        return r.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(w.name()))
                .map(h -> Optional.ofNullable(h.getSpec().getMinReplicas()).orElse(1))
                .findFirst()
                .orElse(Optional.ofNullable(w.replicas()).orElse(1));
    }

    // ------------------------------------------------------------------------------------------------ secrets

    /**
     * No Secret is committed: none is rendered and no kustomization generates one. Workloads reference Secret keys
     * (secretKeyRef) that an operator creates out of band.
     */
    static void noCommittedSecrets(Rendered r) {
        Problems p = new Problems("no committed secrets", r);
        for (Secret s : r.all(Secret.class)) {
            p.add("the render contains Secret " + s.getMetadata().getName());
        }
        for (Path kustomization : kustomizations()) {
            String text = Repo.read(kustomization);
            p.expect(!Pattern.compile("(?m)^\\s*secretGenerator\\s*:").matcher(text).find(),
                    Repo.root().relativize(kustomization) + " generates a Secret (secretGenerator)");
        }
        p.verify();
    }

    static List<Path> kustomizations() {
        try (Stream<Path> files = Files.walk(Repo.k8s())) {
            return files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .filter(f -> !f.startsWith(Repo.k8s().resolve(".tools")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Secrets (name → keys) the render references: secretKeyRef of every container, TLS of the Ingress. */
    static Map<String, Set<String>> referencedSecrets(Rendered r) {
        Map<String, Set<String>> secrets = new TreeMap<>();
        for (Rendered.Workload w : r.workloads()) {
            for (Container c : w.containers()) {
                for (EnvVar env : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        secrets.computeIfAbsent(ref.getName(), k -> new TreeSet<>()).add(ref.getKey());
                    }
                }
            }
            for (Volume v : Optional.ofNullable(w.template().getSpec().getVolumes()).orElse(List.of())) {
                if (v.getSecret() != null) {
                    secrets.computeIfAbsent(v.getSecret().getSecretName(), k -> new TreeSet<>()).add("*");
                }
            }
        }
        for (Ingress ingress : r.all(Ingress.class)) {
            for (IngressTLS tls : Optional.ofNullable(ingress.getSpec().getTls()).orElse(List.of())) {
                secrets.computeIfAbsent(tls.getSecretName(), k -> new TreeSet<>()).addAll(Set.of("tls.crt", "tls.key"));
            }
        }
        return secrets;
    }

    /** The Secrets the render references are exactly the ones k8s/README.md tells the operator to create. */
    static void documentedSecrets(Rendered r, Map<String, Set<String>> documented) {
        Problems p = new Problems("documented secrets", r);
        Map<String, Set<String>> referenced = referencedSecrets(r);
        p.expect(referenced.equals(documented), "the manifests reference " + referenced
                + ", k8s/README.md creates " + documented + " in namespace " + r.overlay.namespace);
        p.verify();
    }

    // ------------------------------------------------------------------------------------------------ dependencies

    /** Dev runs PostgreSQL and Keycloak in the cluster; prod runs neither (both are external there). */
    static void dependencies(Rendered r) {
        Problems p = new Problems("in-cluster dependencies", r);
        boolean dev = r.overlay.hasInClusterDependencies();
        for (String dependency : List.of("postgres", "keycloak")) {
            boolean workload = r.workload(dependency).isPresent();
            boolean service = r.find(Service.class, dependency).isPresent();
            p.expect(workload == dev && service == dev, (dev ? "dev lacks " : "prod runs ") + dependency
                    + " (workload " + workload + ", Service " + service + ")");
        }
        boolean images = r.workloads().stream().flatMap(w -> w.containers().stream())
                .anyMatch(c -> c.getImage().contains("postgres") || c.getImage().contains("keycloak"));
        p.expect(images == dev, dev ? "dev runs no PostgreSQL/Keycloak image" : "prod runs a PostgreSQL/Keycloak image");
        p.expect(!r.all(StatefulSet.class).isEmpty() == dev, "StatefulSets: " + r.all(StatefulSet.class).size());
        Optional<ConfigMap> realm = r.configMap("keycloak-realm");
        p.expect(realm.isPresent() == dev, "keycloak-realm ConfigMap present: " + realm.isPresent());
        realm.ifPresent(cm -> p.expect(Repo.read(Repo.realm()).equals(cm.getData().get("oncology-realm.json")),
                "the keycloak-realm ConfigMap is not deploy/keycloak/oncology-realm.json"));
        p.verify();
    }

    /**
     * Dev PostgreSQL: the init script creates the role each service logs in as (DB_USER), with the password from the
     * same Secret key the service uses (DB_PASSWORD).
     */
    static void devDatabaseRoles(Rendered r) {
        Problems p = new Problems("dev database roles", r);
        Optional<Rendered.Workload> postgres = r.workload("postgres");
        Optional<ConfigMap> init = r.configMap("postgres-init");
        if (!p.expect(postgres.isPresent() && init.isPresent(), "no postgres workload or postgres-init ConfigMap")) {
            p.verify();
            return;
        }
        String script = String.join("\n", init.get().getData().values());
        Map<String, String> psqlVariableToEnv = new HashMap<>();
        Matcher v = Pattern.compile("-v (\\w+)=\"\\$(\\w+)\"").matcher(script);
        while (v.find()) {
            psqlVariableToEnv.put(v.group(1), v.group(2));
        }
        Map<String, String> roleToSecretKey = new HashMap<>();
        Matcher role = Pattern.compile("CREATE ROLE (\\w+) LOGIN PASSWORD :'(\\w+)'").matcher(script);
        while (role.find()) {
            String env = psqlVariableToEnv.get(role.group(2));
            Optional<String> key = env == null ? Optional.empty()
                    : r.secretRef(postgres.get().main(), env).map(s -> s.getName() + "/" + s.getKey());
            p.expect(key.isPresent(), "role " + role.group(1) + ": its password variable is not from a Secret");
            key.ifPresent(k -> roleToSecretKey.put(role.group(1), k));
        }
        for (Rendered.Workload w : r.services()) {
            Optional<String> user = r.env(w.main(), "DB_USER");
            Optional<String> key = r.secretRef(w.main(), "DB_PASSWORD").map(s -> s.getName() + "/" + s.getKey());
            p.expect(user.isPresent() && roleToSecretKey.containsKey(user.get()),
                    w.name() + " logs in as " + user.orElse("?") + ", which the init script does not create");
            user.filter(roleToSecretKey::containsKey).ifPresent(u -> p.expect(roleToSecretKey.get(u).equals(key.orElse("")),
                    w.name() + ": DB_PASSWORD from " + key.orElse("?") + ", role " + u + " gets " + roleToSecretKey.get(u)));
        }
        p.verify();
    }

    /** Dev Keycloak: the service account client the efficacy service uses exists in the realm it imports. */
    static void devRealmClients(Rendered r) {
        Problems p = new Problems("dev realm clients", r);
        Set<String> clients = new TreeSet<>();
        try {
            new ObjectMapper().readTree(Repo.read(Repo.realm())).path("clients")
                    .forEach(c -> clients.add(c.path("clientId").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Rendered.Workload w : r.services()) {
            if (ModuleProperties.of(w.name()).reads("SERVICE_CLIENT_ID")) {
                String client = r.env(w.main(), "SERVICE_CLIENT_ID").orElse("?");
                p.expect(clients.contains(client), w.name() + " uses client " + client + ", the realm has " + clients);
            }
        }
        p.verify();
    }

    // ------------------------------------------------------------------------------------------------ telemetry

    /**
     * The OpenTelemetry Collector: Deployment, Service, configuration ConfigMap mounted where its --config points; the
     * configuration's pipelines use only defined components; receivers and health check listen on declared ports.
     */
    static void collector(Rendered r) {
        Problems p = new Problems("OpenTelemetry Collector", r);
        Optional<Rendered.Workload> w = r.workload(COLLECTOR);
        Optional<JsonNode> config = collectorConfig(r);
        if (!p.expect(w.isPresent() && r.find(Service.class, COLLECTOR).isPresent() && config.isPresent(),
                "collector Deployment, Service or configuration missing")) {
            p.verify();
            return;
        }
        Container c = w.get().main();
        Set<Integer> ports = NetworkAccess.declaredPorts(w.get());
        JsonNode cfg = config.get();
        for (String protocol : List.of("grpc", "http")) {
            Optional<Integer> port = endpointPort(cfg.path("receivers").path("otlp").path("protocols").path(protocol)
                    .path("endpoint").asText(null));
            p.expect(port.isPresent() && ports.contains(port.get()),
                    "OTLP/" + protocol + " receiver on " + port.orElse(null) + ", container ports " + ports);
        }
        Optional<Integer> health = endpointPort(cfg.path("extensions").path("health_check").path("endpoint").asText(null));
        for (Probe probe : Stream.of(c.getStartupProbe(), c.getReadinessProbe(), c.getLivenessProbe())
                .filter(Objects::nonNull).toList()) {
            p.expect(probe.getHttpGet() != null && Rendered.resolvePort(probe.getHttpGet().getPort(), w.get()).equals(health),
                    "collector probe does not hit the health_check extension (port " + health.orElse(null) + ")");
        }
        for (String section : List.of("receivers", "processors", "exporters")) {
            Set<String> defined = new TreeSet<>();
            cfg.path(section).fieldNames().forEachRemaining(defined::add);
            cfg.path("service").path("pipelines").fields().forEachRemaining(pipeline ->
                    pipeline.getValue().path(section).forEach(component -> p.expect(defined.contains(component.asText()),
                            "pipeline " + pipeline.getKey() + " uses undefined " + section + " " + component.asText())));
        }
        cfg.path("service").path("extensions").forEach(e -> p.expect(cfg.path("extensions").has(e.asText()),
                "service uses undefined extension " + e.asText()));
        String configArg = Optional.ofNullable(c.getArgs()).orElse(List.of()).stream()
                .filter(a -> a.startsWith("--config=")).map(a -> a.substring("--config=".length())).findFirst().orElse("");
        boolean mounted = Optional.ofNullable(c.getVolumeMounts()).orElse(List.of()).stream().anyMatch(m ->
                configArg.startsWith(m.getMountPath() + "/") && w.get().template().getSpec().getVolumes().stream()
                        .anyMatch(v -> v.getName().equals(m.getName()) && v.getConfigMap() != null
                                && r.find(ConfigMap.class, v.getConfigMap().getName()).map(cm -> cm.getData()
                                .containsKey(configArg.substring(m.getMountPath().length() + 1))).orElse(false)));
        p.expect(mounted, "--config=" + configArg + " is not a key of the mounted collector ConfigMap");
        p.verify();
    }

    static Optional<JsonNode> collectorConfig(Rendered r) {
        return r.configMap("otel-collector-config").map(cm -> cm.getData().get("collector.yaml")).map(text -> {
            try {
                return YAML.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("the collector configuration is not YAML: " + e.getMessage(), e);
            }
        });
    }

    private static Optional<Integer> endpointPort(String endpoint) {
        if (endpoint == null) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile(":(\\d+)$").matcher(endpoint);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** prometheus.io annotations only where a metrics endpoint exists, and on the HTTP port. */
    static void metricsAnnotations(Rendered r) {
        Problems p = new Problems("metrics annotations", r);
        for (Rendered.Workload w : r.workloads()) {
            Map<String, String> annotations = Optional.ofNullable(w.template().getMetadata().getAnnotations()).orElse(Map.of());
            if (!"true".equals(annotations.get("prometheus.io/scrape"))) {
                continue;
            }
            boolean hasMetrics = w.isService() && ModuleProperties.pomDeclares(w.name(), PROMETHEUS_EXTENSION);
            if (p.expect(hasMetrics, w.name() + " is marked for scraping but has no " + PROMETHEUS_EXTENSION)) {
                p.expect("/q/metrics".equals(annotations.get("prometheus.io/path")), w.name() + ": metrics path");
                p.expect(String.valueOf(httpPort(r, w)).equals(annotations.get("prometheus.io/port")),
                        w.name() + ": prometheus.io/port is not the HTTP port");
            }
        }
        p.verify();
    }

    // ------------------------------------------------------------------------------------------------ ports

    /** The HTTP port a service listens on: the manifest's value of the variable behind quarkus.http.port, else its default. */
    static int httpPort(Rendered r, Rendered.Workload w) {
        return port(r, w, "quarkus.http.port")
                .orElseThrow(() -> new AssertionError(w.name() + ": quarkus.http.port is not ${VARIABLE:default}"));
    }

    /** The gRPC port, when the service runs a separate gRPC server. */
    static Optional<Integer> grpcPort(Rendered r, Rendered.Workload w) {
        return ModuleProperties.of(w.name()).hasSeparateGrpcServer() ? port(r, w, "quarkus.grpc.server.port")
                : Optional.empty();
    }

    private static Optional<Integer> port(Rendered r, Rendered.Workload w, String property) {
        return ModuleProperties.of(w.name()).binding(property).flatMap(b ->
                r.env(w.main(), b.variable()).or(b::defaultValue)).map(Integer::parseInt);
    }

    private static String realmName() {
        try {
            return new ObjectMapper().readTree(Repo.read(Repo.realm())).path("realm").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
