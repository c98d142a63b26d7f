package org.oncopredict.efficacy.model;

import java.util.List;

/** Held-out evaluation of a trained model; a component is null when the outcome had no model or data. */
public record EvaluationReport(BinaryMetrics response, BinaryMetrics severeToxicity, SurvivalMetrics progressionFree,
                               SurvivalMetrics overall, List<SubgroupMetrics> subgroups) {
}
