package org.oncopredict.efficacy.registry;

/** Life cycle of a model version: registered as a candidate, active after the quality gate, then retired. */
public enum ModelState {
    CANDIDATE,
    ACTIVE,
    RETIRED
}
