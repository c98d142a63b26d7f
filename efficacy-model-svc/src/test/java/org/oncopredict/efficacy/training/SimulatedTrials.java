package org.oncopredict.efficacy.training;

import org.oncopredict.cohortsim.truth.Weibull;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Randomised two-arm trials simulated from a known Weibull time-to-event distribution with proportional
 * hazards, staggered entry and loss to follow-up: the ground truth for the survival-model tests.
 */
public final class SimulatedTrials {

    /** Administrative censoring is uniform on [12, 48] months after entry (staggered accrual). */
    private static final double MIN_FOLLOW_UP = 12;
    private static final double MAX_FOLLOW_UP = 48;
    /** Loss to follow-up: exponential, 1% per month. */
    private static final double LOSS_RATE = 0.01;

    private SimulatedTrials() {
    }

    /**
     * @param control     time to event (months) in the control arm
     * @param hazardRatio treated versus control hazard (1 = no effect)
     * @param withArm     whether the data carry the arm as feature {@code treatment} (else no features)
     */
    public static SurvivalData trial(int n, Weibull control, double hazardRatio, boolean withArm, long seed) {
        Weibull treated = control.withLogHazardRatio(Math.log(hazardRatio));
        SplittableRandom random = new SplittableRandom(seed);
        double[] times = new double[n];
        boolean[] events = new boolean[n];
        double[][] features = new double[n][];
        for (int i = 0; i < n; i++) {
            boolean isTreated = random.nextBoolean();
            // 1 − U lies in (0, 1], the domain of the inverse survival function.
            double eventTime = (isTreated ? treated : control).timeAtSurvival(1 - random.nextDouble());
            double administrative = MIN_FOLLOW_UP + (MAX_FOLLOW_UP - MIN_FOLLOW_UP) * random.nextDouble();
            double loss = -Math.log(1 - random.nextDouble()) / LOSS_RATE;
            double censoring = Math.min(administrative, loss);
            times[i] = Math.min(eventTime, censoring);
            events[i] = eventTime <= censoring;
            features[i] = withArm ? new double[] {isTreated ? 1 : 0} : new double[0];
        }
        return SurvivalData.of("simulated Weibull trial (seed " + seed + ")",
                withArm ? List.of("treatment") : List.of(), times, events, features);
    }
}
