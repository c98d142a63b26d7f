package org.oncopredict.efficacy.testsupport;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.cohortsim.load.LoadResult;
import org.oncopredict.cohortsim.load.ProfileLoader;
import org.oncopredict.localpg.LocalPostgres;
import org.oncopredict.testkit.ServiceProcess;

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
 * <p>The process itself is a {@link ServiceProcess} (the already-built fast-jar; output in
 * {@code target/patient-profile-svc-<http port>.log}).
 */
public class ProfileServiceProcess implements QuarkusTestResourceLifecycleManager {

    public static final String GRPC_PORT_KEY = "oncopredict.test.profiles.grpc-port";
    public static final String HTTP_PORT_KEY = "oncopredict.test.profiles.http-port";

    private int patients;
    private long seed = SimulationConfig.DEFAULT_SEED;

    private LocalPostgres server;
    private LocalPostgres.TemporaryDatabase database;
    private ServiceProcess process;

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
        try {
            server = LocalPostgres.start();
            database = server.createTemporaryDatabase("profile_svc_test");
            process = ServiceProcess.start("patient-profile-svc", Map.of(
                    "DB_URL", database.jdbcUrl(),
                    "DB_USER", server.user(),
                    "DB_PASSWORD", server.password(),
                    // This module's tests run without an identity provider; the gateway's run both services with it.
                    "AUTH_ENABLED", "false"));
            if (patients > 0) {
                load(process.grpcPort());
            }
            String port = Integer.toString(process.grpcPort());
            return Map.of(
                    "quarkus.grpc.clients.profiles.host", "127.0.0.1",
                    "quarkus.grpc.clients.profiles.port", port,
                    // In test mode Quarkus ignores a client's port and uses its test-port, which
                    // defaults to this application's own gRPC server test port.
                    "quarkus.grpc.clients.profiles.test-port", port,
                    GRPC_PORT_KEY, port,
                    HTTP_PORT_KEY, Integer.toString(process.httpPort()));
        } catch (RuntimeException | Error e) {
            // Quarkus does not call stop() when start() fails: clean up here, or the child outlives the run.
            stop();
            throw e;
        }
    }

    @Override
    public void stop() {
        try {
            if (process != null) {
                process.stop();
                process = null;
            }
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
                        + result.failures() + "; log " + process.logFile());
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
}
