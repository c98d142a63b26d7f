package org.oncopredict.localpg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server to create throw-away databases on, found in this order:
 * <ol>
 *   <li>{@code DB_URL} (with {@code DB_USER}, {@code DB_PASSWORD}) when set — its server is used, not its database;</li>
 *   <li>the server on {@code 127.0.0.1:5432} (user {@code postgres}) when it accepts a connection;</li>
 *   <li>otherwise an embedded PostgreSQL 17 started in-process (zonky), stopped by {@link #close()}.</li>
 * </ol>
 * So tests and local runs work unchanged on the CI machines (local server) and on a laptop with only a JDK.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalPostgres.class.getName());
    private static final Pattern DB_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private LocalPostgres(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /** Finds or starts a server using the process environment. */
    public static LocalPostgres start() {
        return start(System.getenv(), null);
    }

    /**
     * Finds or starts a server.
     *
     * @param env         environment to read {@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD} from
     * @param embeddedDir data directory for an embedded server (kept between runs), or null for a temporary one
     */
    public static LocalPostgres start(Map<String, String> env, Path embeddedDir) {
        String url = env.get("DB_URL");
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.substring("jdbc:".length()));
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            return new LocalPostgres(uri.getHost(), port, env.getOrDefault("DB_USER", "postgres"),
                    env.getOrDefault("DB_PASSWORD", ""), null);
        }
        if (answers("127.0.0.1", 5432)) {
            return new LocalPostgres("127.0.0.1", 5432, "postgres", "", null);
        }
        LOG.info("No PostgreSQL on 127.0.0.1:5432 and no DB_URL: starting an embedded PostgreSQL");
        return startEmbedded(embeddedDir);
    }

    /** Starts an embedded PostgreSQL 17 on a free port (data in {@code embeddedDir}, or a temporary directory). */
    public static LocalPostgres startEmbedded(Path embeddedDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (embeddedDir != null) {
                builder.setDataDirectory(embeddedDir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            return new LocalPostgres("127.0.0.1", pg.getPort(), "postgres", "", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start an embedded PostgreSQL", e);
        }
    }

    /** True when something accepts TCP connections on host:port within one second. */
    public static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates a database with a unique name starting with {@code prefix}; closing it drops it. */
    public TemporaryDatabase createTemporaryDatabase(String prefix) {
        String name = prefix + "_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        createDatabaseIfMissing(name);
        return new TemporaryDatabase(this, name);
    }

    /** Creates {@code name} unless it exists (for the platform's long-lived database). */
    public void createDatabaseIfMissing(String name) {
        requireValidName(name);
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops {@code name}, disconnecting any remaining sessions (PostgreSQL 13+). */
    public void dropDatabase(String name) {
        requireValidName(name);
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + name + ": " + e.getMessage(), e);
        }
    }

    /** True when a database of that name exists (tests use it to prove clean-up). */
    public boolean databaseExists(String name) {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            return s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + requireValidName(name) + "'").next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), user, password);
    }

    private static String requireValidName(String name) {
        if (!DB_NAME.matcher(Objects.requireNonNull(name)).matches()) {
            throw new IllegalArgumentException("Not a safe database name: " + name);
        }
        return name;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A database that exists until {@link #close()}. */
    public record TemporaryDatabase(LocalPostgres server, String name) implements AutoCloseable {
        public String jdbcUrl() {
            return server.jdbcUrl(name);
        }

        @Override
        public void close() {
            server.dropDatabase(name);
        }
    }
}
