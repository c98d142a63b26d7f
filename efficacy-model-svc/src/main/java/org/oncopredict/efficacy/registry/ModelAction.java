package org.oncopredict.efficacy.registry;

/** What a {@link ModelEvent} records. */
public enum ModelAction {
    REGISTERED,
    ACTIVATED,
    RETIRED,
    /** The version became active again because the version activated after it was rolled back. */
    ROLLED_BACK,
    /** Activation was refused by the quality gate; the detail lists the checks. */
    GATE_REFUSED
}
