package org.oncopredict.efficacy.catalogue;

import java.util.List;
import java.util.Map;

/**
 * The catalogue file as written (JSON), before validation. Every value is kept raw (strings, boxed
 * numbers) so that {@link CatalogueValidator} can name the regimen and field of each mistake instead
 * of failing inside the JSON parser. The format is documented in {@code catalogue/README.md}.
 */
record CatalogueDocument(
        String version,
        String description,
        Map<String, Double> upperLimitsOfNormal,
        List<RegimenDocument> regimens,
        List<RuleDocument> rules) {

    record RegimenDocument(
            String id,
            String name,
            Boolean supportiveCareOnly,
            List<DrugDocument> drugs,
            List<IndicationDocument> indications) {
    }

    record DrugDocument(String name, String drugClass) {
    }

    record IndicationDocument(
            String cancerType,
            LinesDocument lines,
            List<String> requires,
            List<String> excludes,
            String evidenceLevel,
            String source,
            String summary) {
    }

    record LinesDocument(Integer from, Integer to) {
    }

    record RuleDocument(
            String id,
            ScopeDocument appliesTo,
            String field,
            String operator,
            Double threshold,
            String unit,
            Integer lookbackDays,
            String severity,
            String reason,
            String topic,
            String source) {
    }

    record ScopeDocument(List<String> drugClasses, List<String> drugs, Boolean activeTherapy, Boolean cytotoxic) {
    }
}
