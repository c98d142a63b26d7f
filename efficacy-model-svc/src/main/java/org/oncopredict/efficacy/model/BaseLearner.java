package org.oncopredict.efficacy.model;

/**
 * The model fitted inside the meta-learner for the binary outcomes (objective response, grade ≥ 3 toxicity).
 * PFS and OS are discrete-time logistic hazard models whatever the base learner.
 */
public enum BaseLearner {
    /** Logistic regression by Tribuo's SGD; exact linear explanations. */
    LOGISTIC_SGD,
    /** Gradient-boosted trees (Tribuo XGBoost); TreeSHAP explanations. */
    XGBOOST;

    /** The XGBoost settings, for the model card. */
    public static final String XGBOOST_SETTINGS = XGBoostMemberTrainer.TREES + " trees, depth " + XGBoostMemberTrainer.DEPTH
            + ", eta " + XGBoostMemberTrainer.ETA + ", subsample 1, 1 thread per fit, multi:softprob over yes/no";
}
