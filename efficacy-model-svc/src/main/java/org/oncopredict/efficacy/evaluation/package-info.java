/**
 * Evaluation of survival models: Harrell's C-index with the tie conventions of the reference figures
 * ({@link org.oncopredict.efficacy.evaluation.ConcordanceIndex}), stratified k-fold cross-validation
 * ({@link org.oncopredict.efficacy.evaluation.CrossValidation}) and a Kaplan–Meier-free calibration check,
 * observed versus expected events by risk group
 * ({@link org.oncopredict.efficacy.evaluation.ObservedExpectedEvents}).
 */
package org.oncopredict.efficacy.evaluation;
