package org.oncopredict.gateway.clients;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.oncopredict.gateway.testsupport.Fixtures;
import org.oncopredict.gateway.testsupport.PlatformTestResource;
import org.oncopredict.gateway.testsupport.TestPlatform;
import org.oncopredict.testkit.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.oncopredict.gateway.testsupport.Fixtures.ONCOLOGIST;
import static org.oncopredict.gateway.testsupport.Fixtures.as;

/**
 * The documented degraded behaviour with the real services killed mid-run: profile service down → 503 problem with
 * Retry-After (the circuit opens and then fails fast); efficacy service down → the profile is still served and
 * treatment options answer 503 "prediction unavailable"; both recover when the service returns; and no write the
 * gateway acknowledged is lost. Each test leaves the platform as it found it: services up and breakers closed with
 * only stale failures in their windows (which {@link ServiceGuard} then forgets), so later test classes are not refused.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class FaultToleranceTest {

    @Test
    void profileServiceDownIs503WithRetryAfterThenRecovers() {
        String id = Fixtures.thoracicPatient();
        ServiceProcess profiles = TestPlatform.get().profiles();
        as(ONCOLOGIST).get("/api/v1/patients/" + id).then().statusCode(200);
        profiles.kill();
        try {
            List<Response> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(as(ONCOLOGIST).get("/api/v1/patients/" + id));
            }
            assertThat(answers).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.header("Retry-After")).isEqualTo("5");
                assertThat(r.body().asString()).contains("patient-profile-svc is not reachable").doesNotContain("Exception");
            });
            // After enough failures the breaker opens: later calls fail fast without trying the service.
            assertThat(answers.get(answers.size() - 1).body().asString()).contains("not retried for a few seconds");
        } finally {
            profiles.start();
        }
        awaitStatus(() -> as(ONCOLOGIST).get("/api/v1/patients/" + id), 200);
        outlastFailures();
    }

    @Test
    void efficacyServiceDownLeavesTheProfileAndSaysPredictionUnavailable() {
        String id = Fixtures.ownThoracicPatient();
        ServiceProcess efficacy = TestPlatform.get().efficacy();
        efficacy.kill();
        try {
            as(ONCOLOGIST).get("/api/v1/patients/" + id).then().statusCode(200);
            Response options = as(ONCOLOGIST).get("/api/v1/patients/" + id + "/treatment-options");
            assertThat(options.statusCode()).isEqualTo(503);
            assertThat(options.header("Retry-After")).isNotBlank();
            assertThat(options.<String>path("type")).endsWith("/prediction-unavailable");
            assertThat(options.<String>path("detail")).contains("prediction unavailable — efficacy service not reachable");
            // A decision does not wait for the prediction service.
            as(ONCOLOGIST).contentType(ContentType.JSON).body("{\"regimenId\":\"docetaxel\",\"rationale\":\"while degraded\"}")
                    .post("/api/v1/patients/" + id + "/decisions").then().statusCode(201);
        } finally {
            efficacy.start();
        }
        awaitStatus(() -> as(ONCOLOGIST).get("/api/v1/patients/" + id + "/treatment-options?curves=false"), 200);
        outlastFailures();
    }

    @Test
    void noAcknowledgedWriteIsLostWhenTheProfileServiceCrashesMidRun() throws InterruptedException {
        String id = Fixtures.ownThoracicPatient();
        String token = Fixtures.token(ONCOLOGIST);
        ServiceProcess profiles = TestPlatform.get().profiles();
        Set<Double> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                while (running.get()) {
                    // A unique haemoglobin value identifies each attempted write.
                    double value = 10 + writer + attempts.incrementAndGet() / 10_000.0;
                    Response r = io.restassured.RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON)
                            .body("{\"date\":\"" + LocalDate.now() + "\",\"type\":\"LAB_TYPE_HEMOGLOBIN\",\"value\":"
                                    + value + "}")
                            .post("/api/v1/patients/" + id + "/labs");
                    if (r.statusCode() == 201) {
                        acknowledged.add(Math.round(value * 10_000) / 10_000.0);
                    } else {
                        assertThat(r.statusCode()).as(r.body().asString()).isIn(503, 412);
                    }
                }
            }, "writer-" + w);
            writers.add(t);
            t.start();
        }
        Thread.sleep(1500);
        profiles.kill();
        Thread.sleep(1500);
        profiles.start();
        Thread.sleep(2500);
        running.set(false);
        for (Thread t : writers) {
            t.join(30_000);
        }
        awaitStatus(() -> as(ONCOLOGIST).get("/api/v1/patients/" + id + "/history"), 200);
        String history = as(ONCOLOGIST).get("/api/v1/patients/" + id + "/history").then().statusCode(200).extract()
                .asString();
        List<Double> stored = JsonPath.from(history).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE))
                .getList("labs.findAll { it.type == 'LAB_TYPE_HEMOGLOBIN' }.value", Double.class);
        Set<Double> present = ConcurrentHashMap.newKeySet();
        stored.forEach(v -> present.add(Math.round(v * 10_000) / 10_000.0));
        assertThat(acknowledged).as("acknowledged writes").hasSizeGreaterThan(5);
        assertThat(present).as("every acknowledged write is stored").containsAll(acknowledged);
        outlastFailures();
    }

    @Test
    void recentFailuresOpenTheBreakerButThoseOfAnOutageThatIsOverDoNot() throws InterruptedException {
        Supplier<String> down = () -> {
            throw Status.UNAVAILABLE.withDescription("connection refused").asRuntimeException();
        };
        Supplier<String> up = () -> "ok";
        // Five failures and five successes in quick succession fill the window of 10 at 50 %: the breaker opens.
        ServiceGuard recent = guard();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> recent.write(down, null)).isInstanceOf(ServiceUnavailableException.class);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(recent.<String>write(up, null)).isEqualTo("ok");
        }
        assertThatThrownBy(() -> recent.write(up, null)).isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("not retried for a few seconds");

        // The same five failures, then the breaker delay passes with the service back: they no longer count.
        ServiceGuard over = guard();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> over.write(down, null)).isInstanceOf(ServiceUnavailableException.class);
        }
        Thread.sleep(GUARD_DELAY.toMillis() + 200);
        for (int i = 0; i < 20; i++) {
            assertThat(over.<String>write(up, null)).as("call " + i).isEqualTo("ok");
        }
        // And a new outage still opens it.
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> over.write(down, null)).isInstanceOf(ServiceUnavailableException.class);
        }
        assertThatThrownBy(() -> over.write(up, null)).hasMessageContaining("not retried for a few seconds");
    }

    private static final Duration GUARD_DELAY = Duration.ofMillis(500);

    private static ServiceGuard guard() {
        return new ServiceGuard("test-svc", new GrpcProblems.Unavailable("test-unavailable", "Test service unavailable",
                "test service not reachable"), 1, GUARD_DELAY, new SimpleMeterRegistry());
    }

    /** The gateway's breakers forget failures older than their 5 s delay; wait that out so later tests start clean. */
    private static void outlastFailures() {
        try {
            Thread.sleep(5_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitStatus(java.util.function.Supplier<Response> call, int status) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = call.get().statusCode();
            if (last == status) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no recovery within 30 s: last status " + last);
    }
}
