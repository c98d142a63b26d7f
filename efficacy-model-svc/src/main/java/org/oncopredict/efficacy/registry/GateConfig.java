package org.oncopredict.efficacy.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Thresholds of the {@link QualityGate} ({@code oncopredict.gate.*}). Bounds are inclusive: a figure equal to
 * a threshold passes.
 */
@ConfigMapping(prefix = "oncopredict.gate")
public interface GateConfig {

    /** Lowest acceptable held-out AUROC of the response/toxicity classifiers. */
    @WithName("min-auroc")
    @WithDefault("0.60")
    double minAuroc();

    /** Calibration slope range: below 1 the model is over-confident, above 1 under-confident. */
    @WithName("calibration-slope-min")
    @WithDefault("0.80")
    double calibrationSlopeMin();

    @WithName("calibration-slope-max")
    @WithDefault("1.20")
    double calibrationSlopeMax();

    /** Lowest acceptable held-out Harrell's C-index of the survival models. */
    @WithName("min-c-index")
    @WithDefault("0.60")
    double minCIndex();

    /** When true, a figure that was not measured fails its check instead of being skipped. */
    @WithName("require-all")
    @WithDefault("false")
    boolean requireAll();
}
