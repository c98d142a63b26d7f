package org.oncopredict.gateway.agenda;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import org.oncopredict.gateway.rest.ApiException;

/** Tumor-board agendas in {@code gateway.agenda} / {@code gateway.agenda_patient} (JDBC, one transaction per change). */
@ApplicationScoped
public class AgendaStore {

    private final DataSource db;
    private final Clock clock = Clock.systemUTC();

    public AgendaStore(DataSource db) {
        this.db = db;
    }

    public Agenda create(LocalDate meetingDate, String title, String attendees, List<String> patients, String createdBy) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO agenda (id, meeting_date, title, attendees, "
                    + "created_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)")) {
                insert.setObject(1, id);
                insert.setDate(2, Date.valueOf(meetingDate));
                insert.setString(3, title);
                insert.setString(4, attendees);
                insert.setString(5, createdBy);
                insert.setTimestamp(6, Timestamp.from(now));
                insert.setTimestamp(7, Timestamp.from(now));
                insert.executeUpdate();
            }
            insertPatients(c, id, patients);
            return null;
        });
        return new Agenda(id, meetingDate, title, attendees, patients, createdBy, now, now, 1);
    }

    /** Replaces an agenda at {@code expectedVersion}; 404 when unknown, 412 when it changed meanwhile. */
    public Agenda update(UUID id, long expectedVersion, LocalDate meetingDate, String title, String attendees,
                         List<String> patients) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        inTransaction(c -> {
            long current;
            try (PreparedStatement lock = c.prepareStatement("SELECT version FROM agenda WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, id);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.notFound("No agenda " + id);
                    }
                    current = rs.getLong(1);
                }
            }
            if (current != expectedVersion) {
                throw ApiException.preconditionFailed("The agenda changed: you sent version " + expectedVersion
                        + " but the current version is " + current + ". Reload it and apply your change again.");
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE agenda SET meeting_date = ?, title = ?, "
                    + "attendees = ?, updated_at = ?, version = version + 1 WHERE id = ?")) {
                update.setDate(1, Date.valueOf(meetingDate));
                update.setString(2, title);
                update.setString(3, attendees);
                update.setTimestamp(4, Timestamp.from(now));
                update.setObject(5, id);
                update.executeUpdate();
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM agenda_patient WHERE agenda_id = ?")) {
                delete.setObject(1, id);
                delete.executeUpdate();
            }
            insertPatients(c, id, patients);
            return null;
        });
        return find(id).orElseThrow();
    }

    public Optional<Agenda> find(UUID id) {
        List<Agenda> found = select("WHERE a.id = ?", List.of(id));
        return found.stream().findFirst();
    }

    /** Agendas with a meeting on or after {@code from} (null: all), by meeting date. */
    public List<Agenda> list(LocalDate from) {
        return from == null ? select("", List.of()) : select("WHERE a.meeting_date >= ?", List.of(Date.valueOf(from)));
    }

    /** Whether the patient is on an agenda whose meeting is on or after {@code since}. */
    public boolean isOnAgendaSince(String patient, LocalDate since) {
        return query(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM agenda a JOIN agenda_patient p ON p.agenda_id = a.id "
                    + "WHERE p.patient_pseudonym = ? AND a.meeting_date >= ? LIMIT 1")) {
                q.setString(1, patient);
                q.setDate(2, Date.valueOf(since));
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Pseudonyms of every patient on an agenda whose meeting is on or after {@code since}. */
    public List<String> patientsOnAgendasSince(LocalDate since) {
        return query(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT DISTINCT p.patient_pseudonym FROM agenda a "
                    + "JOIN agenda_patient p ON p.agenda_id = a.id WHERE a.meeting_date >= ? ORDER BY 1")) {
                q.setDate(1, Date.valueOf(since));
                List<String> out = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    private List<Agenda> select(String where, List<Object> params) {
        return query(c -> {
            List<Agenda> agendas = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT a.*, (SELECT array_agg(p.patient_pseudonym ORDER BY "
                    + "p.position) FROM agenda_patient p WHERE p.agenda_id = a.id) AS patients FROM agenda a " + where
                    + " ORDER BY a.meeting_date, a.created_at")) {
                for (int i = 0; i < params.size(); i++) {
                    q.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        java.sql.Array array = rs.getArray("patients");
                        List<String> patients = array == null ? List.of() : List.of((String[]) array.getArray());
                        agendas.add(new Agenda(rs.getObject("id", UUID.class), rs.getDate("meeting_date").toLocalDate(),
                                rs.getString("title"), rs.getString("attendees"), patients, rs.getString("created_by"),
                                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                                rs.getLong("version")));
                    }
                }
            }
            return agendas;
        });
    }

    private static void insertPatients(Connection c, UUID id, List<String> patients) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO agenda_patient (agenda_id, position, patient_pseudonym) VALUES (?, ?, ?)")) {
            for (int i = 0; i < patients.size(); i++) {
                insert.setObject(1, id);
                insert.setInt(2, i);
                insert.setString(3, patients.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(Work<T> work) {
        try (Connection c = db.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(SQLException e) {
        return new ApiException(503, "database-unavailable", "Database unavailable",
                "The gateway's database cannot be reached now", null, 5, null, e);
    }
}
