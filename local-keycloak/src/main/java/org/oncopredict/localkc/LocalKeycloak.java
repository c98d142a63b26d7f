package org.oncopredict.localkc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

/**
 * The real Keycloak server ({@code org.keycloak:keycloak-quarkus-dist}) for tests and local runs, without Docker.
 *
 * <p>The distribution zip, fetched from Maven Central by this module's build, is unpacked once into a cache
 * ({@code ~/.cache/oncopredict/keycloak-<version>}, or {@code oncopredict.keycloak.cache}); Keycloak's own build
 * step (about a minute on two cores) runs on the first start and its output is kept in the cache, so later starts
 * take about 20 s. Every instance runs in a fresh working copy of the cache with its own H2 database, on loopback
 * ports of its own, with the realm JSON imported at start ({@code --import-realm}); nothing is shared between
 * instances and nothing outlives {@link #close()} except the cache.
 */
public final class LocalKeycloak implements AutoCloseable {

    public static final String VERSION = "26.5.6";
    public static final String REALM = "oncology";
    /** System property: the distribution zip (default: {@code local-keycloak/target/keycloak-dist/…}). */
    public static final String ZIP_PROPERTY = "oncopredict.keycloak.zip";
    /** System property: the cache directory. */
    public static final String CACHE_PROPERTY = "oncopredict.keycloak.cache";
    /** System property: the realm JSON (default: {@code deploy/keycloak/oncology-realm.json} of the repository). */
    public static final String REALM_PROPERTY = "oncopredict.keycloak.realm";

    private static final Logger LOG = Logger.getLogger(LocalKeycloak.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final String BUILT_MARKER = ".oncopredict-built";
    private static final int LOG_TAIL_LINES = 80;

    private final Path workDir;
    private final int port;
    private final String adminPassword;
    private final Process process;
    private final Thread reaper;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalKeycloak(Path workDir, int port, String adminPassword, Process process, Thread reaper, Path logFile) {
        this.workDir = workDir;
        this.port = port;
        this.adminPassword = adminPassword;
        this.process = process;
        this.reaper = reaper;
        this.logFile = logFile;
    }

    /**
     * Starts Keycloak on {@code port} (0: a free one) with {@code realmJson} imported and waits until the realm
     * answers. {@code workDir} is created (a working copy a killed run left there is replaced) and deleted again by
     * {@link #close()}.
     */
    public static LocalKeycloak start(Path realmJson, int port, Path workDir) {
        Objects.requireNonNull(realmJson, "realmJson");
        if (!Files.isRegularFile(realmJson)) {
            throw new IllegalArgumentException("realm JSON not found: " + realmJson);
        }
        Path home = cachedDistribution();
        int httpPort = port == 0 ? freePort() : port;
        int managementPort = freePort();
        try {
            if (Files.isRegularFile(workDir.resolve("bin").resolve("kc.sh"))) {
                deleteTree(workDir); // a working copy left by a killed run: start afresh
            }
            copyTree(home, workDir, p -> !p.startsWith(home.resolve("data")));
            Path imports = Files.createDirectories(workDir.resolve("data").resolve("import"));
            Files.copy(realmJson, imports.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            makeExecutable(workDir.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a Keycloak working copy in " + workDir, e);
        }
        String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Path logFile = workDir.resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder(workDir.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--import-realm")
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("KC_") || k.startsWith("QUARKUS_"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        // kc.sh would otherwise reserve 70 % of the machine's memory.
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + workDir.resolve("bin/kc.sh"), e);
        }
        Thread reaper = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, "keycloak-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        LocalKeycloak keycloak = new LocalKeycloak(workDir, httpPort, adminPassword, process, reaper, logFile);
        try {
            long t0 = System.nanoTime();
            keycloak.awaitReady();
            LOG.infof("Keycloak %s ready on http://127.0.0.1:%d (realm %s) in %.1f s; log %s", VERSION, httpPort,
                    REALM, (System.nanoTime() - t0) / 1e9, logFile);
            keepBuild(workDir, home);
            return keycloak;
        } catch (RuntimeException | Error e) {
            keycloak.close();
            throw e;
        }
    }

    /** Starts Keycloak with the repository's realm on a free port, in a fresh directory under the system temp dir. */
    public static LocalKeycloak start() {
        try {
            return start(defaultRealm(), 0, Files.createTempDirectory("keycloak-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's realm JSON: {@value #REALM_PROPERTY}, else {@code deploy/keycloak/oncology-realm.json} upwards. */
    public static Path defaultRealm() {
        String configured = System.getProperty(REALM_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return findUpwards(Path.of("deploy", "keycloak", "oncology-realm.json"))
                .orElseThrow(() -> new IllegalStateException("deploy/keycloak/oncology-realm.json not found above "
                        + Path.of("").toAbsolutePath() + "; set -D" + REALM_PROPERTY));
    }

    // ------------------------------------------------------------------------------------------ accessors

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The realm's issuer, {@code http://127.0.0.1:<port>/realms/oncology}: what services verify tokens against. */
    public String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public Path logFile() {
        return logFile;
    }

    // ------------------------------------------------------------------------------------------ tokens

    /** An access token by the password grant (for API clients and tests; the web UI uses the code flow). */
    public String passwordToken(String clientId, String username, String password) {
        return token(tokenEndpoint(), Map.of("grant_type", "password", "client_id", clientId,
                "username", username, "password", password)).path("access_token").asText();
    }

    /** An access token by the client-credentials grant (service accounts). */
    public String clientCredentialsToken(String clientId, String secret) {
        return token(tokenEndpoint(), Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret)).path("access_token").asText();
    }

    /** A master-realm admin token, for tests that change the realm through the Admin REST API. */
    public String adminToken() {
        return token(baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", "admin", "password", adminPassword)).path("access_token").asText();
    }

    /**
     * Calls the Admin REST API of the oncology realm ({@code path} relative to {@code /admin/realms/oncology}) and
     * returns the status; throws when it is not 2xx.
     */
    public int admin(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json");
        request.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Keycloak admin " + method + " " + path + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    private JsonNode token(String endpoint, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request to " + endpoint + " (grant " + form.get("grant_type")
                    + ", client " + form.get("client_id") + ") answered " + response.statusCode() + ": "
                    + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak request " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ------------------------------------------------------------------------------------------ lifecycle

    /** Whether the server process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        // kc.sh may run Keycloak's JVM as its child rather than exec it: stop the whole tree, or the server outlives us.
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        try {
            tree.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (ProcessHandle p : tree) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !waitFor(p, left)) {
                    p.destroyForcibly();
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
            deleteTree(workDir);
        }
    }

    private static boolean waitFor(ProcessHandle p, long nanos) {
        try {
            p.onExit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitReady() {
        URI ready = URI.create(issuer() + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
                        + " during start-up; log " + logFile + ":\n" + logTail());
            }
            try {
                last = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
        }
        throw new IllegalStateException("Keycloak not ready within " + READY_TIMEOUT.toSeconds() + " s (" + ready
                + " last answered " + (last < 0 ? "nothing" : last) + "); log " + logFile + ":\n" + logTail());
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

    // ------------------------------------------------------------------------------------------ distribution

    /** The unpacked distribution in the cache, unpacking it first if needed (under a file lock). */
    static Path cachedDistribution() {
        Path cache = cacheRoot();
        Path home = cache.resolve("keycloak-" + VERSION);
        if (Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))) {
            return home;
        }
        try {
            Files.createDirectories(cache);
            try (FileChannel channel = FileChannel.open(cache.resolve("keycloak-" + VERSION + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (Files.isRegularFile(home.resolve("bin").resolve("kc.sh"))) {
                    return home;
                }
                Path zip = distributionZip();
                Path staging = Files.createTempDirectory(cache, "unpacking-");
                LOG.infof("unpacking %s into %s", zip, home);
                unzip(zip, staging);
                Path unpacked = staging.resolve("keycloak-" + VERSION);
                if (!Files.isDirectory(unpacked)) {
                    throw new IllegalStateException(zip + " does not hold keycloak-" + VERSION + "/");
                }
                deleteTree(home);
                Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(staging);
                return home;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack Keycloak into " + home, e);
        }
    }

    /** After a first successful start, the build Keycloak did in the working copy goes back to the cache. */
    private static void keepBuild(Path workDir, Path home) {
        Path marker = home.resolve(BUILT_MARKER);
        if (Files.exists(marker)) {
            return;
        }
        try {
            Path built = workDir.resolve("lib").resolve("quarkus");
            Path target = home.resolve("lib").resolve("quarkus");
            Path staging = Files.createTempDirectory(home.resolve("lib"), "quarkus-");
            copyTree(built, staging, p -> true);
            deleteTree(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(marker, "Keycloak's build output (lib/quarkus) for start-dev is in place\n");
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("could not keep Keycloak's build in the cache (next start rebuilds): %s", e.toString());
        }
    }

    private static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY, System.getenv("ONCOPREDICT_KEYCLOAK_CACHE"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "oncopredict");
    }

    private static Path distributionZip() {
        String configured = System.getProperty(ZIP_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path relative = Path.of("local-keycloak", "target", "keycloak-dist", "keycloak-quarkus-dist.zip");
        return findUpwards(relative).orElseThrow(() -> new IllegalStateException("the Keycloak distribution zip was not "
                + "found (" + relative + " above " + Path.of("").toAbsolutePath() + "): build local-keycloak first "
                + "(mvn -pl local-keycloak package), or set -D" + ZIP_PROPERTY));
    }

    private static java.util.Optional<Path> findUpwards(Path relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    private static void unzip(Path zip, Path target) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(entries, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        makeExecutable(target.resolve("keycloak-" + VERSION).resolve("bin"));
    }

    private static void makeExecutable(Path bin) throws IOException {
        if (!Files.isDirectory(bin)) {
            return;
        }
        try (Stream<Path> files = Files.list(bin)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sh")).toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> include) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!include.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (include.test(file)) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                            StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", root, e.toString());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Configuration a Quarkus application needs to verify this server's tokens. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.oidc.auth-server-url", issuer());
        config.put("mp.jwt.verify.issuer", issuer());
        config.put("mp.jwt.verify.publickey.location", issuer() + "/protocol/openid-connect/certs");
        return config;
    }

    /** Demo users of the shipped realm (all with password "demo"). */
    public static List<String> demoUsers() {
        return List.of("oncologist1", "oncologist2", "tumorboard1", "datascientist1", "admin1");
    }
}
