package org.oncopredict.efficacy.model;

/**
 * One feature's additive share of a prediction's logit.
 *
 * @param feature      feature name from the schema
 * @param value        the patient's encoded value
 * @param imputed      the value is the documented default (the data were missing)
 * @param contribution signed share on the logit scale, relative to the average training patient
 */
public record FeatureContribution(String feature, double value, boolean imputed, double contribution) {
}
