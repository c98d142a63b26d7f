package org.oncopredict.efficacy.registry;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The store of asynchronous training jobs: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED (a QUEUED job may
 * also be cancelled or failed directly). Final states are final: any transition out of them is refused.
 *
 * <p>Every transition is one conditional UPDATE, so two callers racing on the same job (the trainer finishing
 * while a user cancels) cannot both win. Progress never goes backwards: a lower percent than the stored one
 * keeps the stored percent (the stage is still updated), because trainers report stages whose own progress
 * restarts and a bar that jumps back confuses users more than it informs them.
 *
 * <p>Cancellation is cooperative: {@link #requestCancel} sets a flag that the trainer polls with
 * {@link #cancelRequested} and answers with {@link #cancelled}.
 */
@ApplicationScoped
public class TrainingJobs {

    private static final Logger LOG = Logger.getLogger(TrainingJobs.class);

    static final String INTERRUPTED = "interrupted by service restart";

    private static final String COLUMNS = "id, state, stage, percent, message, requested_by, created_at, started_at,"
            + " finished_at, model_version, error, request->>'kind' AS kind, cancel_requested";
    private static final String UNFINISHED = "state IN ('QUEUED', 'RUNNING')";

    private final AgroalDataSource dataSource;

    public TrainingJobs(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Jobs run in this process only, so after a restart nothing will ever finish the unfinished ones. This
     * assumes one replica runs training; with several, each would fail the others' jobs here.
     */
    void onStart(@Observes StartupEvent event) {
        int failed = failInterrupted();
        if (failed > 0) {
            LOG.warnf("%d unfinished training job(s) marked FAILED: %s", failed, INTERRUPTED);
        }
    }

    /** Marks every QUEUED or RUNNING job FAILED ("interrupted by service restart"); returns how many. */
    public int failInterrupted() {
        return Db.autoCommit(dataSource, "failing interrupted training jobs", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE efficacy.training_job SET state = 'FAILED', error = ?,"
                    + " message = 'failed', finished_at = now() WHERE " + UNFINISHED)) {
                ps.setString(1, INTERRUPTED);
                return ps.executeUpdate();
            }
        });
    }

    /** Records a new QUEUED job. */
    public UUID create(String requestedBy, String requestJson) {
        Checks.argument("requestedBy", requestedBy);
        try {
            Json.requireObject("requestJson", requestJson);
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidArgument(e.getMessage());
        }
        UUID id = UUID.randomUUID();
        Db.autoCommit(dataSource, "creating a training job", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO efficacy.training_job (id, state, percent, message,"
                    + " requested_by, request) VALUES (?, 'QUEUED', 0, 'queued', ?, ?::jsonb)")) {
                ps.setObject(1, id);
                ps.setString(2, requestedBy);
                ps.setString(3, requestJson);
                return ps.executeUpdate();
            }
        });
        LOG.infof("Training job %s queued by %s", id, requestedBy);
        return id;
    }

    /** QUEUED → RUNNING. A job cancelled while queued cannot start (FAILED_PRECONDITION). */
    public void start(UUID id) {
        transition(id, "start", "state = 'RUNNING', started_at = now(), stage = 'starting', message = 'running'",
                "state = 'QUEUED'");
    }

    /** Reports progress of a RUNNING job; {@code percent} in 0..100, kept if lower than the stored one. */
    public void progress(UUID id, String stage, int percent) {
        Checks.argument("stage", stage);
        if (percent < 0 || percent > 100) {
            throw RegistryException.invalidArgument("percent must be within 0..100, was " + percent);
        }
        transition(id, "report progress of", "stage = ?, percent = GREATEST(percent, ?)", "state = 'RUNNING'",
                stage, percent);
    }

    /** Whether a user asked to cancel this job. */
    public boolean cancelRequested(UUID id) {
        return Db.autoCommit(dataSource, "reading a training job", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT cancel_requested FROM efficacy.training_job WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw notFound(id);
                    }
                    return rs.getBoolean(1);
                }
            }
        });
    }

    /**
     * Asks to cancel a job: a QUEUED job is CANCELLED at once, a RUNNING one gets the flag its trainer polls.
     *
     * @return false if the job had already finished (nothing changed)
     */
    public boolean requestCancel(UUID id) {
        boolean changed = Db.autoCommit(dataSource, "cancelling a training job", c -> {
            // Right-hand sides see the old row, so QUEUED and RUNNING are told apart in one atomic statement.
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE efficacy.training_job SET cancel_requested = TRUE,
                           state = CASE WHEN state = 'QUEUED' THEN 'CANCELLED' ELSE state END,
                           finished_at = CASE WHEN state = 'QUEUED' THEN now() ELSE finished_at END,
                           message = CASE WHEN state = 'QUEUED' THEN 'cancelled before it started'
                                          ELSE 'cancellation requested' END
                    WHERE id = ? AND\s""" + UNFINISHED)) {
                ps.setObject(1, id);
                return ps.executeUpdate() == 1;
            }
        });
        if (!changed && find(id).isEmpty()) {
            throw notFound(id);
        }
        if (changed) {
            LOG.infof("Cancellation of training job %s requested", id);
        }
        return changed;
    }

    /** RUNNING → SUCCEEDED with the model version the job registered. */
    public void succeed(UUID id, long modelVersion) {
        succeed(id, modelVersion, "registered model version " + modelVersion);
    }

    /** As {@link #succeed(UUID, long)} with the outcome told in the job's message (e.g. the gate's verdict). */
    public void succeed(UUID id, long modelVersion, String message) {
        Checks.argument("message", message);
        try {
            transition(id, "complete", "state = 'SUCCEEDED', finished_at = now(), percent = 100, stage = 'done',"
                    + " model_version = ?, message = ?", "state = 'RUNNING'", modelVersion, message);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException s && Db.FOREIGN_KEY_VIOLATION.equals(s.getSQLState())) {
                throw RegistryException.notFound("model version " + modelVersion + " does not exist");
            }
            throw e;
        }
    }

    /**
     * QUEUED or RUNNING → FAILED. {@code error} is shown to users: callers must keep patient data out of it.
     */
    public void fail(UUID id, String error) {
        Checks.notBlankArgument("error", error);
        transition(id, "fail", "state = 'FAILED', finished_at = now(), error = ?, message = 'failed'", UNFINISHED, error);
    }

    /** QUEUED or RUNNING → CANCELLED: the trainer acknowledges a cancellation request. */
    public void cancelled(UUID id) {
        transition(id, "cancel", "state = 'CANCELLED', finished_at = now(), message = 'cancelled'", UNFINISHED);
    }

    public Optional<TrainingJob> find(UUID id) {
        return Db.autoCommit(dataSource, "reading a training job", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM efficacy.training_job WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(job(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The JSON request the job was created with (jsonb-normalised). */
    public String request(UUID id) {
        return Db.autoCommit(dataSource, "reading a training job", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT request::text FROM efficacy.training_job WHERE id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw notFound(id);
                    }
                    return rs.getString(1);
                }
            }
        });
    }

    /** The {@code limit} (1..1000) most recently created jobs, newest first. */
    public List<TrainingJob> recent(int limit) {
        if (limit < 1 || limit > 1000) {
            throw RegistryException.invalidArgument("limit must be within 1..1000, was " + limit);
        }
        return Db.autoCommit(dataSource, "listing training jobs", c -> {
            List<TrainingJob> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM efficacy.training_job ORDER BY seq DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(job(rs));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Applies {@code set} if the job is in a state matching {@code allowedStates}; otherwise NOT_FOUND or
     * FAILED_PRECONDITION naming the state it is in.
     */
    private void transition(UUID id, String verb, String set, String allowedStates, Object... values) {
        boolean applied = Db.autoCommit(dataSource, "updating a training job", c -> update(c, id, set, allowedStates, values));
        if (!applied) {
            TrainingJob job = find(id).orElseThrow(() -> notFound(id));
            throw RegistryException.failedPrecondition("cannot " + verb + " training job " + id + ": it is " + job.state());
        }
    }

    private static boolean update(Connection c, UUID id, String set, String allowedStates, Object... values)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE efficacy.training_job SET " + set + " WHERE id = ? AND " + allowedStates)) {
            int i = 1;
            for (Object value : values) {
                ps.setObject(i++, value);
            }
            ps.setObject(i, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static TrainingJob job(ResultSet rs) throws SQLException {
        return new TrainingJob(rs.getObject("id", UUID.class), JobState.valueOf(rs.getString("state")),
                rs.getString("stage"), rs.getInt("percent"), rs.getString("message"), rs.getString("requested_by"),
                Db.instant(rs, "created_at"), Db.instant(rs, "started_at"), Db.instant(rs, "finished_at"),
                Db.nullableLong(rs, "model_version"), rs.getString("error"), rs.getString("kind"),
                rs.getBoolean("cancel_requested"));
    }

    private static RegistryException notFound(UUID id) {
        return RegistryException.notFound("training job " + id + " does not exist");
    }
}
