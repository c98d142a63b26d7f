package org.oncopredict.efficacy.model;

/** Receives training progress and tells the trainer whether to stop. Called from several threads. */
public interface TrainingMonitor {

    TrainingMonitor NONE = new TrainingMonitor() {
        @Override
        public void progress(String stage, int percent) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** @param percent 0..100, non-decreasing */
    void progress(String stage, int percent);

    /** When true the trainer stops at the next fit with {@link java.util.concurrent.CancellationException}. */
    boolean cancelled();
}
