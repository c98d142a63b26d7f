package org.oncopredict.efficacy.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Activation through the gate, retirement, rollback, and the one-active rule under concurrent activations. */
@QuarkusTest
class ModelLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ModelRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void emptyRegistry() {
        RegistryFixtures.truncate(dataSource);
    }

    private long registerGood() {
        return registry.register(RegistryFixtures.good().build());
    }

    private ModelState state(long version) {
        return registry.find(version).orElseThrow().state();
    }

    private List<ModelAction> actions(long version) {
        return registry.events(version).stream().map(ModelEvent::action).toList();
    }

    @Test
    void activatingASecondVersionRetiresTheFirst() throws Exception {
        long v1 = registerGood();
        long v2 = registerGood();

        ModelVersionSummary activated = registry.activate(v1, "u-admin");
        assertThat(activated.version()).isEqualTo(v1);
        assertThat(activated.state()).isEqualTo(ModelState.ACTIVE);
        assertThat(activated.activatedAt()).isNotNull();

        registry.activate(v2, "u-admin");

        ModelVersionSummary first = registry.find(v1).orElseThrow();
        assertThat(first.state()).isEqualTo(ModelState.RETIRED);
        assertThat(first.retiredAt()).isNotNull();
        assertThat(state(v2)).isEqualTo(ModelState.ACTIVE);
        assertThat(registry.active().orElseThrow().version()).isEqualTo(v2);
        assertThat(actions(v1)).containsExactly(ModelAction.REGISTERED, ModelAction.ACTIVATED, ModelAction.RETIRED);
        assertThat(actions(v2)).containsExactly(ModelAction.REGISTERED, ModelAction.ACTIVATED);
        ModelEvent activation = registry.events(v2).get(1);
        assertThat(activation.actor()).isEqualTo("u-admin");
        assertThat(JSON.readTree(activation.detailJson()).get("previous").asLong()).isEqualTo(v1);
        assertThat(JSON.readTree(activation.detailJson()).get("checks")).hasSize(3);
    }

    @Test
    void rollbackRestoresThePreviouslyActiveVersion() {
        long v1 = registerGood();
        long v2 = registerGood();
        registry.activate(v1, "u-admin");
        registry.activate(v2, "u-admin");

        ModelVersionSummary restored = registry.rollback("u-oncall");

        assertThat(restored.version()).isEqualTo(v1);
        assertThat(restored.state()).isEqualTo(ModelState.ACTIVE);
        assertThat(restored.retiredAt()).isNull();
        assertThat(state(v2)).isEqualTo(ModelState.RETIRED);
        assertThat(registry.active().orElseThrow().version()).isEqualTo(v1);
        assertThat(actions(v1)).endsWith(ModelAction.ROLLED_BACK);
        assertThat(registry.events(v1).get(3).actor()).isEqualTo("u-oncall");
        assertThat(actions(v2)).endsWith(ModelAction.RETIRED);

        // v1 was the first active version: nothing earlier to return to, and nothing changes.
        assertThatThrownBy(() -> registry.rollback("u-oncall"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.FAILED_PRECONDITION))
                .hasMessage("model version 1 has no previously active version to roll back to");
        assertThat(state(v1)).isEqualTo(ModelState.ACTIVE);
        assertThat(state(v2)).isEqualTo(ModelState.RETIRED);
    }

    @Test
    void successiveRollbacksWalkBackThroughTheActivationHistory() {
        long v1 = registerGood();
        long v2 = registerGood();
        long v3 = registerGood();
        registry.activate(v1, "u-admin");
        registry.activate(v2, "u-admin");
        registry.activate(v3, "u-admin");

        assertThat(registry.rollback("u-oncall").version()).isEqualTo(v2);
        assertThat(registry.rollback("u-oncall").version()).isEqualTo(v1);
        assertThatThrownBy(() -> registry.rollback("u-oncall")).isInstanceOf(RegistryException.class);
        assertThat(registry.list()).extracting(ModelVersionSummary::version, ModelVersionSummary::state)
                .containsExactly(
                        tuple(v3, ModelState.RETIRED),
                        tuple(v2, ModelState.RETIRED),
                        tuple(v1, ModelState.ACTIVE));
    }

    @Test
    void aRetiredVersionCanBeActivatedAgainAndRollbackReturnsToTheOneItReplaced() {
        long v1 = registerGood();
        long v2 = registerGood();
        registry.activate(v1, "u-admin");
        registry.activate(v2, "u-admin");

        ModelVersionSummary again = registry.activate(v1, "u-admin");

        assertThat(again.state()).isEqualTo(ModelState.ACTIVE);
        assertThat(again.retiredAt()).isNull();
        assertThat(state(v2)).isEqualTo(ModelState.RETIRED);
        assertThat(registry.rollback("u-oncall").version()).isEqualTo(v2);
        assertThat(state(v1)).isEqualTo(ModelState.RETIRED);
    }

    @Test
    void rollbackWithNothingActiveIsAFailedPrecondition() {
        registerGood();

        assertThatThrownBy(() -> registry.rollback("u-oncall"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.FAILED_PRECONDITION))
                .hasMessage("no model version is active, nothing to roll back");
    }

    @Test
    void activatingTheActiveVersionOrAnUnknownOneIsRefused() {
        long v1 = registerGood();
        registry.activate(v1, "u-admin");

        assertThatThrownBy(() -> registry.activate(v1, "u-admin"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.FAILED_PRECONDITION))
                .hasMessage("model version 1 is already active");
        assertThatThrownBy(() -> registry.activate(77, "u-admin"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.NOT_FOUND))
                .hasMessage("model version 77 does not exist");
        assertThatThrownBy(() -> registry.activate(v1, " "))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.INVALID_ARGUMENT))
                .hasMessage("actor must not be blank");
        assertThat(actions(v1)).containsExactly(ModelAction.REGISTERED, ModelAction.ACTIVATED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "auroc 0.55    | 0.55 | 1.0 | 0.7  | auroc             | >= 0.6",
            "slope 0.7     | 0.7  | 0.7 | 0.7  | calibration_slope | within [0.8, 1.2]",
            "slope 1.3     | 0.7  | 1.3 | 0.7  | calibration_slope | within [0.8, 1.2]",
            "c-index 0.58  | 0.7  | 1.0 | 0.58 | c_index           | >= 0.6",
    })
    void gateRefusalLeavesTheRegistryUnchangedAndIsRecorded(String label, double auroc, double slope, double cIndex,
                                                             String check, String threshold) throws Exception {
        long good = registerGood();
        registry.activate(good, "u-admin");
        long bad = registry.register(RegistryFixtures.withQuality(auroc, slope, cIndex).build());

        assertThatThrownBy(() -> registry.activate(bad, "u-admin"))
                .isInstanceOfSatisfying(GateRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RegistryException.Reason.FAILED_PRECONDITION);
                    assertThat(e.version()).isEqualTo(bad);
                    assertThat(e.failures()).singleElement().satisfies(f -> {
                        assertThat(f.name()).isEqualTo(check);
                        assertThat(f.threshold()).isEqualTo(threshold);
                        assertThat(f.passed()).isFalse();
                    });
                })
                .hasMessageStartingWith("quality gate refused model version " + bad + ": " + check + " ")
                .hasMessageEndingWith("(required " + threshold + ")");

        assertThat(registry.active().orElseThrow().version()).isEqualTo(good);
        assertThat(state(bad)).isEqualTo(ModelState.CANDIDATE);
        assertThat(actions(good)).containsExactly(ModelAction.REGISTERED, ModelAction.ACTIVATED);
        assertThat(actions(bad)).containsExactly(ModelAction.REGISTERED, ModelAction.GATE_REFUSED);
        ModelEvent refusal = registry.events(bad).get(1);
        assertThat(refusal.actor()).isEqualTo("u-admin");
        var checks = JSON.readTree(refusal.detailJson()).get("checks");
        assertThat(checks).hasSize(3);
        boolean found = false;
        for (var node : checks) {
            if (node.get("name").asText().equals(check)) {
                found = true;
                assertThat(node.get("passed").asBoolean()).isFalse();
                assertThat(node.get("threshold").asText()).isEqualTo(threshold);
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void missingFigureIsSkippedByTheDefaultGate() {
        long version = registry.register(RegistryFixtures.withQuality(null, null, 0.66).build());

        assertThat(registry.activate(version, "u-admin").state()).isEqualTo(ModelState.ACTIVE);
    }

    @Test
    void concurrentActivationsOfDifferentCandidatesLeaveExactlyOneActive() throws Exception {
        int threads = 8;
        List<Long> versions = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            versions.add(registerGood());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<ModelVersionSummary>> results = new ArrayList<>();
        try {
            for (long version : versions) {
                results.add(pool.submit(() -> {
                    start.await();
                    return registry.activate(version, "u-admin-" + version);
                }));
            }
            start.countDown();
            for (Future<ModelVersionSummary> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS).state()).isEqualTo(ModelState.ACTIVE);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(count("SELECT count(*) FROM efficacy.model_version WHERE state = 'ACTIVE'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM efficacy.model_version WHERE state = 'RETIRED'")).isEqualTo(threads - 1);
        // Serialised: each activation retired exactly the one before it, so the log is one chain.
        assertThat(count("SELECT count(*) FROM efficacy.model_event WHERE action = 'ACTIVATED'")).isEqualTo(threads);
        assertThat(count("SELECT count(*) FROM efficacy.model_event WHERE action = 'RETIRED'")).isEqualTo(threads - 1);
        List<Long> order = activationOrder();
        assertThat(order).containsExactlyInAnyOrderElementsOf(versions);
        assertThat(registry.active().orElseThrow().version()).isEqualTo(order.get(threads - 1));
        for (int i = 0; i < threads - 1; i++) {
            ModelEvent retirement = registry.events(order.get(i)).get(2);
            assertThat(retirement.action()).isEqualTo(ModelAction.RETIRED);
            assertThat(JSON.readTree(retirement.detailJson()).get("replacedBy").asLong()).isEqualTo(order.get(i + 1));
        }
        assertThat(registry.rollback("u-oncall").version()).isEqualTo(order.get(threads - 2));
    }

    @Test
    void databaseRefusesASecondActiveVersionEvenWithoutTheRegistry() throws Exception {
        long v1 = registerGood();
        long v2 = registerGood();
        registry.activate(v1, "u-admin");

        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE efficacy.model_version SET state = 'ACTIVE',"
                    + " activated_at = now() WHERE version = " + v2))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
        assertThat(state(v2)).isEqualTo(ModelState.CANDIDATE);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<Long> activationOrder() throws SQLException {
        List<Long> order = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT version FROM efficacy.model_event WHERE action = 'ACTIVATED' ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                order.add(rs.getLong(1));
            }
        }
        return order;
    }
}
