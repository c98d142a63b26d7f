package org.oncopredict.efficacy.registry;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Decides whether a model version's held-out figures are good enough to serve predictions: AUROC and C-index
 * at least their minimum, calibration slope within its range (all bounds inclusive). Pure: no I/O, so it is
 * tested without a database; {@link ModelRegistry#activate} is the only caller that acts on it.
 */
@Startup // a contradictory configuration should stop the service at start, not fail the first activation
@ApplicationScoped
public class QualityGate {

    private final GateConfig config;

    public QualityGate(GateConfig config) {
        if (!(config.minAuroc() >= 0 && config.minAuroc() <= 1)) {
            throw new IllegalArgumentException("oncopredict.gate.min-auroc must be within [0, 1]");
        }
        if (!(config.minCIndex() >= 0 && config.minCIndex() <= 1)) {
            throw new IllegalArgumentException("oncopredict.gate.min-c-index must be within [0, 1]");
        }
        if (!(config.calibrationSlopeMin() <= config.calibrationSlopeMax())) {
            throw new IllegalArgumentException(
                    "oncopredict.gate.calibration-slope-min must not exceed oncopredict.gate.calibration-slope-max");
        }
        this.config = config;
    }

    public GateDecision evaluate(QualityFigures figures) {
        double slopeMin = config.calibrationSlopeMin();
        double slopeMax = config.calibrationSlopeMax();
        return new GateDecision(List.of(
                check("auroc", figures.auroc(), ">= " + num(config.minAuroc()), v -> v >= config.minAuroc()),
                check("calibration_slope", figures.calibrationSlope(),
                        "within [" + num(slopeMin) + ", " + num(slopeMax) + "]", v -> v >= slopeMin && v <= slopeMax),
                check("c_index", figures.cIndex(), ">= " + num(config.minCIndex()), v -> v >= config.minCIndex())));
    }

    private interface Rule {
        boolean holds(double value);
    }

    private GateCheck check(String name, OptionalDouble figure, String threshold, Rule rule) {
        if (figure.isEmpty()) {
            boolean passed = !config.requireAll();
            return new GateCheck(name, null, threshold, passed,
                    name + " not measured (" + (passed ? "check skipped" : "required " + threshold) + ")");
        }
        double value = figure.getAsDouble();
        boolean passed = rule.holds(value);
        return new GateCheck(name, value, threshold, passed,
                name + " " + num(value) + (passed ? " (passes " : " (required ") + threshold + ")");
    }

    /** Shortest exact decimal: "0.6", not "0.60" or "0.6000000000000001" rounded into a misleading "0.60". */
    private static String num(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
