package org.oncopredict.bench;

import io.grpc.ManagedChannel;
import org.HdrHistogram.Histogram;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.cohortsim.load.LoadResult;
import org.oncopredict.cohortsim.load.ProfileLoader;
import org.oncopredict.proto.profile.v1.GetPatientProfileRequest;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;
import org.oncopredict.proto.profile.v1.StreamCohortRequest;
import org.oncopredict.proto.profile.v1.StreamCohortResponse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Load driver for patient-profile-svc over gRPC on loopback: profile create rate (simulated cohort through
 * {@link ProfileLoader}), StreamCohort throughput over the whole cohort, and GetPatientProfile latency
 * percentiles (one client, then several). Prints figures; the service must run against an empty database
 * (see {@code bench/run-profile-bench.sh}).
 */
@Command(name = "profile-bench", mixinStandardHelpOptions = true)
public final class ProfileServiceBench implements Callable<Integer> {

    @Option(names = "--target", defaultValue = "127.0.0.1:9101", description = "gRPC host:port")
    String target;

    @Option(names = "--patients", defaultValue = "50000", description = "profiles to create and stream")
    int patients;

    @Option(names = "--skip-create", description = "measure an already loaded database (no create phase)")
    boolean skipCreate;

    @Option(names = "--load-concurrency", defaultValue = "8")
    int loadConcurrency;

    @Option(names = "--stream-rounds", defaultValue = "5", description = "full StreamCohort passes (first is warm-up)")
    int streamRounds;

    @Option(names = "--get-samples", defaultValue = "20000", description = "GetPatientProfile calls per phase")
    int getSamples;

    @Option(names = "--get-concurrency", defaultValue = "8", description = "clients in the concurrent GET phase")
    int getConcurrency;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProfileServiceBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ManagedChannel channel = ProfileLoader.plaintextChannel(target);
        try {
            System.out.printf("patient-profile-svc benchmark: %d simulated patients, target %s, %d cores%n",
                    patients, target, Runtime.getRuntime().availableProcessors());
            if (!skipCreate) {
                create(channel);
            }
            List<String> ids = stream(channel);
            get(channel, ids, 1);
            get(channel, ids, getConcurrency);
            return 0;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void create(ManagedChannel channel) throws InterruptedException {
        CohortSimulator sim = new CohortSimulator(SimulationConfig.builder().seed(7).build());
        ProfileLoader loader = ProfileLoader.builder(channel).concurrency(loadConcurrency).build();
        long t0 = System.nanoTime();
        LoadResult r = loader.load(sim.profiles(patients).iterator());
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("create   : %d created, %d skipped, %d failed in %.1f s -> %.0f profiles/s (%d concurrent clients, "
                + "including simulation)%n", r.created(), r.skipped(), r.failed(), s, r.created() / s, loadConcurrency);
        if (r.failed() > 0) {
            throw new IllegalStateException("create failures: " + r.failures());
        }
    }

    private List<String> stream(ManagedChannel channel) {
        var stub = PatientProfileServiceGrpc.newBlockingStub(channel).withMaxInboundMessageSize(64 * 1024 * 1024);
        List<String> ids = new ArrayList<>();
        double[] rates = new double[streamRounds];
        for (int round = 0; round < streamRounds; round++) {
            long t0 = System.nanoTime();
            long count = 0;
            long bytes = 0;
            Iterator<StreamCohortResponse> it = stub.streamCohort(StreamCohortRequest.getDefaultInstance());
            while (it.hasNext()) {
                StreamCohortResponse batch = it.next();
                count += batch.getProfilesCount();
                bytes += batch.getSerializedSize();
                if (round == 0) {
                    batch.getProfilesList().forEach(p -> ids.add(p.getPatientId()));
                }
            }
            double s = (System.nanoTime() - t0) / 1e9;
            rates[round] = count / s;
            System.out.printf("stream   : round %d: %d profiles, %.1f MB in %.2f s -> %.0f profiles/s%s%n", round + 1, count,
                    bytes / 1e6, s, count / s, round == 0 ? " (warm-up)" : "");
        }
        double[] measured = Arrays.copyOfRange(rates, Math.min(1, streamRounds - 1), streamRounds);
        Arrays.sort(measured);
        System.out.printf("stream   : median %.0f profiles/s, best %.0f profiles/s (after warm-up)%n",
                measured[measured.length / 2], measured[measured.length - 1]);
        return ids;
    }

    private void get(ManagedChannel channel, List<String> ids, int clients) throws Exception {
        var stub = PatientProfileServiceGrpc.newBlockingStub(channel);
        for (int i = 0; i < Math.min(2000, getSamples); i++) { // warm-up
            stub.getPatientProfile(GetPatientProfileRequest.newBuilder().setPatientId(ids.get(i % ids.size())).build());
        }
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        int perClient = getSamples / clients;
        long t0 = System.nanoTime();
        List<Future<Histogram>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int seed = c;
            results.add(pool.submit(() -> {
                Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < perClient; i++) {
                    String id = ids.get(random.nextInt(ids.size()));
                    long s = System.nanoTime();
                    stub.getPatientProfile(GetPatientProfileRequest.newBuilder().setPatientId(id).build());
                    h.recordValue(System.nanoTime() - s);
                }
                return h;
            }));
        }
        for (Future<Histogram> f : results) {
            histogram.add(f.get());
        }
        double s = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("get      : %d clients, %d calls: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, %.0f calls/s%n",
                clients, histogram.getTotalCount(), ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()), histogram.getTotalCount() / s);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
