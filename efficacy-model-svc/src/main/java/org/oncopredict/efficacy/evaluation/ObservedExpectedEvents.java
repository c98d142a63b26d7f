package org.oncopredict.efficacy.evaluation;

import org.oncopredict.efficacy.training.DiscreteTimeSurvivalModel;
import org.oncopredict.efficacy.training.PersonPeriod;
import org.oncopredict.efficacy.training.PersonPeriodExpansion;
import org.oncopredict.efficacy.training.SurvivalData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A Kaplan–Meier-free calibration check of a discrete-time survival model: observed versus expected
 * events by group of predicted risk.
 *
 * <p>Each subject's follow-up is expanded into person-periods with the model's own
 * {@link PersonPeriodExpansion} (same censoring convention as in training). In a person-period the
 * model predicts the event with probability h_k(x), so the expected number of events of a group is the
 * sum of h_k(x) over its person-periods — the discrete-time form of the observed/expected (O/E)
 * comparison of Hosmer–Lemeshow-type survival calibration (Hosmer, Lemeshow &amp; May 2008, ch. 6). Groups
 * are quantiles of the linear predictor. Follow-up beyond the model's horizon is cut at the horizon for
 * both counts. On held-out data O/E near 1 in every group indicates calibration; a ratio far from 1 in the
 * extreme groups indicates miscalibrated risk spread.
 */
public final class ObservedExpectedEvents {

    private ObservedExpectedEvents() {
    }

    /**
     * @param groups number of risk groups (e.g. 4 for quartiles), at most the number of subjects
     */
    public static List<ObservedExpected> byRiskGroup(DiscreteTimeSurvivalModel model, SurvivalData data,
                                                     int groups) {
        if (groups < 1 || groups > data.size()) {
            throw new IllegalArgumentException("need 1 <= groups <= subjects, got " + groups);
        }
        PersonPeriodExpansion expansion = model.expansion();
        int horizon = model.horizonInterval();
        Integer[] order = IntStream.range(0, data.size()).boxed().toArray(Integer[]::new);
        double[] risks = IntStream.range(0, data.size()).mapToDouble(i -> model.linearPredictor(data.features(i)))
                .toArray();
        Arrays.sort(order, Comparator.comparingDouble(i -> risks[i]));

        List<ObservedExpected> result = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            int from = (int) ((long) g * data.size() / groups);
            int to = (int) ((long) (g + 1) * data.size() / groups);
            int observed = 0;
            double expected = 0;
            for (int position = from; position < to; position++) {
                int i = order[position];
                double[] hazards = model.intervalHazards(data.features(i));
                for (PersonPeriod row : expansion.expand(i, data.time(i), data.event(i))) {
                    if (row.interval() > horizon) {
                        break;
                    }
                    expected += hazards[row.interval()];
                    observed += row.event() ? 1 : 0;
                }
            }
            result.add(new ObservedExpected(g, to - from, observed, expected));
        }
        return result;
    }
}
