package org.oncopredict.cohortsim.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The Kaplan–Meier product-limit estimator of a survival curve from right-censored times:
 * {@code Ŝ(t) = Π_{t_i ≤ t} (1 − d_i / n_i)} over distinct event times t_i, with d_i events and n_i
 * subjects at risk just before t_i. At tied times events are counted before censorings (the usual
 * convention: a subject censored at t was at risk at t).
 */
public final class KaplanMeier {

    private final double[] eventTimes;
    private final double[] survival;

    /**
     * @param times  follow-up times (event or censoring), ≥ 0
     * @param events {@code true} for an event, {@code false} for censoring
     */
    public KaplanMeier(double[] times, boolean[] events) {
        if (times.length != events.length) {
            throw new IllegalArgumentException("times and events differ in length");
        }
        Integer[] order = new Integer[times.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> times[i]).thenComparing(i -> !events[i]));
        double[] t = new double[times.length];
        double[] s = new double[times.length];
        int distinct = 0;
        double current = 1;
        int atRisk = times.length;
        int i = 0;
        while (i < order.length) {
            double time = times[order[i]];
            int deaths = 0;
            int leaving = 0;
            while (i < order.length && times[order[i]] == time) {
                if (events[order[i]]) {
                    deaths++;
                }
                leaving++;
                i++;
            }
            if (deaths > 0) {
                current *= 1 - (double) deaths / atRisk;
                t[distinct] = time;
                s[distinct] = current;
                distinct++;
            }
            atRisk -= leaving;
        }
        this.eventTimes = Arrays.copyOf(t, distinct);
        this.survival = Arrays.copyOf(s, distinct);
    }

    /** Ŝ(t), a right-continuous step function. */
    public double survival(double time) {
        int index = Arrays.binarySearch(eventTimes, time);
        int last = index >= 0 ? index : -index - 2;
        return last < 0 ? 1 : survival[last];
    }

    /** The smallest event time with Ŝ ≤ 1/2, or NaN when the curve never reaches 1/2. */
    public double median() {
        for (int i = 0; i < survival.length; i++) {
            if (survival[i] <= 0.5) {
                return eventTimes[i];
            }
        }
        return Double.NaN;
    }
}
