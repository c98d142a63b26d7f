package org.oncopredict.cohortsim.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import org.oncopredict.cohortsim.load.LoadResult;
import org.oncopredict.cohortsim.load.ProfileLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Generates a cohort and creates its profiles in the profile service over gRPC. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Generate N profiles and create them in the profile service "
                + "(PatientProfileService/CreatePatientProfile, plaintext gRPC).",
                "A profile whose MRN is already loaded (ALREADY_EXISTS) is skipped, so a re-run is idempotent.",
                "Exit code 1 when any profile failed."})
final class LoadCommand implements Callable<Integer> {

    @Mixin
    SimulationOptions simulation;

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "Profile service (default: ${DEFAULT-VALUE}).")
    String target = "127.0.0.1:9101";

    @Option(names = "--concurrency", description = "Concurrent calls (default: ${DEFAULT-VALUE}).")
    int concurrency = 8;

    @Option(names = "--deadline-seconds", description = "Deadline per call (default: ${DEFAULT-VALUE}).")
    long deadlineSeconds = 30;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding a bearer token, sent as 'authorization: Bearer <token>' (default: none).")
    Path tokenFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream err = System.err;
        ManagedChannel channel = ProfileLoader.plaintextChannel(target);
        try {
            ProfileLoader.Builder builder = ProfileLoader.builder(channel).concurrency(concurrency)
                    .deadline(Duration.ofSeconds(deadlineSeconds));
            if (tokenFile != null) {
                builder.callCredentials(ProfileLoader.bearerToken(
                        Files.readString(tokenFile, StandardCharsets.UTF_8).strip()));
            }
            err.println("Loading " + simulation.describe() + " into " + target);
            ProgressBar bar = new ProgressBar(err, simulation.count, System.console() != null);
            LoadResult result = builder.build().load(simulation.simulator().profiles(simulation.count).iterator(), bar);
            bar.finish();
            result.failures().forEach(f -> err.println("failed " + f));
            double seconds = Math.max(1e-9, result.elapsed().toNanos() / 1e9);
            System.out.printf(Locale.ROOT, "created %d, skipped %d (already loaded), failed %d of %d in %s (%.0f profiles/s)%s%n",
                    result.created(), result.skipped(), result.failed(), simulation.count,
                    ProgressBar.duration(seconds), result.processed() / seconds,
                    result.aborted() ? "; aborted after " + result.processed() + " (service unreachable or call refused)" : "");
            return result.successful() ? 0 : 1;
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
