package org.oncopredict.k8s;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's {@code src/main/resources/application.properties} reads from the environment: the source of
 * truth for the variables the manifests may set and for the ports the containers must declare.
 *
 * <p>Only properties active in the production profile count: keys without a profile, or {@code %prod.}. An
 * expression {@code ${NAME}} or {@code ${NAME:default}} with an upper-case NAME is an environment variable.
 */
record ModuleProperties(String module, Properties properties, Set<String> environmentVariables) {

    /** The three services, named like their Maven modules (and their Deployments, Services and images). */
    static final Set<String> SERVICES = Collections.unmodifiableSet(
            new java.util.LinkedHashSet<>(java.util.List.of("gateway", "patient-profile-svc", "efficacy-model-svc")));

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern WHOLE_ENV_EXPRESSION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^${}]*))?}");
    private static final Map<String, ModuleProperties> CACHE = new ConcurrentHashMap<>();

    /** A property whose whole value is {@code ${NAME:default}}. */
    record EnvBinding(String variable, Optional<String> defaultValue) {
    }

    static ModuleProperties of(String module) {
        return CACHE.computeIfAbsent(module, ModuleProperties::read);
    }

    private static ModuleProperties read(String module) {
        Path file = Repo.applicationProperties(module);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        Set<String> variables = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (!activeInProduction(key)) {
                continue;
            }
            Matcher matcher = ENV_REFERENCE.matcher(properties.getProperty(key));
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
        }
        if (variables.isEmpty()) {
            throw new IllegalStateException(file + " reads no environment variable: wrong file?");
        }
        return new ModuleProperties(module, properties, Collections.unmodifiableSet(variables));
    }

    private static boolean activeInProduction(String key) {
        return !key.startsWith("%") || key.startsWith("%prod.");
    }

    Optional<String> property(String key) {
        return Optional.ofNullable(properties.getProperty("%prod." + key, properties.getProperty(key)));
    }

    /** The variable and default behind a property such as {@code quarkus.http.port=${HTTP_PORT:8101}}. */
    Optional<EnvBinding> binding(String key) {
        return property(key).map(String::trim).flatMap(value -> {
            Matcher matcher = WHOLE_ENV_EXPRESSION.matcher(value);
            return matcher.matches()
                    ? Optional.of(new EnvBinding(matcher.group(1), Optional.ofNullable(matcher.group(2))))
                    : Optional.empty();
        });
    }

    boolean reads(String variable) {
        return environmentVariables.contains(variable);
    }

    /** The default of {@code ${VARIABLE:default}} wherever a production property uses the variable. */
    Optional<String> defaultOf(String variable) {
        Pattern expression = Pattern.compile("\\$\\{" + Pattern.quote(variable) + ":([^${}]*)}");
        return properties.stringPropertyNames().stream().filter(ModuleProperties::activeInProduction).sorted()
                .map(key -> expression.matcher(properties.getProperty(key)))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst();
    }

    /** Whether the module's pom declares a dependency on the artifact (the test module reads poms as text). */
    static boolean pomDeclares(String module, String artifactId) {
        return Pattern.compile("<artifactId>\\s*" + Pattern.quote(artifactId) + "\\s*</artifactId>")
                .matcher(Repo.read(Repo.pom(module))).find();
    }

    /** Whether the service runs a gRPC server on its own port (quarkus.grpc.server.use-separate-server). */
    boolean hasSeparateGrpcServer() {
        return property("quarkus.grpc.server.use-separate-server").map(Boolean::parseBoolean).orElse(false);
    }
}
