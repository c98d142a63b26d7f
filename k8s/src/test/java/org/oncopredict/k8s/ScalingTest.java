package org.oncopredict.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** HorizontalPodAutoscalers and PodDisruptionBudgets. */
class ScalingTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void autoscalersForEfficacyAndGateway(Overlay overlay) {
        Checks.autoscaling(Rendered.of(overlay));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void disruptionBudgetsSelectPodsAndAllowDrains(Overlay overlay) {
        Checks.disruptionBudgets(Rendered.of(overlay));
    }
}
