/**
 * The regimen catalogue and eligibility (decision support).
 *
 * <ul>
 *   <li>{@link org.oncopredict.efficacy.catalogue.RegimenCatalogue} (CDI) and
 *       {@link org.oncopredict.efficacy.catalogue.CatalogueLoader} (plain) load and validate
 *       {@code catalogue/regimens-v1.json} into a {@link org.oncopredict.efficacy.catalogue.Catalogue}
 *       of {@link org.oncopredict.efficacy.catalogue.Regimen}s and
 *       {@link org.oncopredict.efficacy.catalogue.ContraindicationRule}s. The file format is
 *       documented in {@code catalogue/README.md}.</li>
 *   <li>{@link org.oncopredict.efficacy.catalogue.EligibilityEvaluator} decides, for a patient as of a
 *       date and without look-ahead, whether each regimen is indicated and contraindicated, giving an
 *       {@link org.oncopredict.efficacy.catalogue.Eligibility} with its reasons.</li>
 *   <li>{@link org.oncopredict.efficacy.catalogue.BiomarkerInterpreter} is the single definition of
 *       biomarker statuses (EGFR activating, HER2-positive, RAS wild type, …).</li>
 * </ul>
 */
package org.oncopredict.efficacy.catalogue;
