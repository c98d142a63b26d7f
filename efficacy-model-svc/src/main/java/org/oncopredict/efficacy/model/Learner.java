package org.oncopredict.efficacy.model;

/** Meta-learner for treatment-effect heterogeneity (Künzel et al. 2019). */
public enum Learner {
    /** One model per outcome over all regimens: regimen indicators and regimen × modifier interactions. */
    S_LEARNER,
    /** One model per outcome and regimen, over the base features. */
    T_LEARNER
}
