package org.oncopredict.efficacy.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The treatment-arm column of a trial table and how its values are coded.
 *
 * <p>Every cell must hold one of the {@code treatedValues} or {@code controlValues} (compared after
 * stripping surrounding white space); any other value is an import error rather than silently counted
 * as control. The model's treatment term is the indicator "value is in {@code treatedValues}".
 *
 * @param column        header name of the column
 * @param treatedValues values meaning the experimental arm, e.g. {@code ["1"]}
 * @param controlValues values meaning the comparator arm, e.g. {@code ["0"]}
 * @param regimenIds    optional map from every arm value to a regimen id of the catalogue (e.g.
 *                      {@code "1" → "tamoxifen"}); empty when the arms are not linked to the catalogue, in
 *                      which case a subject's arm is its raw value
 */
public record TreatmentColumn(String column, List<String> treatedValues, List<String> controlValues,
                              Map<String, String> regimenIds) {

    public TreatmentColumn {
        column = MappingChecks.columnName(column, "treatment");
        treatedValues = MappingChecks.codes(treatedValues, "treated values of '" + column + "'");
        controlValues = MappingChecks.codes(controlValues, "control values of '" + column + "'");
        MappingChecks.disjoint(treatedValues, "treated", controlValues, "control value of '" + column + "'");
        regimenIds = regimenIds == null ? Map.of() : copyRegimenIds(column, regimenIds, treatedValues, controlValues);
    }

    /** A two-arm coding without regimen ids. */
    public static TreatmentColumn of(String column, String treatedValue, String controlValue) {
        return new TreatmentColumn(column, List.of(treatedValue), List.of(controlValue), Map.of());
    }

    /** Whether {@code value} (stripped) is one of the coded arm values. */
    public boolean isArmValue(String value) {
        return treatedValues.contains(value) || controlValues.contains(value);
    }

    /** Whether {@code value} (stripped) codes the experimental arm. */
    public boolean isTreated(String value) {
        return treatedValues.contains(value);
    }

    /** The regimen id of an arm value, or the value itself when no regimen ids are mapped. */
    public String armOf(String value) {
        return regimenIds.getOrDefault(value, value);
    }

    private static Map<String, String> copyRegimenIds(String column, Map<String, String> regimenIds,
                                                      List<String> treated, List<String> control) {
        if (regimenIds.isEmpty()) {
            return Map.of();
        }
        TreeSet<String> expected = new TreeSet<>(treated);
        expected.addAll(control);
        Map<String, String> copy = new LinkedHashMap<>();
        regimenIds.forEach((value, regimen) -> {
            if (regimen == null || regimen.isBlank()) {
                throw new IllegalArgumentException("regimen id for value '" + value + "' of '" + column + "' is blank");
            }
            copy.put(value.strip(), regimen.strip());
        });
        if (!copy.keySet().equals(expected)) {
            throw new IllegalArgumentException("regimen ids of '" + column + "' must map exactly the arm values "
                    + expected + ", got " + new TreeSet<>(copy.keySet()));
        }
        return Map.copyOf(copy);
    }
}
