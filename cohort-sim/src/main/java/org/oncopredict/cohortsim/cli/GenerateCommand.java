package org.oncopredict.cohortsim.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.proto.profile.v1.PatientProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Writes a cohort's profiles as JSON lines (protobuf JSON mapping, UTF-8). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write N patient profiles as JSON lines (protobuf JSON mapping, UTF-8) to a file or stdout.")
final class GenerateCommand implements Callable<Integer> {

    private static final int BATCH = 2048;

    @Mixin
    SimulationOptions simulation;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Output file (default: stdout).")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (output == null) {
            // UTF-8 whatever the platform charset: names are not ASCII. System.out stays open.
            Writer writer = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
            write(writer);
            writer.flush();
        } else {
            try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                write(writer);
            }
        }
        return 0;
    }

    /**
     * Generates and prints batches in parallel and writes each batch in order: the output is identical
     * to a sequential run, memory stays bounded, and both cores of a small machine are used.
     */
    private void write(Writer writer) throws IOException {
        JsonFormat.Printer printer = JsonFormat.printer().omittingInsignificantWhitespace();
        CohortSimulator simulator = simulation.simulator();
        for (long from = 0; from < simulation.count; from += BATCH) {
            List<String> lines = LongStream.range(from, Math.min(simulation.count, from + BATCH)).parallel()
                    .mapToObj(i -> print(printer, simulator.patient(i).profile()))
                    .toList();
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        }
    }

    private static String print(JsonFormat.Printer printer, PatientProfile profile) {
        try {
            return printer.print(profile);
        } catch (InvalidProtocolBufferException e) {
            // Only possible for Any fields with unknown types; PatientProfile has none.
            throw new IllegalStateException(e);
        }
    }
}
