package org.oncopredict.efficacy.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a trained model is: how, on what and when it was trained.
 *
 * @param regimens         regimens with at least one outcome model, in model order
 * @param notModelled      regimens seen in the data without a model, with the reason
 * @param trainingLines    therapy lines used for fitting (training split)
 * @param calibrationLines lines used for Platt calibration
 * @param heldOutLines     lines used only for the quality figures
 * @param patients         distinct patients over all splits
 * @param cohortHash       SHA-256 over the sorted rows (patient key, line, regimen, outcomes)
 * @param source           where the rows came from, e.g. "StreamCohort cancer_type=NSCLC"
 * @param skippedLines     lines of the source not usable, by reason
 */
public record ModelDescription(String featureSchema, Learner learner, String baseLearner, List<String> regimens,
                               Map<String, String> notModelled, int bootstrapReplicates, double intervalLevel,
                               int trainingLines, int calibrationLines, int heldOutLines, int patients,
                               String cohortHash, String source, Map<String, Integer> skippedLines,
                               Instant trainedAt, TrainingConfig config) {
}
