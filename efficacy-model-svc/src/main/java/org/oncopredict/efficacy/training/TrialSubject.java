package org.oncopredict.efficacy.training;

import java.util.List;

/**
 * One imported row of a trial table.
 *
 * @param row        data row number in the source table, from 1 (header not counted)
 * @param arm        the regimen id of the subject's arm (the raw arm value when no ids are mapped)
 * @param treated    whether the arm is the experimental one
 * @param timeMonths follow-up time in months (30.4375 days)
 * @param event      true for an event at {@code timeMonths}, false for censoring then
 * @param covariates encoded covariate values in the order of {@link TrialTable#covariateNames()}
 * @param response   objective response, {@link ResponseStatus#NOT_RECORDED} without a response column
 */
public record TrialSubject(int row, String arm, boolean treated, double timeMonths, boolean event,
                           List<Double> covariates, ResponseStatus response) {

    public TrialSubject {
        covariates = List.copyOf(covariates);
    }
}
