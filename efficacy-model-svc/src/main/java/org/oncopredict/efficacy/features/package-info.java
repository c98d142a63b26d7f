/**
 * Feature encoding for the efficacy models: {@link org.oncopredict.efficacy.features.FeatureEncoder}
 * turns a patient profile as of a date into a {@link org.oncopredict.efficacy.features.FeatureVector}
 * of the {@link org.oncopredict.efficacy.features.FeatureSchema} and into a Tribuo example, for both
 * training (as of each therapy line's start) and prediction (as of today), without look-ahead.
 */
package org.oncopredict.efficacy.features;
