package org.oncopredict.efficacy.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.grpc.ManagedChannel;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jboss.logging.Logger;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.cohortsim.load.LoadResult;
import org.oncopredict.cohortsim.load.ProfileLoader;
import org.oncopredict.localpg.LocalPostgres;

/**
 * A real patient-profile-svc for integration tests: the already-built fast-jar, started as a child
 * process on free loopback ports with a database of its own, which is dropped again on stop.
 * Points the gRPC client {@code profiles} at it.
 *
 * <pre>{@code
 * @QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
 * @QuarkusTestResource(value = ProfileServiceProcess.class, restrictToAnnotatedClass = true,
 *         initArgs = {@ResourceArg(name = "patients", value = "120"), @ResourceArg(name = "seed", value = "7")})
 * }</pre>
 *
 * <p>Init arguments: {@code patients} (default 0) simulated patients to load through cohort-sim's
 * {@link ProfileLoader} before the tests start, generated with {@code seed} (default
 * {@value SimulationConfig#DEFAULT_SEED}).
 *
 * <p>Returned configuration: {@code quarkus.grpc.clients.profiles.host}, {@code .port} and
 * {@code .test-port} (the one Quarkus uses in test mode), and
 * {@value #GRPC_PORT_KEY} / {@value #HTTP_PORT_KEY} for tests that talk to the service directly.
 *
 * <p>The jar is not built here (that would nest Maven): build it first with
 * {@code mvn -pl patient-profile-svc -am package -DskipTests}. The child's output goes to
 * {@code target/profile-svc-<grpc port>.log}.
 */
public class ProfileServiceProcess implements QuarkusTestResourceLifecycleManager {

    public static final String GRPC_PORT_KEY = "oncopredict.test.profiles.grpc-port";
    public static final String HTTP_PORT_KEY = "oncopredict.test.profiles.http-port";

    private static final Logger LOG = Logger.getLogger(ProfileServiceProcess.class);
    private static final String JAR = "patient-profile-svc/target/quarkus-app/quarkus-run.jar";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 60;

    private int patients;
    private long seed = SimulationConfig.DEFAULT_SEED;

    private LocalPostgres server;
    private LocalPostgres.TemporaryDatabase database;
    private Process process;
    private Thread shutdownHook;
    private Path logFile;

    @Override
    public void init(Map<String, String> initArgs) {
        patients = Integer.parseInt(initArgs.getOrDefault("patients", "0"));
        seed = Long.parseLong(initArgs.getOrDefault("seed", Long.toString(SimulationConfig.DEFAULT_SEED)));
        if (patients < 0) {
            throw new IllegalArgumentException("patients must be >= 0: " + patients);
        }
    }

    @Override
    public Map<String, String> start() {
        Path jar = locateJar();
        try {
            server = LocalPostgres.start();
            database = server.createTemporaryDatabase("profile_svc_test");
            int httpPort = freePort();
            int grpcPort = freePort();
            process = launch(jar, httpPort, grpcPort);
            awaitReady(httpPort);
            if (patients > 0) {
                load(grpcPort);
            }
            LOG.infof("patient-profile-svc ready: HTTP %d, gRPC %d, %d simulated patients (seed %d), log %s",
                    httpPort, grpcPort, patients, seed, logFile);
            String port = Integer.toString(grpcPort);
            return Map.of(
                    "quarkus.grpc.clients.profiles.host", "127.0.0.1",
                    "quarkus.grpc.clients.profiles.port", port,
                    // In test mode Quarkus ignores a client's port and uses its test-port, which
                    // defaults to this application's own gRPC server test port.
                    "quarkus.grpc.clients.profiles.test-port", port,
                    GRPC_PORT_KEY, port,
                    HTTP_PORT_KEY, Integer.toString(httpPort));
        } catch (RuntimeException | Error e) {
            // Quarkus does not call stop() when start() fails: clean up here, or the child outlives the run.
            stop();
            throw e;
        }
    }

    @Override
    public void stop() {
        try {
            stopProcess();
        } finally {
            try {
                if (database != null) {
                    database.close();
                    database = null;
                }
            } finally {
                if (server != null) {
                    server.close();
                    server = null;
                }
            }
        }
    }

    // -------------------------------------------------------------------------------------- process

    private static Path locateJar() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        // Surefire runs in the module directory; an IDE may run in the repository root.
        for (Path candidate : List.of(dir.resolve("..").resolve(JAR).normalize(), dir.resolve(JAR))) {
            if (Files.isRegularFile(candidate)) {
                warnIfStale(candidate);
                return candidate;
            }
        }
        throw new IllegalStateException("patient-profile-svc jar not found at " + dir.resolve("..").resolve(JAR).normalize()
                + ": build patient-profile-svc first (mvn -pl patient-profile-svc package)");
    }

    /** A jar older than the service's or the contract's sources would test yesterday's service. */
    private static void warnIfStale(Path jar) {
        Path root = jar.getParent().getParent().getParent().getParent();
        try {
            FileTime built = Files.getLastModifiedTime(jar);
            for (Path sources : List.of(root.resolve("patient-profile-svc/src/main"), root.resolve("proto/src/main"))) {
                if (!Files.isDirectory(sources)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(sources)) {
                    Optional<Path> newer = files.filter(Files::isRegularFile)
                            .filter(f -> lastModified(f).compareTo(built) > 0).findFirst();
                    newer.ifPresent(f -> LOG.warnf("%s is newer than %s: rebuild patient-profile-svc "
                            + "(mvn -pl patient-profile-svc -am package -DskipTests)", root.relativize(f), jar));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.debugf("cannot check whether %s is up to date: %s", jar, e);
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Process launch(Path jar, int httpPort, int grpcPort) {
        Path java = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
        logFile = Path.of(System.getProperty("user.dir"), "target", "profile-svc-" + grpcPort + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString())
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        Map<String, String> env = builder.environment();
        // The child is configured only by what is set here, not by the test JVM's Quarkus settings.
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_"));
        env.put("DB_URL", database.jdbcUrl());
        env.put("DB_USER", server.user());
        env.put("DB_PASSWORD", server.password());
        env.put("HTTP_PORT", Integer.toString(httpPort));
        env.put("GRPC_PORT", Integer.toString(grpcPort));
        // Loopback only: test data is not served to the network.
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_GRPC_SERVER_HOST", "127.0.0.1");
        env.put("LOG_JSON", "false");
        env.put("OTEL_SDK_DISABLED", "true");
        try {
            Files.createDirectories(logFile.getParent());
            Process started = builder.start();
            // Also ends the child when the test JVM is stopped (Ctrl-C, SIGTERM) before stop() runs.
            shutdownHook = new Thread(started::destroyForcibly, "profile-svc-reaper");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + java + " -jar " + jar, e);
        }
    }

    private void awaitReady(int httpPort) {
        URI ready = URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("patient-profile-svc exited with code " + process.exitValue()
                        + " during start-up; log " + logFile + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                lastStatus = response.statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for patient-profile-svc", e);
            }
            sleep(250);
        }
        throw new IllegalStateException("patient-profile-svc not ready within " + READY_TIMEOUT.toSeconds() + " s ("
                + ready + " last answered " + (lastStatus < 0 ? "nothing" : lastStatus) + "); log " + logFile + ":\n"
                + logTail());
    }

    private void load(int grpcPort) {
        CohortSimulator simulator = new CohortSimulator(SimulationConfig.builder().seed(seed).build());
        ManagedChannel channel = ProfileLoader.plaintextChannel("127.0.0.1:" + grpcPort);
        try {
            LoadResult result = ProfileLoader.builder(channel).concurrency(4).build()
                    .load(simulator.profiles(patients).iterator());
            if (!result.successful() || result.created() != patients) {
                throw new IllegalStateException("loading " + patients + " simulated patients (seed " + seed
                        + ") failed: created " + result.created() + ", skipped " + result.skipped() + ", failed "
                        + result.failed() + (result.aborted() ? " (aborted)" : "") + "; first failures "
                        + result.failures() + "; log " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading simulated patients", e);
        } finally {
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopProcess() {
        if (process == null) {
            return;
        }
        try {
            // SIGTERM first: Quarkus shuts down gracefully and closes its connections.
            process.destroy();
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("patient-profile-svc did not stop within %d s; killing it", STOP_GRACE.toSeconds());
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process = null;
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down; the hook runs anyway
                }
                shutdownHook = null;
            }
        }
    }

    // -------------------------------------------------------------------------------------- helpers

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private String logTail() {
        Deque<String> tail = new ArrayDeque<>();
        try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                tail.addLast(line);
                if (tail.size() > LOG_TAIL_LINES) {
                    tail.removeFirst();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
        return String.join("\n", tail);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for patient-profile-svc", e);
        }
    }
}
