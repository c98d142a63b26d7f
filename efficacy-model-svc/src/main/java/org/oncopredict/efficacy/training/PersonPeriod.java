package org.oncopredict.efficacy.training;

/**
 * One row of a person-period data set: subject {@code subject} was at risk during interval
 * {@code interval} and had ({@code event}) or had not the event in it.
 *
 * @param subject  position of the subject in its {@link SurvivalData}
 * @param interval interval index k ≥ 0, covering (k·w, (k+1)·w] months
 * @param event    whether the event happened in this interval
 */
public record PersonPeriod(int subject, int interval, boolean event) {
}
