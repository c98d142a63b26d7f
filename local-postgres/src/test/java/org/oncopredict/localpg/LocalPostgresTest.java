package org.oncopredict.localpg;

import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalPostgresTest {

    @Test
    void temporaryDatabaseExistsUntilClosed() throws Exception {
        try (LocalPostgres server = LocalPostgres.start()) {
            String name;
            try (LocalPostgres.TemporaryDatabase db = server.createTemporaryDatabase("lp_test")) {
                name = db.name();
                assertTrue(server.databaseExists(name));
                try (var c = DriverManager.getConnection(db.jdbcUrl(), server.user(), server.password());
                     var rs = c.createStatement().executeQuery("select 1 + 1")) {
                    rs.next();
                    assertEquals(2, rs.getInt(1));
                }
            }
            assertFalse(server.databaseExists(name));
        }
    }

    /** The fresh-laptop path: no server anywhere, so the project starts its own. */
    @Test
    void embeddedServerServesTemporaryDatabases() throws Exception {
        try (LocalPostgres server = LocalPostgres.startEmbedded(null)) {
            assertTrue(server.isEmbedded());
            try (LocalPostgres.TemporaryDatabase db = server.createTemporaryDatabase("lp_embedded");
                 var c = DriverManager.getConnection(db.jdbcUrl(), server.user(), server.password());
                 var rs = c.createStatement().executeQuery("show server_version")) {
                rs.next();
                assertTrue(rs.getString(1).startsWith("17."), rs.getString(1));
            }
        }
    }

    @Test
    void dbUrlSelectsItsServer() {
        LocalPostgres server = LocalPostgres.start(Map.of("DB_URL", "jdbc:postgresql://db.example:6543/whatever",
                "DB_USER", "svc"), null);
        assertEquals("db.example", server.host());
        assertEquals(6543, server.port());
        assertEquals("svc", server.user());
        assertFalse(server.isEmbedded());
    }

    @Test
    void unsafeDatabaseNamesAreRefused() {
        try (LocalPostgres server = LocalPostgres.start()) {
            assertThrows(IllegalArgumentException.class, () -> server.dropDatabase("x; DROP DATABASE postgres"));
        }
    }
}
