package org.oncopredict.efficacy.training;

import java.util.List;

/**
 * The event-indicator column of a trial table: which values mean the event (progression, recurrence,
 * death…) happened at the recorded time and which mean the subject was censored then. Any other value is
 * an import error.
 *
 * @param column         header name of the column
 * @param eventValues    values meaning "event", e.g. {@code ["1"]}
 * @param censoredValues values meaning "censored", e.g. {@code ["0"]}
 */
public record EventColumn(String column, List<String> eventValues, List<String> censoredValues) {

    public EventColumn {
        column = MappingChecks.columnName(column, "event");
        eventValues = MappingChecks.codes(eventValues, "event values of '" + column + "'");
        censoredValues = MappingChecks.codes(censoredValues, "censored values of '" + column + "'");
        MappingChecks.disjoint(eventValues, "event", censoredValues, "censored value of '" + column + "'");
    }

    /** One event code and one censoring code. */
    public static EventColumn of(String column, String eventValue, String censoredValue) {
        return new EventColumn(column, List.of(eventValue), List.of(censoredValue));
    }
}
