package org.oncopredict.efficacy.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registration and reads against PostgreSQL: metadata, byte-exact artifacts, digests, documents, events. */
@QuarkusTest
class ModelRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ModelRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void emptyRegistry() {
        RegistryFixtures.truncate(dataSource);
    }

    @Test
    void registeredVersionIsListedAndFoundWithItsMetadata() {
        Instant before = Instant.now();
        long first = registry.register(RegistryFixtures.good().build());
        long second = registry.register(RegistryFixtures.withQuality(0.81, null, 0.66).createdBy("u-0b12").cohortSize(1200)
                .build());

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(registry.list()).extracting(ModelVersionSummary::version).containsExactly(2L, 1L);

        ModelVersionSummary v1 = registry.find(1).orElseThrow();
        assertThat(v1.state()).isEqualTo(ModelState.CANDIDATE);
        assertThat(v1.kind()).isEqualTo("TRAINED");
        assertThat(v1.parentVersion()).isNull();
        assertThat(v1.createdBy()).isEqualTo("u-7f3a");
        assertThat(v1.featureSchema()).isEqualTo("features-v1");
        assertThat(v1.learner()).isEqualTo("logistic-sgd");
        assertThat(v1.cohortHash()).isEqualTo(RegistryFixtures.COHORT_HASH);
        assertThat(v1.cohortSize()).isEqualTo(480);
        assertThat(v1.quality()).isEqualTo(QualityFigures.of(0.72, 1.02, 0.68));
        assertThat(v1.createdAt()).isBetween(before.minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(v1.activatedAt()).isNull();
        assertThat(v1.retiredAt()).isNull();

        ModelVersionSummary v2 = registry.find(2).orElseThrow();
        assertThat(v2.createdBy()).isEqualTo("u-0b12");
        assertThat(v2.cohortSize()).isEqualTo(1200);
        assertThat(v2.quality().auroc().getAsDouble()).isEqualTo(0.81);
        assertThat(v2.quality().calibrationSlope()).isEmpty();
        assertThat(v2.quality().cIndex().getAsDouble()).isEqualTo(0.66);
        assertThat(registry.active()).isEmpty();
    }

    @Test
    void artifactRoundTripsByteForByteWithItsSha256() throws Exception {
        byte[] bytes = new byte[1 << 20];
        new Random(7).nextBytes(bytes);
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i; // every byte value, including 0x00 and 0xff
        }
        long version = registry.register(RegistryFixtures.good().artifact(bytes).build());

        assertThat(registry.artifact(version)).isEqualTo(bytes);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(registry.find(version).orElseThrow().artifactSha256()).isEqualTo(expected);
    }

    @Test
    void sha256MatchesTheStandardTestVector() {
        long version = registry.register(RegistryFixtures.good().artifact("abc".getBytes(StandardCharsets.US_ASCII)).build());

        assertThat(registry.find(version).orElseThrow().artifactSha256())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void jsonDocumentsKeepTheirContent() throws Exception {
        NewModelVersion model = RegistryFixtures.good()
                .modelCard("{\"intendedUse\": \"decision support\", \"limits\": [\"not validated on paediatric patients\"]}")
                .build();
        long version = registry.register(model);

        assertThat(JSON.readTree(registry.modelCard(version))).isEqualTo(JSON.readTree(model.modelCardJson()));
        assertThat(JSON.readTree(registry.metrics(version))).isEqualTo(JSON.readTree(model.metricsJson()));
        assertThat(JSON.readTree(registry.trainerConfig(version))).isEqualTo(JSON.readTree(model.trainerConfigJson()));
        assertThat(JSON.readTree(registry.provenance(version))).isEqualTo(JSON.readTree(model.provenanceJson()));
        assertThat(JSON.readTree(registry.metrics(version)).get("auroc_ci").get(1).asDouble()).isEqualTo(0.78);
    }

    @Test
    void registrationIsLoggedAsAnEvent() throws Exception {
        long version = registry.register(RegistryFixtures.good().createdBy("u-aa01").build());

        assertThat(registry.events(version)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(ModelAction.REGISTERED);
            assertThat(e.actor()).isEqualTo("u-aa01");
            assertThat(e.version()).isEqualTo(version);
            assertThat(JSON.readTree(e.detailJson()).get("artifactSha256").asText())
                    .isEqualTo(registry.find(version).orElseThrow().artifactSha256());
        });
    }

    @Test
    void recalibratedVersionPointsToItsParent() {
        long parent = registry.register(RegistryFixtures.good().build());
        long child = registry.register(RegistryFixtures.good().kind("RECALIBRATED").parentVersion(parent).build());

        ModelVersionSummary summary = registry.find(child).orElseThrow();
        assertThat(summary.kind()).isEqualTo("RECALIBRATED");
        assertThat(summary.parentVersion()).isEqualTo(parent);
    }

    @Test
    void unknownParentIsNotFoundAndNothingIsRegistered() {
        registry.register(RegistryFixtures.good().build());

        assertThatThrownBy(() -> registry.register(RegistryFixtures.good().kind("RECALIBRATED").parentVersion(99L).build()))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.NOT_FOUND))
                .hasMessage("parent model version 99 does not exist");
        assertThat(registry.list()).hasSize(1);
    }

    @Test
    void unknownVersionIsNotFound() {
        assertThat(registry.find(42)).isEmpty();
        for (ThrowingRead read : new ThrowingRead[]{registry::artifact, registry::modelCard, registry::metrics,
                registry::trainerConfig, registry::provenance, registry::events}) {
            assertThatThrownBy(() -> read.read(42))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.NOT_FOUND))
                    .hasMessage("model version 42 does not exist");
        }
    }

    private interface ThrowingRead {
        Object read(long version);
    }
}
