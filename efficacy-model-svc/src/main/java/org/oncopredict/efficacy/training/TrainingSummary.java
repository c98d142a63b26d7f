package org.oncopredict.efficacy.training;

/**
 * Size of a discrete-time fit and how close the stochastic optimiser came to the maximum-likelihood
 * estimate.
 *
 * <p>At the maximum-likelihood estimate of a logistic model the score (gradient of the log-likelihood)
 * is zero. The band intercepts are solved exactly after SGD (so their score is zero and, within every
 * band, expected events Σ ĥ equal observed events); {@code maxAbsCovariateScore} — the largest absolute
 * partial derivative of the mean per-person-period log-likelihood with respect to a standardised
 * covariate coefficient — measures how far the SGD coefficients are from the optimum, and
 * {@code maxInterceptCorrection} how far SGD had left the intercepts (on the logit scale).
 *
 * @param subjects               subjects in the training data
 * @param events                 events among them
 * @param personPeriods          person-period rows after expansion
 * @param trainingRows           distinct rows given to Tribuo (identical person-periods merged into weights)
 * @param epochs                 SGD passes over the rows
 * @param maxAbsCovariateScore   largest absolute covariate score component (0 at the exact optimum)
 * @param maxInterceptCorrection largest absolute band-intercept correction applied after SGD
 */
public record TrainingSummary(int subjects, int events, long personPeriods, int trainingRows, int epochs,
                              double maxAbsCovariateScore, double maxInterceptCorrection) {
}
