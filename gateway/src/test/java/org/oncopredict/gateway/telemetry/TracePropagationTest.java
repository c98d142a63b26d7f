package org.oncopredict.gateway.telemetry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.oncopredict.gateway.testsupport.OtlpReceiver;
import org.oncopredict.gateway.testsupport.OtlpReceiver.Kind;
import org.oncopredict.gateway.testsupport.OtlpReceiver.ReceivedSpan;
import org.oncopredict.gateway.testsupport.PlatformTestResource;
import org.oncopredict.gateway.testsupport.TestPlatform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One treatment-options request through the gateway is one OpenTelemetry trace across gateway → gRPC →
 * efficacy-model-svc → gRPC → patient-profile-svc → JDBC, exported over OTLP/HTTP to the receiver in this JVM
 * ({@link TestPlatform#otlp()}); the trace id is the response's {@code X-Trace-Id} and the audit record's; no span
 * carries the patient's name, MRN or birth date. Also: the latency histograms and the OncoPredict metrics are on
 * {@code /q/metrics} of the gateway and the services, and log lines carry the trace and span ids.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class TracePropagationTest {

    private static final String GATEWAY = "gateway";
    private static final String EFFICACY = "efficacy-model-svc";
    private static final String PROFILES = "patient-profile-svc";

    @Test
    void aTreatmentOptionsRequestIsOneTraceAcrossAllThreeServicesWithCorrectParentsAndNoPhi() throws Exception {
        TestPlatform platform = TestPlatform.get();
        String token = platform.token("oncologist1");
        String id = given().auth().oauth2(token).queryParam("cancerType", "NSCLC").queryParam("pageSize", 1)
                .get("/api/v1/patients").then().statusCode(200).extract().path("patients[0].patientId");
        Response profile = given().auth().oauth2(token).get("/api/v1/patients/" + id).then().statusCode(200)
                .extract().response();
        String mrn = profile.path("identity.mrn");
        String given = profile.path("identity.givenName");
        String family = profile.path("identity.familyName");
        String birthDate = profile.path("identity.birthDate");
        assertThat(List.of(mrn, given, family, birthDate)).allSatisfy(v -> assertThat(v).isNotBlank());

        Response options = given().auth().oauth2(token).get("/api/v1/patients/" + id + "/treatment-options")
                .then().statusCode(200).extract().response();
        String traceId = options.header("X-Trace-Id");
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        int regimens = options.jsonPath().getList("predictions").size();
        long model = options.jsonPath().getLong("model.version");
        assertThat(regimens).isGreaterThan(3);
        assertThat(model).isEqualTo(platform.modelVersion());

        OtlpReceiver otlp = platform.otlp();
        Predicate<List<ReceivedSpan>> complete = spans ->
                server(spans, GATEWAY).isPresent() && grpcServer(spans, EFFICACY, "PredictTreatmentOutcomes").isPresent()
                        && grpcServer(spans, PROFILES, "GetPatientProfile").isPresent()
                        && spans.stream().anyMatch(s -> s.service().equals(PROFILES) && isJdbc(s))
                        && spans.stream().anyMatch(s -> s.name().equals("efficacy.predict"));
        List<ReceivedSpan> trace = otlp.awaitTrace(traceId, complete, Duration.ofSeconds(20));
        String dump = trace.stream().map(ReceivedSpan::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
        assertThat(otlp.errors()).isEmpty();
        assertThat(complete.test(trace)).as("spans of trace %s: %s", traceId, dump).isTrue();

        // One trace, three services: every span of the trace id, and the three service.name resources among them.
        assertThat(trace).extracting(ReceivedSpan::traceId).containsOnly(traceId);
        assertThat(trace).extracting(ReceivedSpan::service).contains(GATEWAY, EFFICACY, PROFILES);
        Map<String, ReceivedSpan> byId = trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, s -> s));

        // The gateway's HTTP server span is the one root; every other span's parent is a span of this trace.
        ReceivedSpan root = server(trace, GATEWAY).orElseThrow();
        assertThat(trace.stream().filter(ReceivedSpan::isRoot).toList()).as(dump).containsExactly(root);
        assertThat(root.attributes()).containsEntry("http.request.method", "GET");
        assertThat(root.attributes().get("http.route")).isEqualTo("/api/v1/patients/{id}/treatment-options");
        assertThat(trace).as(dump).allSatisfy(s -> assertThat(s.isRoot() || byId.containsKey(s.parentSpanId()))
                .as("parent of %s is in the trace", s).isTrue());

        // gateway: the service span with its attributes, under the HTTP span.
        ReceivedSpan gatewayOptions = named(trace, GATEWAY, "gateway.patients.treatment-options");
        assertThat(ancestors(gatewayOptions, byId)).contains(root);
        assertThat(gatewayOptions.attributes()).containsEntry("oncopredict.patient.pseudonym", id)
                .containsEntry("oncopredict.model.version", Long.toString(model))
                .containsEntry("oncopredict.regimen.count", Integer.toString(regimens));

        // efficacy-model-svc: its gRPC server span's parent is a gRPC client span of the gateway, under the service span.
        ReceivedSpan efficacyServer = grpcServer(trace, EFFICACY, "PredictTreatmentOutcomes").orElseThrow();
        ReceivedSpan gatewayClient = byId.get(efficacyServer.parentSpanId());
        assertThat(gatewayClient.service()).isEqualTo(GATEWAY);
        assertThat(gatewayClient.kind()).isEqualTo(Kind.CLIENT);
        assertThat(gatewayClient.attributes()).containsEntry("rpc.method", "PredictTreatmentOutcomes");
        assertThat(ancestors(gatewayClient, byId)).contains(gatewayOptions);
        assertThat(efficacyServer.attributes()).containsEntry("rpc.system", "grpc")
                .containsEntry("oncopredict.patient.pseudonym", id)
                .containsEntry("oncopredict.model.version", Long.toString(model))
                .containsEntry("oncopredict.regimen.count", Integer.toString(regimens));
        ReceivedSpan predict = named(trace, EFFICACY, "efficacy.predict");
        assertThat(ancestors(predict, byId)).contains(efficacyServer);
        assertThat(predict.attributes()).containsEntry("oncopredict.patient.pseudonym", id)
                .containsEntry("oncopredict.model.version", Long.toString(model))
                .containsEntry("oncopredict.regimen.count", Integer.toString(regimens));

        // patient-profile-svc: its server span's parent is efficacy's client span; JDBC spans below it.
        ReceivedSpan profileServer = grpcServer(trace, PROFILES, "GetPatientProfile").orElseThrow();
        ReceivedSpan efficacyClient = byId.get(profileServer.parentSpanId());
        assertThat(efficacyClient.service()).isEqualTo(EFFICACY);
        assertThat(efficacyClient.kind()).isEqualTo(Kind.CLIENT);
        assertThat(efficacyClient.attributes()).containsEntry("rpc.method", "GetPatientProfile");
        assertThat(ancestors(efficacyClient, byId)).contains(efficacyServer);
        List<ReceivedSpan> jdbc = trace.stream().filter(s -> s.service().equals(PROFILES) && isJdbc(s)).toList();
        assertThat(jdbc).as(dump).isNotEmpty().allSatisfy(s -> {
            assertThat(s.kind()).isEqualTo(Kind.CLIENT);
            assertThat(ancestors(s, byId)).contains(profileServer);
        });
        // Statements are recorded with placeholders: the patient lookup does not carry the pseudonym's value.
        assertThat(jdbc).anySatisfy(s -> assertThat(statement(s)).contains("patient_id=?"));
        assertThat(named(trace, PROFILES, "profile.get").attributes())
                .containsEntry("oncopredict.patient.pseudonym", id);

        // Audit: the PREDICTION record carries the same trace id.
        List<Map<String, Object>> audit = given().auth().oauth2(platform.token("admin1")).queryParam("trace", traceId)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).containsEntry("action", "PREDICTION").containsEntry("traceId", traceId)
                .containsEntry("patient", id);

        // No PHI in any span or resource attribute: neither the name (as a word), the MRN nor the birth date.
        Set<String> names = Set.of(given, family);
        assertThat(trace).allSatisfy(s -> Stream.of(s.attributes(), s.resource()).flatMap(m -> m.values().stream())
                .forEach(value -> {
                    assertThat(value).as("attribute of %s", s).doesNotContain(mrn).doesNotContain(birthDate);
                    assertThat(Arrays.stream(value.split("[^\\p{L}'-]+")).filter(names::contains).toList())
                            .as("names in an attribute of %s", s).isEmpty();
                }));
        assertThat(trace).allSatisfy(s -> assertThat(s.name()).doesNotContain(mrn).doesNotContain(family));
    }

    @Test
    void latencyHistogramsAndOncoPredictMetricsArePublished() throws Exception {
        TestPlatform platform = TestPlatform.get();
        String token = platform.token("oncologist1");
        String id = given().auth().oauth2(token).queryParam("cancerType", "NSCLC").queryParam("pageSize", 1)
                .get("/api/v1/patients").then().statusCode(200).extract().path("patients[0].patientId");
        given().auth().oauth2(token).get("/api/v1/patients/" + id + "/treatment-options").then().statusCode(200);

        String gateway = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(gateway).contains("http_server_requests_seconds_bucket{")
                .contains("grpc_client_processing_duration_seconds_bucket{")
                .contains("oncopredict_circuit_state{").contains("oncopredict_audit_write_failures_total");

        // A training job of this test's own, on a cohort of nobody (it fails at once and registers no model): other
        // tests restart the efficacy service (fresh metrics), so the platform's own training may not be counted any
        // more; this job is, whatever its outcome.
        String ds = platform.token("datascientist1");
        String job = given().auth().oauth2(ds).contentType(io.restassured.http.ContentType.JSON)
                .body("{\"cohort\":{\"filter\":{\"careTeams\":[\"no-such-team\"]},\"maxProfiles\":60},"
                        + "\"bootstrapReplicates\":2,\"seed\":3}")
                .post("/api/v1/models/training-jobs").then().statusCode(202).extract().path("jobId");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String state;
        do {
            Thread.sleep(200);
            state = given().auth().oauth2(ds).get("/api/v1/models/training-jobs/" + job).then().statusCode(200)
                    .extract().path("state");
        } while ((state.equals("JOB_STATE_QUEUED") || state.equals("JOB_STATE_RUNNING")) && System.nanoTime() < deadline);
        assertThat(state).isIn("JOB_STATE_SUCCEEDED", "JOB_STATE_FAILED", "JOB_STATE_CANCELLED");

        String efficacy = get(platform.efficacy().httpPort());
        assertThat(efficacy).contains("oncopredict_prediction_duration_seconds_bucket{")
                .contains("grpc_server_processing_duration_seconds_bucket{")
                .containsPattern("oncopredict_training_duration_seconds_count\\{[^}]*kind=\"TRAIN\"[^}]*} [1-9]");
        assertThat(efficacy.lines().filter(l -> l.startsWith("oncopredict_model_active_version")).toList())
                .singleElement().satisfies(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .isEqualTo((double) platform.modelVersion()));
        assertThat(get(platform.profiles().httpPort())).contains("grpc_server_processing_duration_seconds_bucket{");
    }

    @Test
    void serviceLogsCarryTheTraceAndSpanIdsOfTheSpanTheyWereWrittenIn() throws Exception {
        TestPlatform platform = TestPlatform.get();
        // The platform's training job (started by the data scientist's Train call) ran in span efficacy.training.job.
        ReceivedSpan job = platform.otlp().spans().stream()
                .filter(s -> s.service().equals(EFFICACY) && s.name().equals("efficacy.training.job")
                        && Long.toString(platform.modelVersion()).equals(s.attributes().get("oncopredict.model.version")))
                .findFirst().orElseThrow(() -> new AssertionError("no efficacy.training.job span for model v"
                        + platform.modelVersion()));
        assertThat(job.attributes()).containsEntry("oncopredict.job.kind", "TRAIN")
                .containsEntry("oncopredict.job.outcome", "succeeded");
        ReceivedSpan train = platform.otlp().trace(job.traceId()).stream()
                .filter(s -> s.spanId().equals(job.parentSpanId())).findFirst().orElseThrow();
        assertThat(train.kind()).isEqualTo(Kind.SERVER);
        assertThat(train.attributes()).containsEntry("rpc.method", "Train");
        // Its log line names that trace and span (console format traceId=… spanId=…).
        List<String> registered = java.nio.file.Files.readAllLines(platform.efficacy().logFile()).stream()
                .filter(l -> l.contains("Model version " + platform.modelVersion() + " registered")).toList();
        assertThat(registered).isNotEmpty()
                .anySatisfy(l -> assertThat(l).contains("traceId=" + job.traceId() + " spanId=" + job.spanId()));
    }

    private static String get(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static Optional<ReceivedSpan> server(List<ReceivedSpan> spans, String service) {
        return spans.stream().filter(s -> s.service().equals(service) && s.kind() == Kind.SERVER
                && s.attributes().containsKey("http.request.method")).findFirst();
    }

    private static Optional<ReceivedSpan> grpcServer(List<ReceivedSpan> spans, String service, String method) {
        return spans.stream().filter(s -> s.service().equals(service) && s.kind() == Kind.SERVER
                && method.equals(s.attributes().get("rpc.method"))).findFirst();
    }

    private static ReceivedSpan named(List<ReceivedSpan> spans, String service, String name) {
        List<ReceivedSpan> found = spans.stream().filter(s -> s.service().equals(service) && s.name().equals(name))
                .toList();
        assertThat(found).as("%s spans named %s", service, name).hasSize(1);
        return found.get(0);
    }

    /** A JDBC statement span (opentelemetry-jdbc; not its {@code DataSource.getConnection} spans). */
    private static boolean isJdbc(ReceivedSpan s) {
        return ("postgresql".equals(s.attributes().get("db.system"))
                || "postgresql".equals(s.attributes().get("db.system.name")))
                && (s.attributes().containsKey("db.statement") || s.attributes().containsKey("db.query.text"));
    }

    private static String statement(ReceivedSpan s) {
        return s.attributes().getOrDefault("db.statement", s.attributes().getOrDefault("db.query.text", ""));
    }

    /** The span's ancestors in the trace, nearest first. */
    private static List<ReceivedSpan> ancestors(ReceivedSpan span, Map<String, ReceivedSpan> byId) {
        List<ReceivedSpan> out = new java.util.ArrayList<>();
        ReceivedSpan s = byId.get(span.parentSpanId());
        while (s != null && out.size() < 100) {
            out.add(s);
            s = s.isRoot() ? null : byId.get(s.parentSpanId());
        }
        return out;
    }
}
