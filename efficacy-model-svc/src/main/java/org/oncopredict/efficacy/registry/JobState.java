package org.oncopredict.efficacy.registry;

/** State of a training job; SUCCEEDED, FAILED and CANCELLED are final. */
public enum JobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
