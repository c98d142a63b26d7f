package org.oncopredict.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.oncopredict.auth.BearerCredentials;
import org.oncopredict.proto.efficacy.v1.ActivateModelRequest;
import org.oncopredict.proto.efficacy.v1.CohortSource;
import org.oncopredict.proto.efficacy.v1.EfficacyModelServiceGrpc;
import org.oncopredict.proto.efficacy.v1.GetTrainingJobRequest;
import org.oncopredict.proto.efficacy.v1.JobState;
import org.oncopredict.proto.efficacy.v1.ListRegimensRequest;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesRequest;
import org.oncopredict.proto.efficacy.v1.TrainRequest;
import org.oncopredict.proto.efficacy.v1.TrainingJob;
import org.oncopredict.proto.profile.v1.CancerType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Figures for the gateway (prints them; never pass/fail), against running services with token verification on:
 * <ul>
 *   <li>{@code prepare}: the data scientist trains a model on the profile service's cohort (B = 20) and the admin
 *       activates it, over the efficacy service's gRPC API.</li>
 *   <li>{@code run}: authenticated {@code GET /api/v1/patients/{id}/treatment-options} for one patient and 10
 *       regimens (intervals, monthly curves, explanations) at {@code --clients} concurrent clients for
 *       {@code --seconds} after {@code --warmup} seconds: p50/p90/p99 and throughput; then the same prediction straight to the
 *       efficacy service over gRPC at the same concurrency, and the gateway's overhead as a ratio.</li>
 * </ul>
 */
@Command(name = "gateway-bench", mixinStandardHelpOptions = true)
public final class GatewayBench implements Callable<Integer> {

    @Option(names = "--mode", required = true, description = "prepare | run")
    String mode;

    @Option(names = "--issuer", required = true, description = "realm issuer URL, e.g. http://127.0.0.1:18280/realms/oncology")
    String issuer;

    @Option(names = "--gateway", defaultValue = "http://127.0.0.1:18200", description = "gateway base URL")
    String gateway;

    @Option(names = "--efficacy", defaultValue = "127.0.0.1:19202", description = "efficacy gRPC host:port")
    String efficacy;

    @Option(names = "--clients", defaultValue = "32")
    int clients;

    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds per target")
    int seconds;

    @Option(names = "--warmup", defaultValue = "30", description = "warm-up seconds per target (JIT on 2 cores is slow)")
    int warmup;

    private static final int REGIMENS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.out.printf("gateway benchmark (%s), %d cores%n", mode, Runtime.getRuntime().availableProcessors());
        switch (mode) {
            case "prepare" -> prepare();
            case "run" -> run();
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown mode " + mode);
        }
        return 0;
    }

    private void prepare() throws Exception {
        ManagedChannel channel = channel();
        try {
            var asScientist = EfficacyModelServiceGrpc.newBlockingStub(channel)
                    .withCallCredentials(BearerCredentials.of(token("datascientist1")));
            long t0 = System.nanoTime();
            TrainingJob job = asScientist.train(TrainRequest.newBuilder().setCohort(CohortSource.getDefaultInstance())
                    .setBootstrapReplicates(20).setSeed(7).build());
            while (job.getState() == JobState.JOB_STATE_QUEUED || job.getState() == JobState.JOB_STATE_RUNNING) {
                Thread.sleep(1000);
                // A fresh token each poll: training can outlast one.
                job = EfficacyModelServiceGrpc.newBlockingStub(channel)
                        .withCallCredentials(BearerCredentials.of(token("datascientist1")))
                        .getTrainingJob(GetTrainingJobRequest.newBuilder().setJobId(job.getJobId()).build());
            }
            System.out.printf("prepare  : training over gRPC (B = 20): %s in %.1f s, version %d%n", job.getState(),
                    (System.nanoTime() - t0) / 1e9, job.getModelVersion());
            EfficacyModelServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerCredentials.of(token("admin1")))
                    .activateModel(ActivateModelRequest.newBuilder().setVersion(job.getModelVersion())
                            .setReason("benchmark").build());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void run() throws Exception {
        String token = token("oncologist1");
        String patient = firstNsclcPatient(token);
        ManagedChannel channel = channel();
        try {
            List<String> regimens = EfficacyModelServiceGrpc.newBlockingStub(channel)
                    .withCallCredentials(BearerCredentials.of(token))
                    .listRegimens(ListRegimensRequest.newBuilder().setCancerType(CancerType.CANCER_TYPE_NSCLC).build())
                    .getRegimensList().stream().map(r -> r.getId()).limit(REGIMENS).toList();
            URI uri = URI.create(gateway + "/api/v1/patients/" + patient + "/treatment-options?curves=true&regimens="
                    + URLEncoder.encode(String.join(",", regimens), StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<byte[]> probe = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (probe.statusCode() != 200) {
                throw new IllegalStateException("treatment-options answered " + probe.statusCode() + ": "
                        + new String(probe.body(), StandardCharsets.UTF_8));
            }
            System.out.printf("request  : patient %s, %d regimens, %d bytes of JSON%n", patient, regimens.size(),
                    probe.body().length);
            Result viaGateway = load("gateway  : GET treatment-options (HTTP/1.1, bearer token)", () -> {
                HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("status " + r.statusCode());
                }
            });
            var stub = EfficacyModelServiceGrpc.newBlockingStub(channel).withCallCredentials(BearerCredentials.of(token));
            PredictTreatmentOutcomesRequest direct = PredictTreatmentOutcomesRequest.newBuilder().setPatientId(patient)
                    .addAllRegimenIds(regimens).setIncludeMonthlyCurve(true).build();
            Result viaGrpc = load("efficacy : PredictTreatmentOutcomes over gRPC (same token)", () ->
                    stub.withDeadlineAfter(10, TimeUnit.SECONDS).predictTreatmentOutcomes(direct));
            System.out.printf("overhead : gateway / direct gRPC: p50 %.2fx, p99 %.2fx, throughput %.2fx%n",
                    viaGateway.p50 / viaGrpc.p50, viaGateway.p99 / viaGrpc.p99, viaGrpc.perSecond / viaGateway.perSecond);
            report(token, patient);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private record Result(double p50, double p99, double perSecond) {
    }

    /**
     * One-patient tumor-board PDF, one client at a time (the goal is about a single report, warm): the whole request
     * (profile, prediction with curves, model card, layout, audit) and the layout alone from {@code Server-Timing}.
     */
    private void report(String token, String patient) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/patients/" + patient + "/report"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
        Histogram render = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(30), 3);
        long[] bytes = {0};
        long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        Result whole = load("report   : GET patients/{id}/report (PDF, A4)", 1, () -> {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("status " + r.statusCode());
            }
            bytes[0] = r.body().length;
            if (System.nanoTime() >= warmUpEnd) {
                r.headers().firstValue("Server-Timing").map(v -> v.replaceAll(".*dur=", ""))
                        .ifPresent(ms -> render.recordValue(TimeUnit.MILLISECONDS.toNanos(Long.parseLong(ms.strip()))));
            }
        });
        System.out.printf("report   : layout only (Server-Timing) p50 %.0f ms, p90 %.0f ms; whole request p50 %.0f ms; "
                        + "%d bytes; goal <= 300 ms warm%n", render.getValueAtPercentile(50) / 1e6,
                render.getValueAtPercentile(90) / 1e6, whole.p50, bytes[0]);
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    /** {@code clients} threads calling in a closed loop: {@code warmup} seconds, then {@code seconds} measured. */
    private Result load(String label, Call call) throws InterruptedException {
        return load(label, clients, call);
    }

    private Result load(String label, int clients, Call call) throws InterruptedException {
        Histogram latencies = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(30), 3);
        AtomicLong errors = new AtomicLong();
        long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
        long end = warmUpEnd + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            return;
                        }
                        try {
                            call.run();
                            if (t0 >= warmUpEnd) {
                                latencies.recordValue(System.nanoTime() - t0);
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "client-" + c);
            threads.add(t);
            t.start();
        }
        done.await();
        double perSecond = latencies.getTotalCount() / (double) seconds;
        Result r = new Result(latencies.getValueAtPercentile(50) / 1e6, latencies.getValueAtPercentile(99) / 1e6, perSecond);
        System.out.printf("%s: %d clients, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, %.0f requests/s (%d requests, %d errors)%n",
                label, clients, r.p50, latencies.getValueAtPercentile(90) / 1e6, r.p99, perSecond,
                latencies.getTotalCount(), errors.get());
        return r;
    }

    private String firstNsclcPatient(String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway
                        + "/api/v1/patients?cancerType=NSCLC&pageSize=1")).header("Authorization", "Bearer " + token).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        String id = r.statusCode() == 200 ? JSON.readTree(r.body()).path("patients").path(0).path("patientId").asText("")
                : "";
        if (id.isEmpty()) {
            throw new IllegalStateException("no NSCLC patient for oncologist1: " + r.statusCode() + " " + r.body());
        }
        return id;
    }

    private String token(String user) throws Exception {
        String form = "grant_type=password&client_id=oncopredict-cli&username=" + user + "&password=demo";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token for " + user + ": " + r.statusCode());
        }
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private ManagedChannel channel() {
        String[] hostPort = efficacy.split(":");
        return ManagedChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1])).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
    }
}
