package org.oncopredict.cohortsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * Command-line entry point: {@code java -jar cohort-sim/target/cohort-sim.jar <command> [options]}.
 * Exit codes: 0 success, 1 a load with failures, 2 invalid usage.
 */
@Command(name = "cohort-sim", mixinStandardHelpOptions = true, version = "cohort-sim 0.1.0",
        description = "Seeded synthetic oncology cohorts (NSCLC, colorectal, breast) with a known ground truth.",
        subcommands = {GenerateCommand.class, LoadCommand.class, SummaryCommand.class, TruthCommand.class,
                CommandLine.HelpCommand.class})
public final class CohortSimCli implements Runnable {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests and embedding. */
    public static CommandLine commandLine() {
        return new CommandLine(new CohortSimCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
