package org.oncopredict.cohortsim;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Everything that determines a simulated cohort. The same configuration always yields the same
 * cohort, byte for byte: there is no wall-clock input ({@link #asOf} defaults to a fixed date).
 *
 * @param seed                  master seed; patient i draws from a stream derived from (seed, i)
 * @param cancerMix             relative weights of the cancer types
 * @param assignmentMode        confounded (practice-like) or randomised treatment assignment
 * @param secondLineFraction    probability that a patient alive and under follow-up after
 *                              progression on line 1 starts a second line, in [0, 1]
 * @param lossToFollowUpPerYear hazard of loss to follow-up per year from line 1 start, ≥ 0
 * @param asOf                  data cut-off: no date lies after it; administrative censoring
 * @param diagnosisWindowYears  diagnoses fall in the {@code diagnosisWindowYears} years before
 *                              {@code asOf} (minus the time to the first line and two months)
 */
public record SimulationConfig(
        long seed,
        CancerMix cancerMix,
        AssignmentMode assignmentMode,
        double secondLineFraction,
        double lossToFollowUpPerYear,
        LocalDate asOf,
        int diagnosisWindowYears) {

    public static final long DEFAULT_SEED = 42;
    public static final LocalDate DEFAULT_AS_OF = LocalDate.of(2026, 1, 1);
    public static final double DEFAULT_SECOND_LINE_FRACTION = 0.6;
    public static final double DEFAULT_LOSS_TO_FOLLOW_UP_PER_YEAR = 0.05;
    /** With the default as-of date, diagnoses start in 2015. */
    public static final int DEFAULT_DIAGNOSIS_WINDOW_YEARS = 11;

    public SimulationConfig {
        Objects.requireNonNull(cancerMix, "cancerMix");
        Objects.requireNonNull(assignmentMode, "assignmentMode");
        Objects.requireNonNull(asOf, "asOf");
        if (!(secondLineFraction >= 0 && secondLineFraction <= 1)) {
            throw new IllegalArgumentException("secondLineFraction must be in [0, 1]: " + secondLineFraction);
        }
        if (!(lossToFollowUpPerYear >= 0) || Double.isInfinite(lossToFollowUpPerYear)) {
            throw new IllegalArgumentException("lossToFollowUpPerYear must be finite and >= 0: " + lossToFollowUpPerYear);
        }
        if (diagnosisWindowYears < 4 || diagnosisWindowYears > 50) {
            // The window must hold the longest pre-treatment interval (stage III recurrence, ~2.5 years).
            throw new IllegalArgumentException("diagnosisWindowYears must be in 4..50: " + diagnosisWindowYears);
        }
        if (asOf.getYear() < 1950 || asOf.getYear() > 9000) {
            throw new IllegalArgumentException("asOf out of range: " + asOf);
        }
    }

    public static SimulationConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().seed(seed).cancerMix(cancerMix).assignmentMode(assignmentMode)
                .secondLineFraction(secondLineFraction).lossToFollowUpPerYear(lossToFollowUpPerYear)
                .asOf(asOf).diagnosisWindowYears(diagnosisWindowYears);
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private CancerMix cancerMix = CancerMix.DEFAULT;
        private AssignmentMode assignmentMode = AssignmentMode.CONFOUNDED;
        private double secondLineFraction = DEFAULT_SECOND_LINE_FRACTION;
        private double lossToFollowUpPerYear = DEFAULT_LOSS_TO_FOLLOW_UP_PER_YEAR;
        private LocalDate asOf = DEFAULT_AS_OF;
        private int diagnosisWindowYears = DEFAULT_DIAGNOSIS_WINDOW_YEARS;

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder cancerMix(CancerMix cancerMix) {
            this.cancerMix = cancerMix;
            return this;
        }

        public Builder assignmentMode(AssignmentMode assignmentMode) {
            this.assignmentMode = assignmentMode;
            return this;
        }

        public Builder secondLineFraction(double secondLineFraction) {
            this.secondLineFraction = secondLineFraction;
            return this;
        }

        public Builder lossToFollowUpPerYear(double lossToFollowUpPerYear) {
            this.lossToFollowUpPerYear = lossToFollowUpPerYear;
            return this;
        }

        public Builder asOf(LocalDate asOf) {
            this.asOf = asOf;
            return this;
        }

        public Builder diagnosisWindowYears(int diagnosisWindowYears) {
            this.diagnosisWindowYears = diagnosisWindowYears;
            return this;
        }

        public SimulationConfig build() {
            return new SimulationConfig(seed, cancerMix, assignmentMode, secondLineFraction, lossToFollowUpPerYear,
                    asOf, diagnosisWindowYears);
        }
    }
}
