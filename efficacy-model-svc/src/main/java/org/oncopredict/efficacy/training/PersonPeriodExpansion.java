package org.oncopredict.efficacy.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Person-period expansion of right-censored follow-up into discrete intervals of {@code intervalMonths}
 * (w), the data layout of a discrete-time hazard model (Allison 1982; Singer &amp; Willett 2003, ch. 10).
 *
 * <p>Conventions:
 * <ul>
 *   <li>Interval k (k = 0, 1, …) covers (k·w, (k+1)·w]; a time exactly on a boundary belongs to the
 *       interval it closes, and time 0 belongs to interval 0. The interval of time T is
 *       {@code K(T) = max(0, ⌈T/w⌉ − 1)} (boundaries are matched within 1e-9 w so that rounding in unit
 *       conversions does not push a time into the next interval).</li>
 *   <li>A subject with an event at T contributes one row per interval 0 … K(T), the event in K(T).
 *       An event at time 0 is an event in interval 0.</li>
 *   <li>A subject censored at T contributes event-free rows for the intervals it survived completely,
 *       0 … K(T) − 1, and for the interval containing T only if it was followed for at least half of it
 *       (T − K(T)·w ≥ w/2). This is the actuarial half-interval rule (Cutler &amp; Ederer 1958): on
 *       average a subject censored within an interval was at risk for half of it, so counting half of
 *       them avoids both the downward bias of counting every such subject as surviving the interval and
 *       the upward bias of dropping them all. A subject censored at time 0 contributes nothing.</li>
 * </ul>
 *
 * @param intervalMonths interval width w in months, &gt; 0 (1 = monthly intervals of 30.4375 days)
 */
public record PersonPeriodExpansion(double intervalMonths) {

    /** Monthly intervals, the default of DESIGN §5. */
    public static final PersonPeriodExpansion MONTHLY = new PersonPeriodExpansion(1);

    private static final double BOUNDARY_TOLERANCE = 1e-9;

    public PersonPeriodExpansion {
        if (!(intervalMonths > 0) || Double.isInfinite(intervalMonths)) {
            throw new IllegalArgumentException("interval width must be positive and finite, got " + intervalMonths);
        }
    }

    /** K(T): the interval containing time T (months). */
    public int intervalOf(double timeMonths) {
        if (!(timeMonths >= 0)) {
            throw new IllegalArgumentException("time must be >= 0, got " + timeMonths);
        }
        return Math.max(0, (int) Math.ceil(timeMonths / intervalMonths - BOUNDARY_TOLERANCE) - 1);
    }

    /**
     * The last interval in which the subject contributes a row, or −1 when it contributes none (censored
     * before half of interval 0).
     */
    public int lastInterval(double timeMonths, boolean event) {
        int k = intervalOf(timeMonths);
        if (event) {
            return k;
        }
        double followedFraction = timeMonths / intervalMonths - k;
        return followedFraction >= 0.5 - BOUNDARY_TOLERANCE ? k : k - 1;
    }

    /** The rows of one subject, in interval order. */
    public List<PersonPeriod> expand(int subject, double timeMonths, boolean event) {
        int last = lastInterval(timeMonths, event);
        List<PersonPeriod> rows = new ArrayList<>(last + 1);
        for (int k = 0; k <= last; k++) {
            rows.add(new PersonPeriod(subject, k, event && k == last));
        }
        return rows;
    }

    /** The rows of every subject, subject by subject. */
    public List<PersonPeriod> expand(SurvivalData data) {
        List<PersonPeriod> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            rows.addAll(expand(i, data.time(i), data.event(i)));
        }
        return rows;
    }

    /** Start of interval k in months. */
    public double intervalStart(int k) {
        return k * intervalMonths;
    }
}
