package org.oncopredict.localpg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command line for {@code ./platform}:
 * <ul>
 *   <li>{@code serve <data-dir> <port>} — runs an embedded PostgreSQL 17 until SIGTERM/SIGINT, keeping its data
 *       directory between runs (for machines without a PostgreSQL server);</li>
 *   <li>{@code ensure-db <name>} — creates the database on the server {@link LocalPostgres#start()} finds
 *       ({@code DB_URL}, else 127.0.0.1:5432) unless it exists, and prints its JDBC URL;</li>
 *   <li>{@code drop-db <name>} — drops it (the benchmark's throw-away database).</li>
 * </ul>
 */
public final class LocalPostgresMain {

    private LocalPostgresMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 3 && args[0].equals("serve")) {
            serve(Path.of(args[1]).toAbsolutePath(), Integer.parseInt(args[2]));
        } else if (args.length == 2 && args[0].equals("ensure-db")) {
            String dbUrl = System.getenv("DB_URL");
            if ((dbUrl == null || dbUrl.isBlank()) && !LocalPostgres.answers("127.0.0.1", 5432)) {
                System.err.println("No PostgreSQL reachable (DB_URL unset and nothing on 127.0.0.1:5432)");
                System.exit(1);
            }
            try (LocalPostgres server = LocalPostgres.start()) {
                server.createDatabaseIfMissing(args[1]);
                System.out.println(server.jdbcUrl(args[1]));
            }
        } else if (args.length == 2 && args[0].equals("drop-db")) {
            try (LocalPostgres server = LocalPostgres.start()) {
                server.dropDatabase(args[1]);
            }
        } else {
            System.err.println("usage: LocalPostgresMain serve <data-dir> <port> | ensure-db <name> | drop-db <name>");
            System.exit(2);
        }
    }

    private static void serve(Path dataDir, int port) throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException e) {
                System.err.println("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }));
        System.out.println("Embedded PostgreSQL ready on 127.0.0.1:" + pg.getPort() + " (data in " + dataDir + ")");
        stopped.await();
    }
}
