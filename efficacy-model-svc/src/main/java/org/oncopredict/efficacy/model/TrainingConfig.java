package org.oncopredict.efficacy.model;

import org.oncopredict.efficacy.training.DiscreteTimeSurvivalConfig;

/**
 * How outcome models are trained.
 *
 * @param learner               S- or T-learner
 * @param bootstrapReplicates   B: refits on resamples, for percentile intervals
 * @param seed                  seeds splits, SGD and bootstrap; same data and seed give the same model
 * @param holdoutFraction       patients held out for the quality figures (never used for fitting)
 * @param calibrationFraction   patients held out for Platt calibration
 * @param intervalLevel         coverage of the reported intervals, e.g. 0.90
 * @param minimumRowsPerRegimen regimens with fewer training lines get no model (reported, not guessed)
 * @param learningRate          AdaGrad step of the logistic models
 * @param minimumEpochs         SGD passes at least
 * @param minimumUpdates        SGD updates at least (small data get more passes)
 * @param survival              the discrete-time survival settings (monthly intervals, bands, SGD)
 * @param baseLearner           the model of the binary outcomes (response, toxicity) in both S- and T-learner mode;
 *                              PFS and OS stay discrete-time logistic hazard models whatever it is. Null (e.g. an
 *                              older manifest without it) means {@link BaseLearner#LOGISTIC_SGD}.
 */
public record TrainingConfig(Learner learner, int bootstrapReplicates, long seed, double holdoutFraction,
                             double calibrationFraction, double intervalLevel, int minimumRowsPerRegimen,
                             double learningRate, int minimumEpochs, int minimumUpdates,
                             DiscreteTimeSurvivalConfig survival, BaseLearner baseLearner) {

    public static final int DEFAULT_REPLICATES = 20;

    public static final TrainingConfig DEFAULT = new TrainingConfig(Learner.S_LEARNER, DEFAULT_REPLICATES, 42, 0.2,
            0.15, 0.90, 40, 0.1, 2, 100_000, new DiscreteTimeSurvivalConfig(1, 6, 0.5, 2, 30_000, 42));

    public TrainingConfig {
        if (baseLearner == null) {
            baseLearner = BaseLearner.LOGISTIC_SGD;
        }
        if (learner == null) {
            throw new IllegalArgumentException("learner is required");
        }
        if (bootstrapReplicates < 2 || bootstrapReplicates > 200) {
            throw new IllegalArgumentException("bootstrap_replicates must be in [2, 200], got " + bootstrapReplicates);
        }
        if (!(holdoutFraction >= 0.05 && holdoutFraction <= 0.5)) {
            throw new IllegalArgumentException("holdout_fraction must be in [0.05, 0.5], got " + holdoutFraction);
        }
        if (!(calibrationFraction >= 0.05 && calibrationFraction <= 0.3)) {
            throw new IllegalArgumentException("calibration_fraction must be in [0.05, 0.3], got " + calibrationFraction);
        }
        if (!(intervalLevel > 0.5 && intervalLevel < 1)) {
            throw new IllegalArgumentException("interval_level must be in (0.5, 1), got " + intervalLevel);
        }
        if (minimumRowsPerRegimen < 10) {
            throw new IllegalArgumentException("minimum rows per regimen must be at least 10");
        }
    }

    /** The configuration before base learners were selectable: logistic SGD. */
    public TrainingConfig(Learner learner, int bootstrapReplicates, long seed, double holdoutFraction,
                          double calibrationFraction, double intervalLevel, int minimumRowsPerRegimen,
                          double learningRate, int minimumEpochs, int minimumUpdates,
                          DiscreteTimeSurvivalConfig survival) {
        this(learner, bootstrapReplicates, seed, holdoutFraction, calibrationFraction, intervalLevel,
                minimumRowsPerRegimen, learningRate, minimumEpochs, minimumUpdates, survival, BaseLearner.LOGISTIC_SGD);
    }

    public TrainingConfig withBaseLearner(BaseLearner value) {
        return new TrainingConfig(learner, bootstrapReplicates, seed, holdoutFraction, calibrationFraction,
                intervalLevel, minimumRowsPerRegimen, learningRate, minimumEpochs, minimumUpdates, survival, value);
    }

    public TrainingConfig withLearner(Learner value) {
        return new TrainingConfig(value, bootstrapReplicates, seed, holdoutFraction, calibrationFraction,
                intervalLevel, minimumRowsPerRegimen, learningRate, minimumEpochs, minimumUpdates, survival, baseLearner);
    }

    public TrainingConfig withReplicates(int value) {
        return new TrainingConfig(learner, value, seed, holdoutFraction, calibrationFraction,
                intervalLevel, minimumRowsPerRegimen, learningRate, minimumEpochs, minimumUpdates, survival, baseLearner);
    }

    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(learner, bootstrapReplicates, value, holdoutFraction, calibrationFraction,
                intervalLevel, minimumRowsPerRegimen, learningRate, minimumEpochs, minimumUpdates,
                survival.withSeed(value), baseLearner);
    }

    public TrainingConfig withHoldoutFraction(double value) {
        return new TrainingConfig(learner, bootstrapReplicates, seed, value, calibrationFraction,
                intervalLevel, minimumRowsPerRegimen, learningRate, minimumEpochs, minimumUpdates, survival, baseLearner);
    }
}
