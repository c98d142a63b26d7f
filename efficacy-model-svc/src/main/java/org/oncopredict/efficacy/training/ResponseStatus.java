package org.oncopredict.efficacy.training;

/** Objective response of a trial subject, as far as the table records it. */
public enum ResponseStatus {
    RESPONDER,
    NON_RESPONDER,
    /** The table has no response column. */
    NOT_RECORDED
}
