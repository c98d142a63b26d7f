/**
 * Training data and survival models for efficacy predictions.
 *
 * <p><b>Trial tables.</b> {@link org.oncopredict.efficacy.training.TrialImporter} reads a historical trial
 * table (CSV) through a JSON-serialisable {@link org.oncopredict.efficacy.training.ColumnMapping} — arm,
 * covariates (numeric or dummy-coded categorical), follow-up time with its unit, event indicator,
 * optional objective response — validating every cell and naming the column and row of each problem. The
 * result, a {@link org.oncopredict.efficacy.training.TrialTable}, converts to
 * {@link org.oncopredict.efficacy.training.SurvivalData} (times in months of 30.4375 days).
 *
 * <p><b>Discrete-time survival.</b> Following DESIGN §5, progression-free and overall survival are modelled
 * as discrete-time hazards: follow-up is expanded into person-periods
 * ({@link org.oncopredict.efficacy.training.PersonPeriodExpansion}, monthly by default), the hazard of
 * each interval is a logistic function of a piecewise-constant baseline
 * ({@link org.oncopredict.efficacy.training.BaselineBands}) and the covariates, fitted with Tribuo's
 * linear SGD logistic regression ({@link org.oncopredict.efficacy.training.DiscreteTimeSurvivalTrainer}),
 * and {@code S(t) = Π (1 − h)} ({@link org.oncopredict.efficacy.training.DiscreteTimeSurvivalModel}).
 * A bootstrap ({@link org.oncopredict.efficacy.training.SurvivalEnsemble}) gives percentile intervals for
 * hazard ratios and survival probabilities.
 *
 * <p>References: Cox DR (1972) Regression models and life-tables, JRSS B 34:187–220. Thompson WA (1977)
 * On the treatment of grouped observations in life studies, Biometrics 33:463–470. Allison PD (1982)
 * Discrete-time methods for the analysis of event histories, Sociological Methodology 13:61–98.
 * Singer JD, Willett JB (2003) Applied Longitudinal Data Analysis, Oxford UP, ch. 10–12. Cutler SJ,
 * Ederer F (1958) Maximum utilization of the life table method in analyzing survival, J Chronic Dis
 * 8:699–712. Efron B, Tibshirani RJ (1993) An Introduction to the Bootstrap, Chapman &amp; Hall.
 */
package org.oncopredict.efficacy.training;
