package org.oncopredict.efficacy.model;

/**
 * Held-out response figures in a subgroup (e.g. a cancer type), for the model card.
 *
 * @param auroc NaN when the subgroup has only one outcome class
 */
public record SubgroupMetrics(String subgroup, int n, double auroc, double observedResponse,
                              double predictedResponse) {
}
