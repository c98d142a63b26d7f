package org.oncopredict.efficacy.registry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Plain-JDBC plumbing of the registry. Connections come from Agroal outside any JTA transaction, so each unit of
 * work commits itself; callers must not invoke the registry from inside a {@code @Transactional} method.
 * SQL names tables as {@code efficacy.x}: Flyway's default schema does not change the connections' search_path.
 */
final class Db {

    /** SQLState of a foreign-key violation. */
    static final String FOREIGN_KEY_VIOLATION = "23503";

    private Db() {
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            boolean committed = false;
            try {
                T result = work.run(c);
                c.commit();
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly(c);
                }
                restoreAutoCommit(c);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} on a connection in auto-commit mode (single statements are atomic on their own). */
    static <T> T autoCommit(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Driver messages can quote row values, so only the SQLState goes into the message (the cause keeps the rest). */
    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + " failed (SQLState " + e.getSQLState() + ")", e);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // The original failure matters more; a broken connection is discarded by the pool anyway.
        }
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // As above: the pool resets or evicts the connection.
        }
    }
}
