package org.oncopredict.efficacy.registry;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The held-out figures the {@link QualityGate} looks at. An empty figure was not measured (e.g. no C-index for
 * a response classifier); the gate then skips that check unless {@code oncopredict.gate.require-all} is set.
 *
 * @param auroc            area under the ROC curve, in [0, 1]
 * @param calibrationSlope calibration slope (1 is ideal), finite
 * @param cIndex           Harrell's concordance index, in [0, 1]
 */
public record QualityFigures(OptionalDouble auroc, OptionalDouble calibrationSlope, OptionalDouble cIndex) {

    public QualityFigures {
        Objects.requireNonNull(auroc, "auroc");
        Objects.requireNonNull(calibrationSlope, "calibrationSlope");
        Objects.requireNonNull(cIndex, "cIndex");
        unitInterval("auroc", auroc);
        unitInterval("cIndex", cIndex);
        if (calibrationSlope.isPresent() && !Double.isFinite(calibrationSlope.getAsDouble())) {
            throw new IllegalArgumentException("calibrationSlope must be a finite number");
        }
    }

    /** From nullable values (null = not measured). */
    public static QualityFigures of(Double auroc, Double calibrationSlope, Double cIndex) {
        return new QualityFigures(opt(auroc), opt(calibrationSlope), opt(cIndex));
    }

    public static QualityFigures none() {
        return new QualityFigures(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    }

    static OptionalDouble opt(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    static Double nullable(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    private static void unitInterval(String field, OptionalDouble value) {
        if (value.isPresent() && !(value.getAsDouble() >= 0 && value.getAsDouble() <= 1)) {
            throw new IllegalArgumentException(field + " must be within [0, 1]");
        }
    }
}
