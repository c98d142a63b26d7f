package org.oncopredict.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' container-image configuration (quarkus-container-image-jib): off by default, the names the manifests
 * deploy, a pinned non-root base image, the ports the services listen on. The image build itself needs a registry or a
 * Docker daemon and is not exercised by these tests.
 */
class JibImageConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "patient-profile-svc", "efficacy-model-svc"})
    void jibIsConfiguredAndOffByDefault(String module) {
        ModuleProperties props = ModuleProperties.of(module);
        assertThat(ModuleProperties.pomDeclares(module, "quarkus-container-image-jib"))
                .as("%s/pom.xml declares quarkus-container-image-jib", module).isTrue();
        assertThat(props.property("quarkus.container-image.build")).as("image build off by default").hasValue("false");
        assertThat(props.property("quarkus.container-image.push")).as("push off by default").hasValue("false");
        assertThat(props.property("quarkus.container-image.registry")).as("the registry is CI's choice").isEmpty();
        assertThat(props.property("quarkus.container-image.group")).hasValue("oncopredict");
        assertThat(props.property("quarkus.container-image.name")).hasValue(module);
        assertThat(props.property("quarkus.container-image.tag")).as("tagged with the project version")
                .hasValueSatisfying(tag -> assertThat(tag).startsWith("${quarkus.application.version"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "patient-profile-svc", "efficacy-model-svc"})
    void baseImageIsPinnedAndUserIsNotRoot(String module) {
        ModuleProperties props = ModuleProperties.of(module);
        assertThat(props.property("quarkus.jib.base-jvm-image")).hasValueSatisfying(image -> assertThat(image)
                // the UBI OpenJDK runtime: Quarkus starts it with run-java.sh (JAVA_OPTS_APPEND carries our JVM flags)
                .startsWith("registry.access.redhat.com/ubi9/openjdk-17-runtime:")
                .doesNotEndWith(":latest"));
        assertThat(props.property("quarkus.jib.user")).hasValueSatisfying(user ->
                assertThat(Long.parseLong(user)).as("numeric, non-root user").isPositive());
        assertThat(props.property("quarkus.jib.jvm-additional-arguments"))
                .hasValueSatisfying(args -> assertThat(args).contains("-XX:MaxRAMPercentage="));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "patient-profile-svc", "efficacy-model-svc"})
    void imageExposesTheServicesDefaultPorts(String module) {
        ModuleProperties props = ModuleProperties.of(module);
        List<String> exposed = Arrays.stream(props.property("quarkus.jib.ports").orElse("").split(","))
                .map(String::trim).toList();
        assertThat(exposed).contains(props.binding("quarkus.http.port").orElseThrow().defaultValue().orElseThrow());
        if (props.hasSeparateGrpcServer()) {
            assertThat(exposed).contains(props.binding("quarkus.grpc.server.port").orElseThrow().defaultValue().orElseThrow());
        }
    }
}
