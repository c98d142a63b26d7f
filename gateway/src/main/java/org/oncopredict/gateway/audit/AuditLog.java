package org.oncopredict.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.rest.TraceId;
import org.oncopredict.gateway.security.CurrentUser;

/**
 * The append-only, hash-chained audit trail (table {@code gateway.audit_event}).
 *
 * <p>Each record's hash is SHA-256 over the previous record's hash and the record's own fields (id included), so
 * altering, deleting or inserting a row anywhere breaks verification from that row on. Appends are serialised by a
 * transaction-scoped advisory lock, which makes id order the chain order. The table also refuses UPDATE, DELETE and
 * TRUNCATE by trigger; {@link #verify()} detects what a database superuser could still do.
 *
 * <p>Reads of patient data are audited before the data is returned: if the record cannot be written the request
 * fails (503), so nothing is disclosed unaudited. Writes are audited after they succeed; if that record cannot be
 * written the write stands (it is also in the profile service's change log), the failure is logged and counted
 * ({@code oncopredict.audit.write.failures}).
 */
@ApplicationScoped
public class AuditLog {

    /** Chain head of an empty trail. */
    public static final String GENESIS = "0".repeat(64);
    private static final long APPEND_LOCK = 0x6f6e636f61756469L; // "oncoaudi"
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int MAX_DETAIL = 500;

    private final DataSource db;
    private final CurrentUser user;
    private final TraceId traceId;
    private final Clock clock;
    private final Counter failures;

    public AuditLog(DataSource db, CurrentUser user, TraceId traceId, MeterRegistry meters) {
        this.db = db;
        this.user = user;
        this.traceId = traceId;
        this.clock = Clock.systemUTC();
        this.failures = Counter.builder("oncopredict.audit.write.failures")
                .description("Audit records that could not be written").register(meters);
    }

    /** Records an action of the current user; throws (503) if the record cannot be written. */
    public AuditEvent record(AuditAction action, String patient, Long modelVersion, AuditEvent.Outcome outcome,
                             String detail) {
        try {
            return append(user.subject(), user.username(), user.roleLabel(), action.name(), patient, modelVersion,
                    traceId.get(), outcome, detail);
        } catch (SQLException | RuntimeException e) {
            failures.increment();
            LOG.errorf("audit record %s could not be written: %s", action, e.getClass().getName());
            throw new ApiException(503, "audit-unavailable", "Audit trail unavailable",
                    "The request was not carried out because its audit record could not be written", null, 5, null, e);
        }
    }

    /** Records a write that has already succeeded; a failure to record it is logged and counted, not thrown. */
    public void recordAfterWrite(AuditAction action, String patient, Long modelVersion, String detail) {
        recordQuietly(action, patient, modelVersion, AuditEvent.Outcome.SUCCESS, detail);
    }

    /** Records an attempt that was refused or failed (outcome FAILED); a failure to record it is logged and counted. */
    public void recordFailure(AuditAction action, String patient, Long modelVersion, String detail) {
        recordQuietly(action, patient, modelVersion, AuditEvent.Outcome.FAILED, detail);
    }

    /**
     * Records a refusal (403) of the current user (outcome DENIED); the refusal stands whether or not it could be
     * recorded (a failure is logged and counted). An unauthenticated caller names no one and is not recorded.
     */
    public void recordDenied(String patient, String detail) {
        if (user.authenticated()) {
            recordQuietly(AuditAction.ACCESS_DENIED, patient, null, AuditEvent.Outcome.DENIED, detail);
        }
    }

    private void recordQuietly(AuditAction action, String patient, Long modelVersion, AuditEvent.Outcome outcome,
                               String detail) {
        try {
            append(user.subject(), user.username(), user.roleLabel(), action.name(), patient, modelVersion,
                    traceId.get(), outcome, detail);
        } catch (SQLException | RuntimeException e) {
            failures.increment();
            LOG.errorf("audit record %s (%s) could not be written: %s", action, outcome, e.getClass().getName());
        }
    }

    AuditEvent append(String subject, String username, String role, String action, String patient, Long modelVersion,
                      String trace, AuditEvent.Outcome outcome, String detail) throws SQLException {
        String clipped = detail == null ? null : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = db.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, APPEND_LOCK);
                    lock.execute();
                }
                String prev = GENESIS;
                try (PreparedStatement head = c.prepareStatement(
                        "SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1");
                     ResultSet rs = head.executeQuery()) {
                    if (rs.next()) {
                        prev = rs.getString(1);
                    }
                }
                long id;
                try (PreparedStatement next = c.prepareStatement("SELECT nextval('audit_event_id_seq')");
                     ResultSet rs = next.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                AuditEvent event = new AuditEvent(id, now, subject, username, role, action, patient, modelVersion,
                        trace, outcome, clipped, prev, null);
                String hash = hashOf(event);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_event (id, occurred_at, "
                        + "actor_subject, actor_username, actor_role, action, patient_pseudonym, model_version, trace_id, "
                        + "outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setLong(1, id);
                    insert.setTimestamp(2, Timestamp.from(now));
                    insert.setString(3, subject);
                    insert.setString(4, username);
                    insert.setString(5, role);
                    insert.setString(6, action);
                    insert.setString(7, patient);
                    if (modelVersion == null) {
                        insert.setNull(8, Types.BIGINT);
                    } else {
                        insert.setLong(8, modelVersion);
                    }
                    insert.setString(9, trace);
                    insert.setString(10, outcome.name());
                    insert.setString(11, clipped);
                    insert.setString(12, prev);
                    insert.setString(13, hash);
                    insert.executeUpdate();
                }
                c.commit();
                return new AuditEvent(id, now, subject, username, role, action, patient, modelVersion, trace, outcome,
                        clipped, prev, hash);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** Records matching every given criterion (null: any), newest first, at most {@code limit}. */
    public List<AuditEvent> query(String patient, String username, String action, String trace, Instant from,
                                  Instant to, int limit) {
        return query(patient, username, action, trace, null, from, to, limit);
    }

    /** As above; {@code report}: the record of that report's generation (its detail starts "report <id>"). */
    public List<AuditEvent> query(String patient, String username, String action, String trace, java.util.UUID report,
                                  Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE true");
        List<Object> params = new ArrayList<>();
        if (report != null) {
            // A UUID's text has no LIKE wildcards.
            sql.append(" AND action = 'REPORT_GENERATED' AND detail LIKE ?");
            params.add("report " + report + ":%");
        }
        if (trace != null) {
            sql.append(" AND trace_id = ?");
            params.add(trace);
        }
        if (patient != null) {
            sql.append(" AND patient_pseudonym = ?");
            params.add(patient);
        }
        if (username != null) {
            sql.append(" AND actor_username = ?");
            params.add(username);
        }
        if (action != null) {
            sql.append(" AND action = ?");
            params.add(action);
        }
        if (from != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND occurred_at < ?");
            params.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit);
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                q.setObject(i + 1, params.get(i));
            }
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    events.add(read(rs));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new ApiException(503, "audit-unavailable", "Audit trail unavailable",
                    "The audit trail cannot be read now", null, 5, null, e);
        }
    }

    /** The result of checking the whole chain. */
    public record Verification(boolean valid, long checked, Long firstInvalidId, String reason) {
    }

    /** Recomputes every record's hash in id order and checks each link to its predecessor. */
    public Verification verify() {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement q = c.prepareStatement("SELECT * FROM audit_event ORDER BY id")) {
                q.setFetchSize(1000);
                String expectedPrev = GENESIS;
                long checked = 0;
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        AuditEvent e = read(rs);
                        if (!e.prevHash().equals(expectedPrev)) {
                            return new Verification(false, checked, e.id(),
                                    "the link to the previous record is broken (a record was removed or inserted)");
                        }
                        if (!hashOf(e).equals(e.hash())) {
                            return new Verification(false, checked, e.id(), "the record's content does not match its hash");
                        }
                        expectedPrev = e.hash();
                        checked++;
                    }
                }
                return new Verification(true, checked, null, null);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new ApiException(503, "audit-unavailable", "Audit trail unavailable",
                    "The audit trail cannot be read now", null, 5, null, e);
        }
    }

    private static AuditEvent read(ResultSet rs) throws SQLException {
        long model = rs.getLong("model_version");
        Long modelVersion = rs.wasNull() ? null : model;
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getString("actor_subject"), rs.getString("actor_username"), rs.getString("actor_role"),
                rs.getString("action"), rs.getString("patient_pseudonym"), modelVersion, rs.getString("trace_id"),
                AuditEvent.Outcome.valueOf(rs.getString("outcome")), rs.getString("detail"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }

    /** SHA-256 (hex) over the previous hash and every field, unit-separated; absent values as empty strings. */
    static String hashOf(AuditEvent e) {
        String canonical = String.join("\u001f", e.prevHash(), Long.toString(e.id()), e.occurredAt().toString(),
                e.actorSubject(), e.actorUsername(), e.actorRole(), e.action(), nz(e.patient()),
                e.modelVersion() == null ? "" : e.modelVersion().toString(), e.traceId(), e.outcome().name(),
                nz(e.detail()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException x) {
            throw new IllegalStateException("SHA-256 is part of every JVM", x);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
