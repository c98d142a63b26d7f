package org.oncopredict.efficacy.training;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the columns of a trial table map onto a survival analysis: treatment arm, covariates, follow-up
 * time, event indicator and, optionally, objective response. Columns not mentioned are ignored (e.g. an
 * export's row index). A plain JSON document (Jackson maps the record components), e.g. for GBSG2:
 *
 * <pre>{@code
 * {"treatment": {"column": "hormon", "treatedValues": ["1"], "controlValues": ["0"], "regimenIds": {}},
 *  "covariates": [{"column": "age", "type": "NUMERIC"},
 *                 {"column": "grade", "type": "CATEGORICAL", "referenceLevel": "1"}],
 *  "time": {"column": "rfstime", "unit": "DAYS"},
 *  "event": {"column": "status", "eventValues": ["1"], "censoredValues": ["0"]}}
 * }</pre>
 *
 * @param treatment  the arm column
 * @param covariates adjustment covariates, possibly none (an unadjusted treatment comparison)
 * @param time       the follow-up time column
 * @param event      the event-indicator column
 * @param response   optional (null) objective-response column
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnMapping(TreatmentColumn treatment, List<CovariateColumn> covariates, TimeColumn time,
                           EventColumn event, ResponseColumn response) {

    public ColumnMapping {
        if (treatment == null || time == null || event == null) {
            throw new IllegalArgumentException("a column mapping needs treatment, time and event columns");
        }
        covariates = covariates == null ? List.of() : List.copyOf(covariates);
        Map<String, String> roles = new HashMap<>();
        claim(roles, treatment.column(), "treatment");
        claim(roles, time.column(), "time");
        claim(roles, event.column(), "event");
        if (response != null) {
            claim(roles, response.column(), "response");
        }
        for (CovariateColumn covariate : covariates) {
            claim(roles, covariate.column(), "covariate");
        }
    }

    /** Every mapped column, treatment first, then time, event, response and the covariates in order. */
    public List<String> columns() {
        List<String> columns = new ArrayList<>(List.of(treatment.column(), time.column(), event.column()));
        if (response != null) {
            columns.add(response.column());
        }
        covariates.forEach(covariate -> columns.add(covariate.column()));
        return columns;
    }

    /** This mapping with other covariates (e.g. none, for the unadjusted comparison). */
    public ColumnMapping withCovariates(List<CovariateColumn> otherCovariates) {
        return new ColumnMapping(treatment, otherCovariates, time, event, response);
    }

    private static void claim(Map<String, String> roles, String column, String role) {
        String previous = roles.putIfAbsent(column, role);
        if (previous != null) {
            throw new IllegalArgumentException(
                    "column '" + column + "' is mapped twice (as " + previous + " and as " + role + ")");
        }
    }
}
