package org.oncopredict.gateway.testsupport;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.jboss.logging.Logger;
import org.oncopredict.auth.BearerCredentials;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulatedPatient;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.cohortsim.load.LoadResult;
import org.oncopredict.cohortsim.load.ProfileLoader;
import org.oncopredict.localkc.KeycloakTestResource;
import org.oncopredict.localkc.LocalKeycloak;
import org.oncopredict.localpg.LocalPostgres;
import org.oncopredict.proto.efficacy.v1.ActivateModelRequest;
import org.oncopredict.proto.efficacy.v1.CohortSource;
import org.oncopredict.proto.efficacy.v1.EfficacyModelServiceGrpc;
import org.oncopredict.proto.efficacy.v1.GetTrainingJobRequest;
import org.oncopredict.proto.efficacy.v1.JobState;
import org.oncopredict.proto.efficacy.v1.TrainRequest;
import org.oncopredict.proto.efficacy.v1.TrainingJob;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.testkit.ServiceProcess;

/**
 * The whole back end for the gateway's integration tests, real and on loopback: PostgreSQL (one throw-away database
 * per service, dropped at the end), Keycloak with the repository's realm, patient-profile-svc and efficacy-model-svc
 * with token verification on, a simulated cohort loaded through the profile service (service-account token), and a
 * model trained by the data scientist and activated by the admin through the efficacy service's gRPC API.
 *
 * <p>OpenTelemetry is on in all three (the gateway under test and both services): they export their spans over
 * OTLP/HTTP to an {@link OtlpReceiver} inside the test JVM ({@link #otlp()}), so every test runs with tracing as
 * production does and trace tests can inspect the spans.
 *
 * <p>Started once per test JVM on first use and stopped (databases dropped) when the JVM exits. Fault tests stop and
 * restart the services through {@link #profiles()} / {@link #efficacy()}; they come back on the same ports and data.
 */
public final class TestPlatform {

    public static final String SERVICE_CLIENT = "oncopredict-services";
    public static final String SERVICE_SECRET = "dev-services-secret-change-me";
    public static final String CLI_CLIENT = "oncopredict-cli";
    public static final String PASSWORD = "demo";
    /** Simulated patients loaded (seed {@value #SEED}); care teams thoracic-a/-b (NSCLC), gi-a, breast-a. */
    public static final int PATIENTS = 600;
    public static final long SEED = 4242;

    private static final Logger LOG = Logger.getLogger(TestPlatform.class);
    private static TestPlatform instance;

    private final OtlpReceiver otlp;
    private final LocalPostgres postgres;
    private final LocalPostgres.TemporaryDatabase profileDb;
    private final LocalPostgres.TemporaryDatabase efficacyDb;
    private final LocalPostgres.TemporaryDatabase gatewayDb;
    private final LocalKeycloak keycloak;
    private final ServiceProcess profiles;
    private final ServiceProcess efficacy;
    private final long modelVersion;

    private TestPlatform() {
        long t0 = System.nanoTime();
        otlp = OtlpReceiver.start();
        postgres = LocalPostgres.start();
        profileDb = postgres.createTemporaryDatabase("gw_profiles");
        efficacyDb = postgres.createTemporaryDatabase("gw_efficacy");
        gatewayDb = postgres.createTemporaryDatabase("gw_gateway");
        keycloak = KeycloakTestResource.server();
        Map<String, String> auth = new LinkedHashMap<>(Map.of("AUTH_ENABLED", "true", "OIDC_ISSUER", keycloak.issuer()));
        // OTLP/HTTP to the in-test receiver, exported every 100 ms (the default batch delay is 5 s).
        auth.putAll(Map.of("OTEL_SDK_DISABLED", "false", "OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint(),
                "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms"));
        Map<String, String> profileEnv = new LinkedHashMap<>(auth);
        profileEnv.putAll(Map.of("DB_URL", profileDb.jdbcUrl(), "DB_USER", postgres.user(),
                "DB_PASSWORD", postgres.password()));
        profiles = ServiceProcess.start("patient-profile-svc", profileEnv);
        load();
        Map<String, String> efficacyEnv = new LinkedHashMap<>(auth);
        efficacyEnv.putAll(Map.of("DB_URL", efficacyDb.jdbcUrl(), "DB_USER", postgres.user(),
                "DB_PASSWORD", postgres.password(), "PROFILE_GRPC_PORT", Integer.toString(profiles.grpcPort()),
                // These tests are about the gateway, not model quality (the efficacy service's own tests assert that):
                // a model of a small cohort, whose held-out figures vary with the random pseudonyms that decide the
                // split, must pass the gate whatever they are.
                "ONCOPREDICT_GATE_MIN_AUROC", "0", "ONCOPREDICT_GATE_CALIBRATION_SLOPE_MIN", "-1000",
                "ONCOPREDICT_GATE_CALIBRATION_SLOPE_MAX", "1000", "ONCOPREDICT_GATE_MIN_C_INDEX", "0"));
        efficacy = ServiceProcess.start("efficacy-model-svc", efficacyEnv, "-Xmx1g");
        modelVersion = trainAndActivate();
        LOG.infof("test platform ready in %.1f s: Keycloak %s, profiles gRPC %d, efficacy gRPC %d, model v%d",
                (System.nanoTime() - t0) / 1e9, keycloak.issuer(), profiles.grpcPort(), efficacy.grpcPort(), modelVersion);
    }

    /** The running platform (started on first use). */
    public static synchronized TestPlatform get() {
        if (instance == null) {
            TestPlatform started = new TestPlatform();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-platform-stop"));
            instance = started;
        }
        return instance;
    }

    public LocalKeycloak keycloak() {
        return keycloak;
    }

    public ServiceProcess profiles() {
        return profiles;
    }

    public ServiceProcess efficacy() {
        return efficacy;
    }

    /** The OTLP receiver all three export their spans to. */
    public OtlpReceiver otlp() {
        return otlp;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public LocalPostgres.TemporaryDatabase gatewayDatabase() {
        return gatewayDb;
    }

    /** The version trained and activated at start-up. */
    public long modelVersion() {
        return modelVersion;
    }

    /** A demo user's access token (password grant through the CLI client). */
    public String token(String username) {
        return keycloak.passwordToken(CLI_CLIENT, username, PASSWORD);
    }

    public String serviceToken() {
        return keycloak.clientCredentialsToken(SERVICE_CLIENT, SERVICE_SECRET);
    }

    /** The simulated cohort (same seed as loaded), for tests that need a patient's known data. */
    public static Iterator<SimulatedPatient> cohort() {
        return new CohortSimulator(SimulationConfig.builder().seed(SEED).build()).generate(PATIENTS).iterator();
    }

    /** Configuration that points the gateway under test at this platform. */
    public Map<String, String> gatewayConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.oidc.auth-server-url", keycloak.issuer());
        config.put("quarkus.oidc.web.auth-server-url", keycloak.issuer());
        for (var client : Map.of("profiles", profiles.grpcPort(), "efficacy", efficacy.grpcPort()).entrySet()) {
            config.put("quarkus.grpc.clients." + client.getKey() + ".host", "127.0.0.1");
            config.put("quarkus.grpc.clients." + client.getKey() + ".port", Integer.toString(client.getValue()));
            // In test mode Quarkus uses a client's test-port.
            config.put("quarkus.grpc.clients." + client.getKey() + ".test-port", Integer.toString(client.getValue()));
        }
        config.put("quarkus.datasource.jdbc.url", gatewayDb.jdbcUrl());
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("quarkus.otel.sdk.disabled", "false");
        config.put("quarkus.otel.exporter.otlp.endpoint", otlp.endpoint());
        config.put("quarkus.otel.exporter.otlp.protocol", "http/protobuf");
        config.put("quarkus.otel.bsp.schedule.delay", "100ms");
        return config;
    }

    private void load() {
        ManagedChannel channel = ProfileLoader.plaintextChannel("127.0.0.1:" + profiles.grpcPort());
        try {
            Iterator<PatientProfile> cohort = new CohortSimulator(SimulationConfig.builder().seed(SEED).build())
                    .profiles(PATIENTS).iterator();
            LoadResult result = ProfileLoader.builder(channel).concurrency(4)
                    .callCredentials(ProfileLoader.bearerToken(serviceToken())).build().load(cohort);
            if (!result.successful() || result.created() != PATIENTS) {
                throw new IllegalStateException("loading the test cohort failed: " + result.failures()
                        + "; log " + profiles.logFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            channel.shutdownNow();
        }
    }

    /** The data scientist trains (B = 3), the admin activates: the gRPC path the gateway itself uses. */
    private long trainAndActivate() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", efficacy.grpcPort()).usePlaintext()
                .build();
        try {
            var asScientist = EfficacyModelServiceGrpc.newBlockingStub(channel)
                    .withCallCredentials(BearerCredentials.of(token("datascientist1")));
            TrainingJob job = asScientist.train(TrainRequest.newBuilder().setCohort(CohortSource.getDefaultInstance())
                    .setBootstrapReplicates(3).setSeed(SEED).build());
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (job.getState() == JobState.JOB_STATE_QUEUED || job.getState() == JobState.JOB_STATE_RUNNING) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("training did not finish within 5 minutes: " + job);
                }
                Thread.sleep(500);
                job = asScientist.getTrainingJob(GetTrainingJobRequest.newBuilder().setJobId(job.getJobId()).build());
            }
            if (job.getState() != JobState.JOB_STATE_SUCCEEDED) {
                throw new IllegalStateException("training failed: " + job + "; log " + efficacy.logFile());
            }
            EfficacyModelServiceGrpc.newBlockingStub(channel)
                    .withCallCredentials(BearerCredentials.of(token("admin1")))
                    .activateModel(ActivateModelRequest.newBuilder().setVersion(job.getModelVersion())
                            .setReason("gateway test platform").build());
            return job.getModelVersion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stop() {
        for (AutoCloseable c : new AutoCloseable[]{efficacy, profiles, gatewayDb, efficacyDb, profileDb, postgres, otlp}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                LOG.warnf("stopping the test platform: %s", e.toString());
            }
        }
    }
}
