package org.oncopredict.efficacy.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each invalid field is rejected on construction with a message that starts with the field's name. */
class NewModelVersionTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("blank createdBy", edit(b -> b.createdBy("  ")), "createdBy must not be blank"),
                arguments("null createdBy", edit(b -> b.createdBy(null)), "createdBy must not be blank"),
                arguments("empty artifact", edit(b -> b.artifact(new byte[0])), "artifact must not be empty"),
                arguments("null artifact", edit(b -> b.artifact(null)), "artifact must not be empty"),
                arguments("invalid JSON", edit(b -> b.trainerConfig("{\"epochs\": ")), "trainerConfigJson is not valid JSON"),
                arguments("JSON array", edit(b -> b.provenance("[1, 2]")), "provenanceJson must be a JSON object"),
                arguments("trailing garbage", edit(b -> b.metrics("{} {}")), "metricsJson is not valid JSON"),
                arguments("blank model card", edit(b -> b.modelCard("")), "modelCardJson must not be blank"),
                arguments("NUL in JSON", edit(b -> b.modelCard("{\"a\": \"x\\u0000y\"}")), "modelCardJson must not contain"),
                arguments("upper-case hash", edit(b -> b.cohortHash(RegistryFixtures.COHORT_HASH.toUpperCase())), "cohortHash"),
                arguments("short hash", edit(b -> b.cohortHash("abc123")), "cohortHash"),
                arguments("zero cohort", edit(b -> b.cohortSize(0)), "cohortSize must be positive"),
                arguments("lower-case kind", edit(b -> b.kind("trained")), "kind must be an upper-case token"),
                arguments("recalibrated without parent", edit(b -> b.kind("RECALIBRATED")), "parentVersion is required"),
                arguments("parent 0", edit(b -> b.parentVersion(0L)), "parentVersion must be a positive"),
                arguments("null quality", edit(b -> b.quality(null)), "quality must not be null"));
    }

    private static Executable edit(UnaryOperator<RegistryFixtures.Builder> change) {
        return () -> change.apply(RegistryFixtures.good()).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsInvalidFieldNamingIt(String label, Executable construct, String message) {
        assertThatThrownBy(construct::execute).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void validVersionKeepsItsValues() {
        NewModelVersion model = RegistryFixtures.good().kind("RECALIBRATED").parentVersion(3L).build();

        assertThat(model.kind()).isEqualTo("RECALIBRATED");
        assertThat(model.parentVersion()).isEqualTo(3L);
        assertThat(model.cohortSize()).isEqualTo(480);
        assertThat(model.artifact()).asString().isEqualTo("tribuo-model-bytes");
    }

    @Test
    void artifactIsCopiedInAndOutAndComparedByContent() {
        byte[] bytes = {1, 2, 3};
        NewModelVersion model = RegistryFixtures.good().artifact(bytes).build();
        bytes[0] = 9;
        model.artifact()[1] = 9;

        assertThat(model.artifact()).containsExactly(1, 2, 3);
        assertThat(model).isEqualTo(RegistryFixtures.good().artifact(new byte[]{1, 2, 3}).build())
                .hasSameHashCodeAs(RegistryFixtures.good().artifact(new byte[]{1, 2, 3}).build())
                .isNotEqualTo(RegistryFixtures.good().artifact(new byte[]{1, 2, 4}).build());
        assertThat(model.toString()).contains("artifact=3 bytes");
    }
}
