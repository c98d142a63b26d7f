package org.oncopredict.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checks can fail: each case breaks one thing in a copy of a real render (its YAML text or its parsed objects),
 * and the check responsible must reject it with a message naming the problem — while the unbroken render passes
 * (the other test classes).
 */
class ChecksCatchMistakesTest {

    /** A deliberate mistake: how to make it, which check must catch it, and what the check must say. */
    record Mistake(String description, Overlay overlay, UnaryOperator<String> text, Consumer<Rendered> objects,
                   Consumer<Rendered> check, String message) {

        static Mistake inText(String description, Overlay overlay, UnaryOperator<String> edit, Consumer<Rendered> check,
                              String message) {
            return new Mistake(description, overlay, edit, r -> { }, check, message);
        }

        static Mistake inObjects(String description, Overlay overlay, Consumer<Rendered> edit, Consumer<Rendered> check,
                                 String message) {
            return new Mistake(description, overlay, UnaryOperator.identity(), edit, check, message);
        }

        @Override
        public String toString() {
            return description + " (" + overlay.directory + ")";
        }
    }

    static Stream<Mistake> mistakes() {
        Consumer<Rendered> networkPolicies = r -> Checks.networkPolicies(r, NetworkPolicyTest.EXPECTED);
        return Stream.of(
                Mistake.inText("unknown field", Overlay.PROD,
                        t -> once(t, "imagePullPolicy: IfNotPresent", "imagePullPolicyy: IfNotPresent"),
                        Checks::schema, "imagePullPolicyy"),
                Mistake.inText("missing required field", Overlay.PROD,
                        t -> once(t, "- containerPort: 8102", "- hostPort: 8102"),
                        Checks::schema, "containerPort"),
                Mistake.inText("readiness probe on the wrong path", Overlay.DEV,
                        t -> once(t, "path: /q/health/ready", "path: /q/health"),
                        Checks::probes, "path is /q/health"),
                Mistake.inObjects("probe on the gRPC port", Overlay.PROD,
                        r -> container(r, "patient-profile-svc").getLivenessProbe().getHttpGet()
                                .setPort(new IntOrString("grpc")),
                        Checks::probes, "is not the HTTP port 8101"),
                Mistake.inObjects("container port differs from application.properties", Overlay.PROD,
                        r -> container(r, "efficacy-model-svc").getPorts().get(1).setContainerPort(9999),
                        Checks::containerPorts, "container ports"),
                Mistake.inObjects("no memory limit", Overlay.DEV,
                        r -> container(r, "gateway").getResources().getLimits().remove("memory"),
                        Checks::resources, "no memory limit"),
                Mistake.inObjects("writable root filesystem", Overlay.PROD,
                        r -> container(r, "gateway").getSecurityContext().setReadOnlyRootFilesystem(false),
                        Checks::security, "readOnlyRootFilesystem is not true"),
                Mistake.inObjects("capabilities kept", Overlay.PROD,
                        r -> container(r, "efficacy-model-svc").getSecurityContext().getCapabilities().setDrop(List.of()),
                        Checks::security, "do not drop ALL"),
                Mistake.inObjects("no /tmp volume", Overlay.PROD,
                        r -> container(r, "patient-profile-svc").getVolumeMounts().clear(),
                        Checks::security, "no writable emptyDir mounted on /tmp"),
                Mistake.inObjects("image name not Jib's", Overlay.PROD,
                        r -> container(r, "gateway").setImage("oncopredict/api-gateway:0.1.0"),
                        Checks::images, "Jib builds oncopredict/gateway"),
                Mistake.inObjects("variable the service does not read", Overlay.PROD,
                        r -> container(r, "patient-profile-svc").getEnv()
                                .add(new EnvVarBuilder().withName("DB_URLL").withValue("x").build()),
                        Checks::environment, "sets DB_URLL"),
                Mistake.inObjects("secret as a literal", Overlay.PROD,
                        r -> env(r, "patient-profile-svc", "DEID_SECRET").setValueFrom(null),
                        Checks::environment, "DEID_SECRET is not taken from a Secret"),
                Mistake.inObjects("gRPC client pointed at the HTTP port", Overlay.DEV,
                        r -> r.configMap("gateway-config").orElseThrow().getData().put("PROFILE_GRPC_PORT", "8101"),
                        Checks::wiring, "serves gRPC on 9101"),
                Mistake.inObjects("OTLP to the HTTP receiver", Overlay.PROD,
                        r -> r.configMap("oncopredict-otel").orElseThrow().getData()
                                .put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318"),
                        Checks::wiring, "OTLP/gRPC receiver listens on 4317"),
                Mistake.inObjects("Service targets an undeclared port", Overlay.PROD,
                        r -> r.find(Service.class, "patient-profile-svc").orElseThrow().getSpec().getPorts().get(0)
                                .setTargetPort(new IntOrString("grpcc")),
                        Checks::services, "which patient-profile-svc does not declare"),
                Mistake.inObjects("Ingress to an internal service", Overlay.PROD,
                        r -> r.all(Ingress.class).get(0).getSpec().getRules().get(0).getHttp().getPaths().get(0)
                                .getBackend().getService().setName("patient-profile-svc"),
                        Checks::ingress, "only the gateway is public"),
                Mistake.inObjects("policy admitting every source", Overlay.PROD,
                        r -> r.find(NetworkPolicy.class, "patient-profile-svc-from-callers").orElseThrow()
                                .getSpec().getIngress().get(0).setFrom(null),
                        networkPolicies, "patient-profile-svc admits ports [9101] from a pod of another namespace"),
                Mistake.inObjects("no default deny", Overlay.DEV,
                        r -> r.objects.removeIf(o -> o.getMetadata().getName().equals("default-deny-ingress")),
                        networkPolicies, "no default-deny ingress policy"),
                Mistake.inObjects("efficacy open to the collector", Overlay.PROD,
                        r -> r.find(NetworkPolicy.class, "efficacy-model-svc-from-gateway").orElseThrow()
                                .getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels()
                                .put("app.kubernetes.io/name", "otel-collector"),
                        networkPolicies, "efficacy-model-svc admits nothing from Deployment gateway"),
                Mistake.inObjects("HPA on a missing Deployment", Overlay.PROD,
                        r -> r.find(HorizontalPodAutoscaler.class, "gateway").orElseThrow().getSpec()
                                .getScaleTargetRef().setName("gateway-v2"),
                        Checks::autoscaling, "targets missing Deployment gateway-v2"),
                Mistake.inObjects("replicas on an autoscaled Deployment", Overlay.PROD,
                        r -> r.find(Deployment.class, "efficacy-model-svc").orElseThrow().getSpec().setReplicas(3),
                        Checks::autoscaling, "sets replicas although an HPA owns the count"),
                Mistake.inObjects("PDB selecting nothing", Overlay.PROD,
                        r -> r.find(PodDisruptionBudget.class, "gateway").orElseThrow().getSpec().getSelector()
                                .getMatchLabels().put(Rendered.NAME_LABEL, "api-gateway"),
                        Checks::disruptionBudgets, "selects no pods"),
                Mistake.inText("committed Secret", Overlay.PROD,
                        t -> t + "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: leaked\n  namespace: oncopredict\n"
                                + "data:\n  password: aHVudGVyMg==\n",
                        Checks::noCommittedSecrets, "contains Secret leaked"),
                Mistake.inObjects("undocumented secret key", Overlay.PROD,
                        r -> container(r, "gateway").getEnv().add(new EnvVarBuilder().withName("OIDC_CLIENT_SECRET")
                                .withNewValueFrom().withNewSecretKeyRef("api-client-secret", "oncopredict-secrets", false)
                                .endValueFrom().build()),
                        r -> Checks.documentedSecrets(r, ReadmeSecrets.documented(r.overlay.namespace)),
                        "api-client-secret"),
                Mistake.inObjects("Keycloak in prod", Overlay.PROD,
                        r -> r.objects.add(Rendered.of(Overlay.DEV).find(Deployment.class, "keycloak").orElseThrow()),
                        Checks::dependencies, "prod runs keycloak"),
                Mistake.inObjects("dev service logs in as a role nobody creates", Overlay.DEV,
                        r -> r.configMap("gateway-config").orElseThrow().getData().put("DB_USER", "audit"),
                        Checks::devDatabaseRoles, "logs in as audit"),
                Mistake.inObjects("collector config without its receiver port", Overlay.PROD,
                        r -> container(r, "otel-collector").getPorts().remove(0),
                        Checks::collector, "OTLP/grpc receiver on 4317"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void isCaught(Mistake mistake) {
        Rendered broken = Rendered.fromYaml(mistake.overlay(), mistake.text().apply(Rendered.of(mistake.overlay()).yaml));
        mistake.objects().accept(broken);
        assertThatThrownBy(() -> mistake.check().accept(broken))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(mistake.message());
        // The same check passes on an unbroken copy: the failure is the mistake's doing.
        mistake.check().accept(Rendered.copy(mistake.overlay()));
    }

    @Test
    void aFieldOfTheWrongTypeFailsTheTypedParse() {
        String yaml = once(Rendered.of(Overlay.PROD).yaml, "replicas: 2", "replicas: {count: 2}");
        assertThatThrownBy(() -> Rendered.fromYaml(Overlay.PROD, yaml))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("not a valid Kubernetes object");
    }

    @Test
    void anUnknownKindFailsTheTypedParse() {
        String yaml = "apiVersion: example.org/v1\nkind: Widget\nmetadata:\n  name: w\n";
        assertThatThrownBy(() -> Rendered.fromYaml(Overlay.PROD, yaml))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("unknown apiVersion/kind example.org/v1 Widget");
    }

    @Test
    void readmeParserFindsTheDocumentedCommands() {
        Map<String, ?> prod = ReadmeSecrets.documented(Overlay.PROD.namespace);
        Map<String, ?> dev = ReadmeSecrets.documented(Overlay.DEV.namespace);
        assertThat(prod).containsKeys("oncopredict-secrets", "oncopredict-tls");
        assertThat(dev).containsKey("oncopredict-secrets").doesNotContainKey("oncopredict-tls");
    }

    private static String once(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("the render contains %s", from).isNotNegative();
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    private static Container container(Rendered r, String workload) {
        return r.workload(workload).orElseThrow().main();
    }

    private static EnvVar env(Rendered r, String workload, String name) {
        EnvVar env = container(r, workload).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow();
        if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
            env.setValue("not-a-secret-anymore");
        }
        return env;
    }
}
