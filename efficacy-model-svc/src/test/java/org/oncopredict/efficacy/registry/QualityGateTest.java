package org.oncopredict.efficacy.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The gate on its own: thresholds, inclusive bounds, missing figures, and the words it reports. */
class QualityGateTest {

    record Config(double minAuroc, double calibrationSlopeMin, double calibrationSlopeMax, double minCIndex,
                  boolean requireAll) implements GateConfig {
    }

    /** The documented defaults of {@link GateConfig}. */
    static final Config DEFAULTS = new Config(0.60, 0.80, 1.20, 0.60, false);

    private final QualityGate gate = new QualityGate(DEFAULTS);

    @Test
    void goodModelPassesEveryCheck() {
        GateDecision decision = gate.evaluate(QualityFigures.of(0.72, 1.02, 0.68));

        assertThat(decision.passed()).isTrue();
        assertThat(decision.failures()).isEmpty();
        assertThat(decision.checks()).extracting(GateCheck::name, GateCheck::value, GateCheck::threshold, GateCheck::passed)
                .containsExactly(
                        tuple("auroc", 0.72, ">= 0.6", true),
                        tuple("calibration_slope", 1.02, "within [0.8, 1.2]", true),
                        tuple("c_index", 0.68, ">= 0.6", true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "auroc 0.55        | 0.55 | 1.0  | 0.7  | auroc             | 0.55 | >= 0.6            | auroc 0.55 (required >= 0.6)",
            "slope 0.7         | 0.7  | 0.7  | 0.7  | calibration_slope | 0.7  | within [0.8, 1.2] | calibration_slope 0.7 (required within [0.8, 1.2])",
            "slope 1.3         | 0.7  | 1.3  | 0.7  | calibration_slope | 1.3  | within [0.8, 1.2] | calibration_slope 1.3 (required within [0.8, 1.2])",
            "c-index 0.59      | 0.7  | 1.0  | 0.59 | c_index           | 0.59 | >= 0.6            | c_index 0.59 (required >= 0.6)",
            "just below 0.6    | 0.5999 | 1.0 | 0.7 | auroc            | 0.5999 | >= 0.6          | auroc 0.5999 (required >= 0.6)",
    })
    void refusesAFigureOutsideItsThresholdAndSaysWhich(String label, double auroc, double slope, double cIndex,
                                                        String name, double value, String threshold, String message) {
        GateDecision decision = gate.evaluate(QualityFigures.of(auroc, slope, cIndex));

        assertThat(decision.passed()).isFalse();
        assertThat(decision.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo(name);
            assertThat(check.value()).isEqualTo(value);
            assertThat(check.threshold()).isEqualTo(threshold);
            assertThat(check.passed()).isFalse();
            assertThat(check.message()).isEqualTo(message);
        });
        assertThat(decision.checks()).hasSize(3);
    }

    @Test
    void everyFailedCheckIsReported() {
        GateDecision decision = gate.evaluate(QualityFigures.of(0.51, 1.5, 0.52));

        assertThat(decision.failures()).extracting(GateCheck::name)
                .containsExactly("auroc", "calibration_slope", "c_index");
    }

    @Test
    void boundsAreInclusive() {
        assertThat(gate.evaluate(QualityFigures.of(0.60, 0.80, 0.60)).passed()).isTrue();
        assertThat(gate.evaluate(QualityFigures.of(0.60, 1.20, 0.60)).passed()).isTrue();
    }

    @Test
    void missingFigureIsSkippedButReportedAsNotMeasured() {
        GateDecision decision = gate.evaluate(QualityFigures.of(0.7, null, null));

        assertThat(decision.passed()).isTrue();
        assertThat(decision.checks()).extracting(GateCheck::name, GateCheck::value, GateCheck::passed, GateCheck::message)
                .containsExactly(
                        tuple("auroc", 0.7, true, "auroc 0.7 (passes >= 0.6)"),
                        tuple("calibration_slope", null, true, "calibration_slope not measured (check skipped)"),
                        tuple("c_index", null, true, "c_index not measured (check skipped)"));
        assertThat(gate.evaluate(QualityFigures.none()).passed()).isTrue();
    }

    @Test
    void requireAllFailsAMissingFigure() {
        QualityGate strict = new QualityGate(new Config(0.60, 0.80, 1.20, 0.60, true));

        GateDecision decision = strict.evaluate(QualityFigures.of(0.7, 1.0, null));

        assertThat(decision.passed()).isFalse();
        assertThat(decision.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("c_index");
            assertThat(check.value()).isNull();
            assertThat(check.message()).isEqualTo("c_index not measured (required >= 0.6)");
        });
        assertThat(strict.evaluate(QualityFigures.of(0.7, 1.0, 0.65)).passed()).isTrue();
    }

    @Test
    void thresholdsComeFromTheConfiguration() {
        QualityGate demanding = new QualityGate(new Config(0.75, 0.9, 1.1, 0.7, false));

        GateDecision decision = demanding.evaluate(QualityFigures.of(0.72, 1.15, 0.71));

        assertThat(decision.failures()).extracting(GateCheck::name, GateCheck::threshold)
                .containsExactly(tuple("auroc", ">= 0.75"), tuple("calibration_slope", "within [0.9, 1.1]"));
    }

    @Test
    void contradictoryConfigurationIsRejected() {
        assertThatThrownBy(() -> new QualityGate(new Config(0.6, 1.3, 1.2, 0.6, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("calibration-slope-min");
        assertThatThrownBy(() -> new QualityGate(new Config(1.5, 0.8, 1.2, 0.6, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min-auroc");
    }

    @Test
    void qualityFiguresRejectImpossibleValues() {
        assertThatThrownBy(() -> QualityFigures.of(1.2, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("auroc");
        assertThatThrownBy(() -> QualityFigures.of(null, Double.NaN, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("calibrationSlope");
        assertThatThrownBy(() -> QualityFigures.of(null, null, -0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cIndex");
    }
}
