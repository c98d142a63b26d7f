package org.oncopredict.efficacy.training;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Argument checks shared by the column-mapping records; messages name the mapping field at fault. */
final class MappingChecks {

    private MappingChecks() {
    }

    static String columnName(String column, String role) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException(role + " column name is missing");
        }
        return column.strip();
    }

    /** Stripped, non-blank, distinct values; the CSV cells are stripped the same way before comparison. */
    static List<String> codes(List<String> values, String what) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(what + " must list at least one value");
        }
        List<String> stripped = new ArrayList<>(values.size());
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " contain a blank value");
            }
            String code = value.strip();
            if (!seen.add(code)) {
                throw new IllegalArgumentException(what + " list '" + code + "' twice");
            }
            stripped.add(code);
        }
        return List.copyOf(stripped);
    }

    static void disjoint(List<String> first, String firstWhat, List<String> second, String secondWhat) {
        for (String value : first) {
            if (second.contains(value)) {
                throw new IllegalArgumentException(
                        "'" + value + "' is listed both as " + firstWhat + " and as " + secondWhat);
            }
        }
    }
}
