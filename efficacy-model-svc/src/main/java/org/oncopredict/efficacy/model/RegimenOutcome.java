package org.oncopredict.efficacy.model;

import java.util.List;

import org.oncopredict.efficacy.training.Interval;

/**
 * The predicted outcomes of one regimen for one patient.
 *
 * @param response            P(objective response) with its interval
 * @param severeToxicity      P(grade ≥ 3 adverse event) with its interval
 * @param comparablePatients  training lines on this regimen with the same cancer type, biomarker profile
 *                            and ECOG (± 1)
 */
public record RegimenOutcome(String regimenId, Interval response, Interval severeToxicity,
                             SurvivalPrediction progressionFreeSurvival, SurvivalPrediction overallSurvival,
                             Explanation responseExplanation, Explanation toxicityExplanation,
                             int comparablePatients, Support support, List<String> supportWarnings) {
}
