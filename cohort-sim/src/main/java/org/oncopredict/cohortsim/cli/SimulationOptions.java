package org.oncopredict.cohortsim.cli;

import java.time.LocalDate;

import org.oncopredict.cohortsim.AssignmentMode;
import org.oncopredict.cohortsim.CancerMix;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulationConfig;
import picocli.CommandLine.Option;

/** The simulation options shared by every command that simulates a cohort; defaults are the library's. */
final class SimulationOptions {

    private static final SimulationConfig DEFAULTS = SimulationConfig.defaults();

    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Number of patients (default: ${DEFAULT-VALUE}).")
    long count = 1000;

    @Option(names = "--seed", description = "Master seed (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--mode", paramLabel = "MODE",
            description = "Treatment assignment: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    AssignmentMode mode = DEFAULTS.assignmentMode();

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
            description = "Data cut-off; no date lies after it (default: ${DEFAULT-VALUE}).")
    LocalDate asOf = DEFAULTS.asOf();

    @Option(names = "--mix", paramLabel = "TYPE=W,...", converter = CancerMixConverter.class,
            description = "Cancer-type weights (default: ${DEFAULT-VALUE}).")
    CancerMix mix = DEFAULTS.cancerMix();

    @Option(names = "--second-line-fraction", paramLabel = "P",
            description = "P(second line | progression on line 1, alive, followed) (default: ${DEFAULT-VALUE}).")
    double secondLineFraction = DEFAULTS.secondLineFraction();

    @Option(names = "--loss-to-follow-up", paramLabel = "RATE",
            description = "Loss-to-follow-up hazard per year (default: ${DEFAULT-VALUE}).")
    double lossToFollowUp = DEFAULTS.lossToFollowUpPerYear();

    SimulationConfig config() {
        return DEFAULTS.toBuilder()
                .seed(seed)
                .assignmentMode(mode)
                .asOf(asOf)
                .cancerMix(mix)
                .secondLineFraction(secondLineFraction)
                .lossToFollowUpPerYear(lossToFollowUp)
                .build();
    }

    CohortSimulator simulator() {
        return new CohortSimulator(config());
    }

    String describe() {
        return count + " patients, seed " + seed + ", " + mode + ", as of " + asOf;
    }

    /** Parses {@code nsclc=0.5,colorectal=0.25,breast=0.25}. */
    static final class CancerMixConverter implements picocli.CommandLine.ITypeConverter<CancerMix> {
        @Override
        public CancerMix convert(String value) {
            return CancerMix.parse(value);
        }
    }
}
