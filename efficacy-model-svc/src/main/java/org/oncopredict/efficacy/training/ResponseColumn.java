package org.oncopredict.efficacy.training;

import java.util.List;

/**
 * The optional objective-response column of a trial table (e.g. RECIST CR/PR versus SD/PD). Any value
 * outside the two lists is an import error.
 *
 * @param column              header name of the column
 * @param responderValues     values meaning an objective response, e.g. {@code ["CR", "PR"]}
 * @param nonResponderValues  values meaning no objective response, e.g. {@code ["SD", "PD"]}
 */
public record ResponseColumn(String column, List<String> responderValues, List<String> nonResponderValues) {

    public ResponseColumn {
        column = MappingChecks.columnName(column, "response");
        responderValues = MappingChecks.codes(responderValues, "responder values of '" + column + "'");
        nonResponderValues = MappingChecks.codes(nonResponderValues, "non-responder values of '" + column + "'");
        MappingChecks.disjoint(responderValues, "responder", nonResponderValues,
                "non-responder value of '" + column + "'");
    }
}
