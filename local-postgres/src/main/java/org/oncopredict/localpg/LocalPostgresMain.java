package org.oncopredict.localpg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an embedded PostgreSQL 17 for {@code ./platform up} on a machine without a PostgreSQL server:
 * {@code LocalPostgresMain <data-dir> <port>}. The data directory is kept between runs; the process
 * stops the server on SIGTERM/SIGINT.
 */
public final class LocalPostgresMain {

    private LocalPostgresMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: LocalPostgresMain <data-dir> <port>");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(Integer.parseInt(args[1]))
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
