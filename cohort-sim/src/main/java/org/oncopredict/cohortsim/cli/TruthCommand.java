package org.oncopredict.cohortsim.cli;

import org.oncopredict.cohortsim.truth.GroundTruthModel;
import picocli.CommandLine.Command;

/** Prints the ground-truth coefficient tables (the generated part of GROUND_TRUTH.md). */
@Command(name = "truth", mixinStandardHelpOptions = true,
        description = "Print every anchor and coefficient of the ground-truth model as Markdown tables.")
final class TruthCommand implements Runnable {

    @Override
    public void run() {
        SummaryCommand.utf8(System.out).print(GroundTruthModel.markdownTables());
    }
}
