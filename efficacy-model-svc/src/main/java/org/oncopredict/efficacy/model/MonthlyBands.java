package org.oncopredict.efficacy.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

import org.oncopredict.efficacy.training.Interval;

/**
 * A monthly survival curve with bootstrap percentile bands, banded on demand: element m is S at the end of
 * month m + 1 from the full-data fit, with the percentile interval of the bootstrap members' values there.
 *
 * <p>Most callers read a few landmark months (6/12/24) and the point curve (ranking); sorting the members at
 * every month of a 60-month curve dominated prediction time, so a month's band is computed when first read
 * and kept. Immutable in what it returns: the same month always gives an equal interval.
 */
public final class MonthlyBands extends AbstractList<Interval> implements RandomAccess {

    private final double[] point;
    private final double[][] replicates;
    private final double level;
    private final Interval[] bands;

    /**
     * @param point      S of the full-data fit at the end of months 1 … n
     * @param replicates S of each bootstrap member at the same months (each of length n)
     * @param level      coverage of the bands, e.g. 0.90
     */
    MonthlyBands(double[] point, double[][] replicates, double level) {
        if (replicates.length < 2) {
            throw new IllegalArgumentException("bands need at least 2 bootstrap members");
        }
        this.point = point;
        this.replicates = replicates;
        this.level = level;
        this.bands = new Interval[point.length];
    }

    /** S at the end of month {@code index + 1} from the full-data fit, without computing its band. */
    public double estimate(int index) {
        return point[index];
    }

    @Override
    public Interval get(int index) {
        Interval band = bands[index];
        if (band == null) {
            double[] values = new double[replicates.length];
            for (int b = 0; b < values.length; b++) {
                values[b] = replicates[b][index];
            }
            Arrays.sort(values);
            // A benign race: two threads compute equal intervals; Interval is immutable.
            band = Interval.ofSorted(point[index], values, level).includingEstimate();
            bands[index] = band;
        }
        return band;
    }

    @Override
    public int size() {
        return point.length;
    }
}
