package org.oncopredict.efficacy.registry;

import java.util.Objects;

/**
 * One check of the quality gate.
 *
 * @param name      {@code auroc}, {@code calibration_slope} or {@code c_index}
 * @param value     the held-out figure, or null when it was not measured
 * @param threshold the rule in words, e.g. {@code >= 0.6} or {@code within [0.8, 1.2]}
 * @param passed    whether the check passed (a figure not measured passes unless the gate requires all)
 * @param message   a sentence for people, e.g. {@code auroc 0.55 (required >= 0.6)}
 */
public record GateCheck(String name, Double value, String threshold, boolean passed, String message) {
    public GateCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(message, "message");
    }

    public boolean measured() {
        return value != null;
    }
}
