package org.oncopredict.efficacy.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every model version ever trained, with its life cycle CANDIDATE → ACTIVE → RETIRED (DESIGN.md §5).
 *
 * <ul>
 *   <li>A version becomes active only through the {@link QualityGate}; a refusal is logged as a GATE_REFUSED
 *       event (kept even though the activation fails) so that attempts are auditable.</li>
 *   <li>At most one version is ACTIVE. State changes take the single-row {@code registry_lock} FOR UPDATE, so
 *       concurrent activations and rollbacks run one after another; the partial unique index
 *       {@code model_version_one_active} guarantees it even against code that skips the lock.</li>
 *   <li>Rollback returns to the version that was active before the current one, replaying the ACTIVATED and
 *       ROLLED_BACK events as a stack: after activating v1, v2, v3, rollbacks go to v2, then v1, then fail.</li>
 * </ul>
 *
 * Each command is one transaction on its own connection (see {@link Db}).
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private static final String SUMMARY_SQL = """
            SELECT version, state, kind, parent_version, created_at, created_by, feature_schema, learner, cohort_hash,
                   cohort_size, auroc, calibration_slope, c_index, artifact_sha256, activated_at, retired_at
            FROM efficacy.model_version""";
    private static final String INSERT_SQL = """
            INSERT INTO efficacy.model_version (created_by, state, kind, parent_version, feature_schema, learner, trainer_config,
                                       provenance, cohort_hash, cohort_size, metrics, model_card, auroc,
                                       calibration_slope, c_index, artifact, artifact_sha256)
            VALUES (?, 'CANDIDATE', ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)
            RETURNING version""";

    private final AgroalDataSource dataSource;
    private final QualityGate gate;
    private final Event<ActiveModelChanged> activeChanged;

    public ModelRegistry(AgroalDataSource dataSource, QualityGate gate, Event<ActiveModelChanged> activeChanged) {
        this.dataSource = dataSource;
        this.gate = gate;
        this.activeChanged = activeChanged;
    }

    /** Stores a new CANDIDATE version and returns its number (1, 2, 3, …). */
    public long register(NewModelVersion model) {
        Objects.requireNonNull(model, "model");
        String sha256 = sha256(model.artifactBytes());
        long version = Db.inTransaction(dataSource, "registering a model version", c -> {
            if (model.parentVersion() != null && summary(c, model.parentVersion()).isEmpty()) {
                throw RegistryException.notFound("parent model version " + model.parentVersion() + " does not exist");
            }
            long v;
            try (PreparedStatement ps = c.prepareStatement(INSERT_SQL)) {
                ps.setString(1, model.createdBy());
                ps.setString(2, model.kind());
                setNullableLong(ps, 3, model.parentVersion());
                ps.setString(4, model.featureSchema());
                ps.setString(5, model.learner());
                ps.setString(6, model.trainerConfigJson());
                ps.setString(7, model.provenanceJson());
                ps.setString(8, model.cohortHash());
                ps.setInt(9, model.cohortSize());
                ps.setString(10, model.metricsJson());
                ps.setString(11, model.modelCardJson());
                setNullableDouble(ps, 12, QualityFigures.nullable(model.quality().auroc()));
                setNullableDouble(ps, 13, QualityFigures.nullable(model.quality().calibrationSlope()));
                setNullableDouble(ps, 14, QualityFigures.nullable(model.quality().cIndex()));
                ps.setBytes(15, model.artifactBytes());
                ps.setString(16, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    v = rs.getLong(1);
                }
            }
            ObjectNode detail = Json.object().put("kind", model.kind()).put("artifactSha256", sha256)
                    .put("artifactBytes", model.artifactBytes().length).put("cohortSize", model.cohortSize());
            if (model.parentVersion() != null) {
                detail.put("parentVersion", model.parentVersion());
            }
            event(c, v, ModelAction.REGISTERED, model.createdBy(), detail);
            return v;
        });
        LOG.infof("Model version %d registered by %s (kind %s, %d bytes, sha256 %s)", version, model.createdBy(),
                model.kind(), model.artifactBytes().length, sha256);
        return version;
    }

    /** Every version, newest first. */
    public List<ModelVersionSummary> list() {
        return Db.autoCommit(dataSource, "listing model versions", c -> {
            List<ModelVersionSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SUMMARY_SQL + " ORDER BY version DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(summary(rs));
                }
            }
            return out;
        });
    }

    public Optional<ModelVersionSummary> find(long version) {
        return Db.autoCommit(dataSource, "reading a model version", c -> summary(c, version));
    }

    /** The version serving predictions, if any. */
    public Optional<ModelVersionSummary> active() {
        return Db.autoCommit(dataSource, "reading the active model version", ModelRegistry::active);
    }

    /** The serialised model, byte for byte as registered. */
    public byte[] artifact(long version) {
        return Db.autoCommit(dataSource, "reading a model artifact", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT artifact FROM efficacy.model_version WHERE version = ?")) {
                ps.setLong(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw notFound(version);
                    }
                    return rs.getBytes(1);
                }
            }
        });
    }

    /**
     * The model card (JSON object). As for the other documents, PostgreSQL's jsonb normalises the text: same
     * content, but key order and whitespace may differ from what was registered.
     */
    public String modelCard(long version) {
        return document(version, "model_card");
    }

    public String metrics(long version) {
        return document(version, "metrics");
    }

    public String trainerConfig(long version) {
        return document(version, "trainer_config");
    }

    public String provenance(long version) {
        return document(version, "provenance");
    }

    /** The log of one version, oldest first. */
    public List<ModelEvent> events(long version) {
        List<ModelEvent> events = Db.autoCommit(dataSource, "reading model events", c -> {
            List<ModelEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, version, action, actor, at, detail::text FROM efficacy.model_event WHERE version = ? ORDER BY id")) {
                ps.setLong(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ModelEvent(rs.getLong("id"), rs.getLong("version"),
                                ModelAction.valueOf(rs.getString("action")), rs.getString("actor"),
                                Db.instant(rs, "at"), rs.getString("detail")));
                    }
                }
            }
            return out;
        });
        if (events.isEmpty()) { // every version has its REGISTERED event
            throw notFound(version);
        }
        return events;
    }

    /**
     * Makes {@code version} the active one if the quality gate passes, retiring the current active version in the
     * same transaction. A RETIRED version may be activated again (it goes through the gate again).
     *
     * @throws GateRefusedException if the gate refuses (recorded as a GATE_REFUSED event; nothing else changes)
     * @throws RegistryException    NOT_FOUND for an unknown version, FAILED_PRECONDITION if it is already active
     */
    public ModelVersionSummary activate(long version, String actor) {
        Checks.argument("actor", actor);
        Activation outcome = Db.inTransaction(dataSource, "activating a model version", c -> {
            lock(c);
            ModelVersionSummary target = summary(c, version).orElseThrow(() -> notFound(version));
            if (target.state() == ModelState.ACTIVE) {
                throw RegistryException.failedPrecondition("model version " + version + " is already active");
            }
            GateDecision decision = gate.evaluate(target.quality());
            if (!decision.passed()) {
                event(c, version, ModelAction.GATE_REFUSED, actor, Json.object().set("checks", checks(decision)));
                // Returned, not thrown: the refusal event must be committed.
                return new Activation(null, null, new GateRefusedException(version, decision.failures()));
            }
            Optional<ModelVersionSummary> current = active(c);
            if (current.isPresent()) {
                retire(c, current.get().version(), actor, Json.object().put("replacedBy", version));
            }
            setActive(c, version);
            ObjectNode detail = Json.object();
            if (current.isPresent()) {
                detail.put("previous", current.get().version());
            } else {
                detail.putNull("previous");
            }
            detail.set("checks", checks(decision));
            event(c, version, ModelAction.ACTIVATED, actor, detail);
            return new Activation(summary(c, version).orElseThrow(), current.map(ModelVersionSummary::version).orElse(null), null);
        });
        if (outcome.refused() != null) {
            LOG.warnf("%s (activation requested by %s)", outcome.refused().getMessage(), actor);
            throw outcome.refused();
        }
        LOG.infof("Model version %d activated by %s (previous active: %s)", version, actor,
                outcome.previous() == null ? "none" : outcome.previous());
        activeChanged.fire(new ActiveModelChanged(version));
        return outcome.activated();
    }

    /**
     * Retires the active version and re-activates the one that was active before it (without the gate: it passed
     * when it was first activated).
     *
     * @throws RegistryException FAILED_PRECONDITION when nothing is active or no earlier active version exists
     */
    public ModelVersionSummary rollback(String actor) {
        Checks.argument("actor", actor);
        Activation outcome = Db.inTransaction(dataSource, "rolling back the active model version", c -> {
            lock(c);
            ModelVersionSummary current = active(c).orElseThrow(
                    () -> RegistryException.failedPrecondition("no model version is active, nothing to roll back"));
            Deque<Long> stack = activationStack(c);
            if (stack.isEmpty() || stack.peek() != current.version()) {
                throw new IllegalStateException("the registry log does not end with the activation of the active version "
                        + current.version());
            }
            stack.pop();
            if (stack.isEmpty()) {
                throw RegistryException.failedPrecondition("model version " + current.version()
                        + " has no previously active version to roll back to");
            }
            long target = stack.peek();
            retire(c, current.version(), actor, Json.object().put("reason", "rollback").put("restored", target));
            setActive(c, target);
            event(c, target, ModelAction.ROLLED_BACK, actor, Json.object().put("from", current.version()));
            return new Activation(summary(c, target).orElseThrow(), current.version(), null);
        });
        LOG.infof("Model version %d rolled back by %s; version %d is active again", outcome.previous(), actor,
                outcome.activated().version());
        activeChanged.fire(new ActiveModelChanged(outcome.activated().version()));
        return outcome.activated();
    }

    private record Activation(ModelVersionSummary activated, Long previous, GateRefusedException refused) {
    }

    /** Versions in the order they became active, the current one on top; a rollback pops its version. */
    private static Deque<Long> activationStack(Connection c) throws SQLException {
        Deque<Long> stack = new ArrayDeque<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT action, version FROM efficacy.model_event"
                + " WHERE action IN ('ACTIVATED', 'ROLLED_BACK') ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (ModelAction.valueOf(rs.getString(1)) == ModelAction.ACTIVATED) {
                    stack.push(rs.getLong(2));
                } else {
                    stack.poll();
                }
            }
        }
        return stack;
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM efficacy.registry_lock WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("the registry_lock row is missing; activations cannot be serialised");
            }
        }
    }

    private static void retire(Connection c, long version, String actor, ObjectNode detail) throws SQLException {
        update(c, "UPDATE efficacy.model_version SET state = 'RETIRED', retired_at = now() WHERE version = ?", version);
        event(c, version, ModelAction.RETIRED, actor, detail);
    }

    private static void setActive(Connection c, long version) throws SQLException {
        update(c, "UPDATE efficacy.model_version SET state = 'ACTIVE', activated_at = now(), retired_at = NULL WHERE version = ?",
                version);
    }

    private static void update(Connection c, String sql, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, version);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("model version " + version + " vanished during a locked update");
            }
        }
    }

    private static void event(Connection c, long version, ModelAction action, String actor, ObjectNode detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO efficacy.model_event (version, action, actor, detail) VALUES (?, ?, ?, ?::jsonb)")) {
            ps.setLong(1, version);
            ps.setString(2, action.name());
            ps.setString(3, actor);
            ps.setString(4, Json.write(detail));
            ps.executeUpdate();
        }
    }

    private static ArrayNode checks(GateDecision decision) {
        ArrayNode checks = Json.object().arrayNode();
        for (GateCheck check : decision.checks()) {
            ObjectNode node = checks.addObject().put("name", check.name());
            if (check.value() == null) {
                node.putNull("value");
            } else {
                node.put("value", check.value());
            }
            node.put("threshold", check.threshold()).put("passed", check.passed()).put("message", check.message());
        }
        return checks;
    }

    private String document(long version, String column) {
        // column is one of four constants above, never caller input.
        return Db.autoCommit(dataSource, "reading a model document", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + column + "::text FROM efficacy.model_version WHERE version = ?")) {
                ps.setLong(1, version);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw notFound(version);
                    }
                    return rs.getString(1);
                }
            }
        });
    }

    private static Optional<ModelVersionSummary> active(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SUMMARY_SQL + " WHERE state = 'ACTIVE'");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
        }
    }

    private static Optional<ModelVersionSummary> summary(Connection c, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SUMMARY_SQL + " WHERE version = ?")) {
            ps.setLong(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
            }
        }
    }

    private static ModelVersionSummary summary(ResultSet rs) throws SQLException {
        return new ModelVersionSummary(rs.getLong("version"), ModelState.valueOf(rs.getString("state")),
                rs.getString("kind"), Db.nullableLong(rs, "parent_version"), Db.instant(rs, "created_at"),
                rs.getString("created_by"), rs.getString("feature_schema"), rs.getString("learner"),
                rs.getString("cohort_hash"), rs.getInt("cohort_size"),
                QualityFigures.of(Db.nullableDouble(rs, "auroc"), Db.nullableDouble(rs, "calibration_slope"),
                        Db.nullableDouble(rs, "c_index")),
                rs.getString("artifact_sha256"), Db.instant(rs, "activated_at"), Db.instant(rs, "retired_at"));
    }

    private static RegistryException notFound(long version) {
        return RegistryException.notFound("model version " + version + " does not exist");
    }

    private static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static void setNullableDouble(PreparedStatement ps, int index, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, value);
        }
    }

    /** Lower-case hex SHA-256, the form {@code sha256sum} prints. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
