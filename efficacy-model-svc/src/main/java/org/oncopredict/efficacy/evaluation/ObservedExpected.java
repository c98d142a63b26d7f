package org.oncopredict.efficacy.evaluation;

/**
 * Observed and model-expected events in a group of subjects.
 *
 * @param group    group index, 0 = lowest predicted risk
 * @param subjects subjects in the group
 * @param observed events observed within the model's horizon
 * @param expected Σ of predicted interval hazards over the group's person-periods
 */
public record ObservedExpected(int group, int subjects, int observed, double expected) {

    /** observed / expected: 1 for a calibrated model, &gt; 1 when it underpredicts risk. */
    public double ratio() {
        return observed / expected;
    }
}
