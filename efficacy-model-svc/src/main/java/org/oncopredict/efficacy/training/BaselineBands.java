package org.oncopredict.efficacy.training;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The baseline hazard's time bands: consecutive runs of intervals that share one baseline hazard. Band b
 * covers intervals {@code starts[b]} … {@code starts[b+1] − 1}; the last band is open-ended. The discrete
 * baseline hazard is thus piecewise constant over bands — the discrete analogue of the piecewise
 * exponential model (Friedman 1982) — which needs no assumption about its shape, while grouping intervals
 * keeps each band's hazard estimable when events per interval are few.
 *
 * @param starts first interval of each band: starts at 0, strictly increasing
 */
public record BaselineBands(List<Integer> starts) {

    public BaselineBands {
        starts = List.copyOf(starts);
        if (starts.isEmpty() || starts.get(0) != 0) {
            throw new IllegalArgumentException("the first band must start at interval 0: " + starts);
        }
        for (int b = 1; b < starts.size(); b++) {
            if (starts.get(b) <= starts.get(b - 1)) {
                throw new IllegalArgumentException("band starts must increase strictly: " + starts);
            }
        }
    }

    /** Bands starting at the given intervals. */
    public static BaselineBands of(Integer... starts) {
        return new BaselineBands(Arrays.asList(starts));
    }

    /**
     * About {@code count} bands holding similar numbers of events: band b starts at the interval of the
     * (b/count)-quantile of the event times (fewer bands when quantiles share an interval). Choosing cuts
     * where the events are gives every band's hazard the same precision.
     */
    public static BaselineBands eventQuantiles(SurvivalData data, PersonPeriodExpansion expansion, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("band count must be at least 1, got " + count);
        }
        int[] eventIntervals = new int[data.eventCount()];
        if (eventIntervals.length == 0) {
            throw new IllegalArgumentException("no events in " + data.description());
        }
        int e = 0;
        for (int i = 0; i < data.size(); i++) {
            if (data.event(i)) {
                eventIntervals[e++] = expansion.intervalOf(data.time(i));
            }
        }
        Arrays.sort(eventIntervals);
        TreeSet<Integer> starts = new TreeSet<>();
        starts.add(0);
        for (int b = 1; b < count; b++) {
            starts.add(eventIntervals[(int) ((long) b * eventIntervals.length / count)]);
        }
        return new BaselineBands(List.copyOf(starts));
    }

    public int count() {
        return starts.size();
    }

    /** The band containing interval k. */
    public int bandOf(int interval) {
        int band = 0;
        while (band + 1 < starts.size() && interval >= starts.get(band + 1)) {
            band++;
        }
        return band;
    }
}
