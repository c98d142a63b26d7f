package org.oncopredict.bench;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.HdrHistogram.Histogram;
import org.oncopredict.cohortsim.AssignmentMode;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulatedPatient;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.efficacy.catalogue.Catalogue;
import org.oncopredict.efficacy.catalogue.CatalogueLoader;
import org.oncopredict.efficacy.catalogue.EligibilityEvaluator;
import org.oncopredict.efficacy.features.FeatureEncoder;
import org.oncopredict.efficacy.features.FeatureVector;
import org.oncopredict.efficacy.mapping.CatalogueProtoMapper;
import org.oncopredict.efficacy.mapping.PredictionProtoMapper;
import org.oncopredict.efficacy.model.OutcomeModel;
import org.oncopredict.efficacy.model.OutcomeModelTrainer;
import org.oncopredict.efficacy.model.RegimenOutcome;
import org.oncopredict.efficacy.model.TrainingConfig;
import org.oncopredict.efficacy.model.TrainingMonitor;
import org.oncopredict.efficacy.training.LineOutcome;
import org.oncopredict.efficacy.training.TherapyLineRows;
import org.oncopredict.proto.efficacy.v1.EfficacyModelServiceGrpc;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesRequest;
import org.oncopredict.proto.efficacy.v1.PredictionBatch;
import org.oncopredict.proto.efficacy.v1.RegimenPrediction;
import org.oncopredict.proto.efficacy.v1.StreamPredictionsRequest;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.PatientProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Figures for efficacy-model-svc (prints them; never pass/fail):
 * <ul>
 *   <li>{@code train}: in-process training time and heap for simulated cohorts of the given sizes, B bootstrap
 *       replicates (the service's default configuration otherwise).</li>
 *   <li>{@code predict}: in-process latency of one patient × 10 regimens with intervals and explanations —
 *       the work of the gRPC handler: encoding, eligibility, the model, proto mapping.</li>
 *   <li>{@code grpc}: the same request over gRPC on loopback (inline profile, so the profile service is not
 *       in the path), then StreamPredictions throughput in patient × regimen predictions per second.
 *       Needs a running service with an active model (see {@code bench/run-efficacy-bench.sh}).</li>
 * </ul>
 */
@Command(name = "efficacy-bench", mixinStandardHelpOptions = true)
public final class EfficacyBench implements Callable<Integer> {

    @Option(names = "--mode", required = true, description = "train | predict | prepare | grpc")
    String mode;

    @Option(names = "--patients", split = ",", defaultValue = "10000", description = "cohort sizes (train) or the size to train on (predict)")
    List<Integer> patients;

    @Option(names = "--replicates", defaultValue = "20")
    int replicates;

    @Option(names = "--samples", defaultValue = "2000", description = "timed predictions (after as many warm-up ones)")
    int samples;

    @Option(names = "--target", defaultValue = "127.0.0.1:9102", description = "efficacy gRPC host:port (grpc mode)")
    String target;

    @Option(names = "--stream-patients", defaultValue = "5000", description = "patients streamed (grpc mode)")
    int streamPatients;

    private static final int REGIMENS = 10;

    /** Held strongly: JUL keeps only weak references to loggers it has configured. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    public static void main(String[] args) {
        // Tribuo logs every fit at INFO; thousands of fits would flood the figures.
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
        System.exit(new CommandLine(new EfficacyBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.out.printf("efficacy-model-svc benchmark (%s), %d cores, max heap %d MB%n", mode,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        switch (mode) {
            case "train" -> {
                for (int n : patients) {
                    train(n);
                }
            }
            case "predict" -> predictInProcess(train(patients.get(0)));
            case "grpc" -> grpc();
            case "prepare" -> prepare();
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown mode " + mode);
        }
        return 0;
    }

    private OutcomeModel train(int n) {
        FeatureEncoder encoder = new FeatureEncoder();
        long t0 = System.nanoTime();
        List<LineOutcome> rows = new ArrayList<>();
        TherapyLineRows extractor = new TherapyLineRows(encoder);
        for (SimulatedPatient p : simulator(1).generate(n)) {
            rows.addAll(extractor.rows("bench-" + p.index(), p.profile()));
        }
        long t1 = System.nanoTime();
        System.gc();
        Map<String, Long> stageNanos = new java.util.LinkedHashMap<>();
        TrainingMonitor stages = new TrainingMonitor() {
            private String current;
            private long since = System.nanoTime();

            @Override
            public synchronized void progress(String stage, int percent) {
                if (!stage.equals(current)) {
                    long now = System.nanoTime();
                    if (current != null) {
                        stageNanos.merge(current, now - since, Long::sum);
                    }
                    current = stage;
                    since = now;
                }
            }

            @Override
            public boolean cancelled() {
                return false;
            }
        };
        OutcomeModel model = new OutcomeModelTrainer(TrainingConfig.DEFAULT.withReplicates(replicates).withSeed(7))
                .train(rows, "bench", Map.of(), stages);
        long t2 = System.nanoTime();
        StringBuilder breakdown = new StringBuilder();
        stageNanos.forEach((stage, nanos) -> breakdown.append(String.format("%s %.1f s; ", stage, nanos / 1e9)));
        System.out.println("           stages: " + breakdown);
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
        System.out.printf("train    : %d patients, %d lines: rows %.1f s, training %.1f s (B = %d, %d regimens), "
                        + "heap after %d MB; held-out response AUROC %.3f, PFS C-index %.3f%n", n, rows.size(),
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, replicates, model.description().regimens().size(), heap,
                model.evaluation().response().auroc().estimate(), model.evaluation().progressionFree().cIndex().estimate());
        return model;
    }

    private static CohortSimulator simulator(long seed) {
        return new CohortSimulator(SimulationConfig.builder().seed(seed).assignmentMode(AssignmentMode.CONFOUNDED).build());
    }

    /** NSCLC patients from another seed than training, and ten NSCLC regimens the model covers. */
    private static List<PatientProfile> nsclcPatients(int count) {
        List<PatientProfile> out = new ArrayList<>();
        Iterator<SimulatedPatient> it = simulator(99).stream(CohortSimulator.MAX_PATIENTS).iterator();
        while (out.size() < count) {
            PatientProfile p = it.next().profile();
            if (p.getCancer().getCancerType() == CancerType.CANCER_TYPE_NSCLC) {
                out.add(p);
            }
        }
        return out;
    }

    private static List<String> tenRegimens(Catalogue catalogue) {
        return catalogue.forCancerType(CancerType.CANCER_TYPE_NSCLC).stream().map(r -> r.id()).limit(REGIMENS).toList();
    }

    private void predictInProcess(OutcomeModel model) {
        Catalogue catalogue = CatalogueLoader.loadDefault();
        EligibilityEvaluator eligibility = new EligibilityEvaluator(catalogue);
        FeatureEncoder encoder = new FeatureEncoder();
        List<String> regimens = tenRegimens(catalogue);
        List<PatientProfile> profiles = nsclcPatients(200);
        LocalDate today = LocalDate.of(2026, 1, 1);
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long sink = 0;
        for (int i = 0; i < 2 * samples; i++) {
            PatientProfile profile = profiles.get(i % profiles.size());
            long t0 = System.nanoTime();
            FeatureVector x = encoder.encode(profile, today);
            var eligibilities = eligibility.evaluate(profile, regimens.stream().map(catalogue::require).toList(), today);
            for (int r = 0; r < regimens.size(); r++) {
                String id = regimens.get(r);
                var regimen = catalogue.require(id);
                RegimenPrediction.Builder b = RegimenPrediction.newBuilder()
                        .setEligibility(CatalogueProtoMapper.toProto(eligibilities.get(r)));
                RegimenOutcome o = model.predict(x, id, regimen.name()).orElse(null);
                if (o != null && o.response() != null) {
                    b.setResponse(PredictionProtoMapper.probability(o.response()))
                            .setResponseExplanation(PredictionProtoMapper.explanation(o.responseExplanation(), 5));
                }
                if (o != null && o.progressionFreeSurvival() != null) {
                    b.setProgressionFreeSurvival(PredictionProtoMapper.survival(o.progressionFreeSurvival(), false));
                }
                sink += b.build().getSerializedSize();
            }
            if (i >= samples) {
                h.recordValue(System.nanoTime() - t0);
            }
        }
        System.out.printf("predict  : in-process, 1 patient x %d regimens, B = %d, with explanations: p50 %.2f ms, "
                        + "p90 %.2f ms, p99 %.2f ms (%d samples; %d bytes)%n", regimens.size(), replicates,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getTotalCount(), sink / (2L * samples));
    }

    /** Trains a model through the running service (Train on its whole cohort) and activates it. */
    private void prepare() throws InterruptedException {
        ManagedChannel channel = channel();
        try {
            var stub = EfficacyModelServiceGrpc.newBlockingStub(channel);
            long t0 = System.nanoTime();
            var job = stub.train(org.oncopredict.proto.efficacy.v1.TrainRequest.newBuilder()
                    .setCohort(org.oncopredict.proto.efficacy.v1.CohortSource.getDefaultInstance())
                    .setBootstrapReplicates(replicates).setSeed(7).setActivateIfGatePasses(true).build());
            do {
                Thread.sleep(1000);
                job = stub.getTrainingJob(org.oncopredict.proto.efficacy.v1.GetTrainingJobRequest.newBuilder()
                        .setJobId(job.getJobId()).build());
            } while (job.getState() == org.oncopredict.proto.efficacy.v1.JobState.JOB_STATE_QUEUED
                    || job.getState() == org.oncopredict.proto.efficacy.v1.JobState.JOB_STATE_RUNNING);
            System.out.printf("prepare  : Train over gRPC (StreamCohort + training, B = %d): %s in %.1f s, version %d; %s%s%n",
                    replicates, job.getState(), (System.nanoTime() - t0) / 1e9, job.getModelVersion(), job.getMessage(),
                    job.getError().isEmpty() ? "" : " error: " + job.getError());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private ManagedChannel channel() {
        String[] hostPort = target.split(":");
        return ManagedChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1])).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
    }

    private void grpc() throws InterruptedException {
        ManagedChannel channel = channel();
        try {
            var stub = EfficacyModelServiceGrpc.newBlockingStub(channel);
            List<String> regimens = tenRegimens(CatalogueLoader.loadDefault());
            List<PatientProfile> profiles = nsclcPatients(200);
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            for (int i = 0; i < 2 * samples; i++) {
                PatientProfile profile = profiles.get(i % profiles.size());
                long t0 = System.nanoTime();
                stub.predictTreatmentOutcomes(PredictTreatmentOutcomesRequest.newBuilder().setProfile(profile)
                        .setAsOfDate("2026-01-01").addAllRegimenIds(regimens).build());
                if (i >= samples) {
                    h.recordValue(System.nanoTime() - t0);
                }
            }
            System.out.printf("grpc     : PredictTreatmentOutcomes, inline profile x %d regimens: p50 %.2f ms, p90 %.2f ms, "
                            + "p99 %.2f ms (%d samples)%n", regimens.size(), h.getValueAtPercentile(50) / 1e6,
                    h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getTotalCount());
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                long predictions = 0;
                long patientsSeen = 0;
                Iterator<PredictionBatch> batches = stub.withDeadlineAfter(30, TimeUnit.MINUTES).streamPredictions(
                        StreamPredictionsRequest.newBuilder().setFilter(CohortFilter.getDefaultInstance())
                                .setMaxPatients(streamPatients).build());
                while (batches.hasNext()) {
                    for (var p : batches.next().getPatientsList()) {
                        patientsSeen++;
                        predictions += p.getPredictionsList().stream().filter(RegimenPrediction::hasResponse).count();
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("stream   : round %d: %d patients, %d patient x regimen predictions in %.1f s -> %.0f "
                        + "predictions/s%s%n", round + 1, patientsSeen, predictions, s, predictions / s,
                        round == 0 ? " (warm-up)" : "");
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
