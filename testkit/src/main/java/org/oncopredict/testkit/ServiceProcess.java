package org.oncopredict.testkit;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * One of the project's services, already built as a Quarkus fast-jar ({@code <module>/target/quarkus-app}), run as a
 * child process on loopback for another module's integration tests. It is configured only by the environment given
 * here (the test JVM's {@code QUARKUS_*} variables are not inherited), listens on 127.0.0.1 only, and writes its
 * output to {@code target/<name>-<http port>.log} of the calling module. It can be stopped and started again on the
 * same ports (fault tests), and it is killed when the test JVM exits.
 *
 * <p>The jar is not built here (that would nest Maven): the reactor builds the service modules before the modules
 * whose tests use them.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServiceProcess.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final int LOG_TAIL_LINES = 60;

    private final String module;
    private final Path jar;
    private final int httpPort;
    private final int grpcPort;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path logFile;
    private Process process;
    private Thread reaper;

    private ServiceProcess(String module, Map<String, String> environment, List<String> jvmOptions) {
        this.module = module;
        this.jar = locateJar(module);
        this.httpPort = freePort();
        this.grpcPort = freePort();
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logFile = Path.of(System.getProperty("user.dir"), "target", module + "-" + httpPort + ".log")
                .toAbsolutePath();
    }

    /**
     * Starts {@code module}'s jar with {@code environment} (plus HTTP_PORT, GRPC_PORT, loopback hosts, plain-text
     * logs, OpenTelemetry off unless given) and waits until {@code /q/health/ready} answers 200.
     */
    public static ServiceProcess start(String module, Map<String, String> environment, String... jvmOptions) {
        ServiceProcess service = new ServiceProcess(module, environment, List.of(jvmOptions));
        service.start();
        return service;
    }

    public int httpPort() {
        return httpPort;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** (Re)starts the process on its ports and waits until it is ready. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_"));
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("HTTP_PORT", Integer.toString(httpPort));
        defaults.put("GRPC_PORT", Integer.toString(grpcPort));
        // Loopback only: test data is not served to the network.
        defaults.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        defaults.put("QUARKUS_GRPC_SERVER_HOST", "127.0.0.1");
        defaults.put("LOG_JSON", "false");
        defaults.put("OTEL_SDK_DISABLED", "true");
        env.putAll(defaults);
        env.putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        Process started = process;
        reaper = new Thread(started::destroyForcibly, module + "-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            awaitReady();
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
        LOG.infof("%s ready: HTTP %d, gRPC %d, log %s", module, httpPort, grpcPort, logFile);
    }

    /** Stops the process (SIGTERM, then SIGKILL after a grace period); it can be started again. */
    public synchronized void stop() {
        halt(false);
    }

    /** Kills the process at once (SIGKILL: no graceful shutdown, as in a crash); it can be started again. */
    public synchronized void kill() {
        halt(true);
    }

    private void halt(boolean forcibly) {
        if (process == null) {
            return;
        }
        try {
            if (forcibly) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%s did not stop within %d s; killing it", module, STOP_GRACE.toSeconds());
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process = null;
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook runs anyway
            }
            reaper = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady() {
        URI ready = URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with code " + process.exitValue()
                        + " during start-up; log " + logFile + ":\n" + logTail());
            }
            try {
                lastStatus = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + module, e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + module, e);
            }
        }
        throw new IllegalStateException(module + " not ready within " + READY_TIMEOUT.toSeconds() + " s (" + ready
                + " last answered " + (lastStatus < 0 ? "nothing" : lastStatus) + "); log " + logFile + ":\n"
                + logTail());
    }

    /** The last lines of the service's log, for failure messages. */
    public String logTail() {
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

    // ------------------------------------------------------------------------------------------ helpers

    private static Path locateJar(String module) {
        Path relative = Path.of(module, "target", "quarkus-app", "quarkus-run.jar");
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        // Surefire runs in the module directory; an IDE may run in the repository root.
        for (Path candidate : List.of(dir.resolve("..").resolve(relative).normalize(), dir.resolve(relative))) {
            if (Files.isRegularFile(candidate)) {
                warnIfStale(candidate, module);
                return candidate;
            }
        }
        throw new IllegalStateException(module + " jar not found at " + dir.resolve("..").resolve(relative).normalize()
                + ": build it first (mvn -pl " + module + " -am package -DskipTests)");
    }

    /** A jar older than the service's or the contract's sources would test yesterday's service. */
    private static void warnIfStale(Path jar, String module) {
        Path root = jar.getParent().getParent().getParent().getParent();
        try {
            FileTime built = Files.getLastModifiedTime(jar);
            for (Path sources : List.of(root.resolve(module).resolve("src/main"), root.resolve("proto/src/main"))) {
                if (!Files.isDirectory(sources)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(sources)) {
                    Optional<Path> newer = files.filter(Files::isRegularFile)
                            .filter(f -> lastModified(f).compareTo(built) > 0).findFirst();
                    newer.ifPresent(f -> LOG.warnf("%s is newer than %s: rebuild %s (mvn -pl %s -am package "
                            + "-DskipTests)", root.relativize(f), jar, module, module));
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

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
