package org.oncopredict.efficacy.training;

/**
 * The unit in which a trial table records follow-up time. Every time is converted to months on import;
 * a month is 365.25 / 12 = 30.4375 days ({@link #DAYS_PER_MONTH}), the convention used throughout
 * OncoPredict.
 */
public enum FollowUpUnit {
    DAYS(1),
    WEEKS(7),
    MONTHS(365.25 / 12),
    YEARS(365.25);

    /** Days in one month: a Julian year divided by 12. */
    public static final double DAYS_PER_MONTH = 365.25 / 12;

    private final double days;

    FollowUpUnit(double days) {
        this.days = days;
    }

    /** Converts a duration in this unit to months. */
    public double toMonths(double value) {
        return value * days / DAYS_PER_MONTH;
    }
}
