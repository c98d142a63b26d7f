package org.oncopredict.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * Validates one object against the Kubernetes OpenAPI schema as the official Kubernetes Java client
 * ({@code io.kubernetes:client-java-api}) compiled it: each generated model class ({@code V1Deployment},
 * {@code V2HorizontalPodAutoscaler}, …) has a static {@code validateJsonElement} that walks the object and rejects
 * fields the schema does not define, required fields that are missing, and objects or arrays where the schema has a
 * scalar. It does not check enum values, formats or numeric ranges (the API server does), nor cross-object references
 * (the consistency checks do).
 */
final class OpenApiSchema {

    /** The kinds these manifests may use, with the API version each must be written in. */
    static final Map<String, String> API_VERSIONS = Map.ofEntries(
            Map.entry("Namespace", "v1"),
            Map.entry("ConfigMap", "v1"),
            Map.entry("Secret", "v1"),
            Map.entry("Service", "v1"),
            Map.entry("Deployment", "apps/v1"),
            Map.entry("StatefulSet", "apps/v1"),
            Map.entry("Job", "batch/v1"),
            Map.entry("Ingress", "networking.k8s.io/v1"),
            Map.entry("NetworkPolicy", "networking.k8s.io/v1"),
            Map.entry("HorizontalPodAutoscaler", "autoscaling/v2"),
            Map.entry("PodDisruptionBudget", "policy/v1"));

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiSchema() {
    }

    /** Empty when the document is valid, else what is wrong (the generated validator's message). */
    static Optional<String> problem(String document) {
        JsonNode tree;
        try {
            tree = YAML.readTree(document);
        } catch (Exception e) {
            return Optional.of("not YAML: " + e.getMessage());
        }
        String kind = tree.path("kind").asText("");
        String apiVersion = tree.path("apiVersion").asText("");
        String name = tree.path("metadata").path("name").asText("?");
        String expected = API_VERSIONS.get(kind);
        if (expected == null) {
            return Optional.of(kind + " " + name + ": kind not expected in these manifests");
        }
        if (!expected.equals(apiVersion)) {
            return Optional.of(kind + " " + name + ": apiVersion " + apiVersion + ", expected " + expected);
        }
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String modelClass = "io.kubernetes.client.openapi.models." + Character.toUpperCase(version.charAt(0))
                + version.substring(1) + kind;
        try {
            JsonElement json = JsonParser.parseString(JSON.writeValueAsString(tree));
            Method validate = Class.forName(modelClass).getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
            return Optional.empty();
        } catch (InvocationTargetException e) {
            String message = String.valueOf(e.getCause().getMessage());
            // The generated messages end with the whole offending JSON; the first sentence names the field and type.
            int json = message.indexOf(" JSON: ");
            return Optional.of(kind + " " + name + ": " + (json > 0 ? message.substring(0, json) : message));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no OpenAPI model " + modelClass + " in client-java-api", e);
        } catch (Exception e) {
            return Optional.of(kind + " " + name + ": " + e);
        }
    }
}
