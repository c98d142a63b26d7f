package org.oncopredict.efficacy.evaluation;

/**
 * Harrell's concordance index with its pair counts.
 *
 * @param index           (concordant + ½ · riskTies) / comparablePairs
 * @param concordant      comparable pairs in which the subject failing first has the higher risk score
 * @param discordant      comparable pairs in which it has the lower risk score
 * @param riskTies        comparable pairs with equal risk scores
 * @param comparablePairs all comparable pairs
 */
public record Concordance(double index, long concordant, long discordant, long riskTies, long comparablePairs) {
}
