package org.oncopredict.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each overlay renders with the real kustomize, every object is schema-valid, typed, and in the overlay's namespace. */
class RenderTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void rendersWithKustomizeIntoKnownKinds(Overlay overlay) {
        Rendered r = Rendered.of(overlay);
        assertThat(r.objects).extracting(o -> o.getKind())
                .contains("Namespace", "ConfigMap", "Deployment", "Service", "Ingress", "NetworkPolicy",
                        "HorizontalPodAutoscaler", "PodDisruptionBudget");
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyObjectMatchesTheKubernetesOpenApiSchema(Overlay overlay) {
        Checks.schema(Rendered.of(overlay));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everythingLivesInTheOverlaysRestrictedNamespace(Overlay overlay) {
        Checks.namespaces(Rendered.of(overlay));
    }

    /**
     * {@code kubectl apply -k} uses the kustomize compiled into kubectl (5.x today): when a kubectl is on the PATH,
     * its rendering must be the same objects, without warnings. Skipped where there is no kubectl.
     */
    @ParameterizedTest
    @EnumSource(Overlay.class)
    void kubectlsBuiltInKustomizeRendersTheSame(Overlay overlay) throws Exception {
        Path kubectl = onPath("kubectl");
        assumeTrue(kubectl != null, "no kubectl on the PATH");
        // kubectl before 1.21 embeds kustomize 2.0, which predates half of these kustomizations' fields.
        Kustomize.Result version = Kustomize.run(kubectl, List.of("version", "--client"));
        Matcher kustomize = Pattern.compile("Kustomize Version: v(\\d+)").matcher(version.stdout());
        assumeTrue(kustomize.find() && Integer.parseInt(kustomize.group(1)) >= 5,
                "kubectl embeds no kustomize 5.x: " + version.stdout().strip());
        var arguments = new java.util.ArrayList<>(Kustomize.buildArguments(overlay));
        arguments.set(0, "kustomize");
        Kustomize.Result result = Kustomize.run(kubectl, arguments);
        assertThat(result.exitCode()).as("kubectl kustomize: %s", result.stderr()).isZero();
        assertThat(result.stderr()).as("kubectl kustomize warnings").isBlank();
        assertThat(documents(result.stdout())).isEqualTo(documents(Kustomize.build(overlay)));
    }

    private static Set<JsonNode> documents(String yaml) throws Exception {
        YAMLMapper mapper = new YAMLMapper();
        Set<JsonNode> documents = new HashSet<>();
        for (String document : Rendered.split(yaml)) {
            documents.add(mapper.readTree(document));
        }
        return documents;
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
