package org.oncopredict.efficacy.training;

/** How a trial-table covariate enters the model. */
public enum CovariateType {
    /** A number used as is (the trainer standardises it). */
    NUMERIC,
    /** A label dummy-coded against a reference level: one 0/1 feature per other level. */
    CATEGORICAL
}
