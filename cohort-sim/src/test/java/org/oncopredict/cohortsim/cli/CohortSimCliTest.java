package org.oncopredict.cohortsim.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.protobuf.util.JsonFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oncopredict.cohortsim.AssignmentMode;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.cohortsim.load.FakeProfileService;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.PatientProfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CohortSimCliTest {

    @Test
    void generateWritesJsonLinesThatParseBackToTheSimulatedProfiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cohort.jsonl");
        int exit = CohortSimCli.commandLine().execute("generate", "-n", "40", "--seed", "7", "--mode", "randomised",
                "--as-of", "2025-06-30", "-o", out.toString());
        assertEquals(0, exit);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(40, lines.size());
        List<PatientProfile> expected = new CohortSimulator(SimulationConfig.builder().seed(7)
                .assignmentMode(AssignmentMode.RANDOMISED).asOf(java.time.LocalDate.of(2025, 6, 30)).build())
                .profiles(40).toList();
        for (int i = 0; i < lines.size(); i++) {
            PatientProfile.Builder parsed = PatientProfile.newBuilder();
            JsonFormat.parser().merge(lines.get(i), parsed);
            assertEquals(expected.get(i), parsed.build());
        }
    }

    @Test
    void loadCreatesThenSkipsAndExitsNonZeroOnFailures() throws Exception {
        try (FakeProfileService service = FakeProfileService.start()) {
            String[] args = {"load", "-n", "60", "--seed", "3", "--target", service.target(), "--concurrency", "4"};
            assertEquals(0, run(args).exit());
            assertEquals(60, service.stored().size());
            Run rerun = run(args);
            assertEquals(0, rerun.exit());
            assertTrue(rerun.out().contains("created 0, skipped 60 (already loaded), failed 0 of 60"), rerun.out());
        }
        try (FakeProfileService service = FakeProfileService.rejecting(
                p -> p.getCancer().getCancerType() == CancerType.CANCER_TYPE_COLORECTAL)) {
            Run run = run("load", "-n", "60", "--seed", "3", "--target", service.target());
            assertEquals(1, run.exit());
            assertTrue(run.err().contains("INVALID_ARGUMENT: profile.cancer: rejected by test"), run.err());
        }
    }

    @Test
    void invalidUsageExitsWithTwo() {
        StringWriter usage = new StringWriter();
        assertEquals(2, CohortSimCli.commandLine().setErr(new PrintWriter(usage)).execute("generate", "--mode", "sometimes"));
        assertEquals(2, CohortSimCli.commandLine().setErr(new PrintWriter(usage)).execute("generate", "--mix", "lung=1"));
        assertEquals(2, CohortSimCli.commandLine().setErr(new PrintWriter(usage)).execute());
        assertTrue(usage.toString().contains("unknown cancer type 'lung'"), usage.toString());
    }

    private record Run(int exit, String out, String err) {
    }

    /** Runs the CLI with System.out and System.err captured (the commands write to the process streams). */
    private static Run run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = CohortSimCli.commandLine().execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
