package org.oncopredict.efficacy.training;

/**
 * The follow-up time column of a trial table: time from randomisation (or line start) to the event or to
 * censoring, in {@code unit}; converted to months on import.
 *
 * @param column header name of the column
 * @param unit   unit of the recorded values
 */
public record TimeColumn(String column, FollowUpUnit unit) {

    public TimeColumn {
        column = MappingChecks.columnName(column, "time");
        if (unit == null) {
            throw new IllegalArgumentException("time unit of '" + column + "' is missing");
        }
    }
}
