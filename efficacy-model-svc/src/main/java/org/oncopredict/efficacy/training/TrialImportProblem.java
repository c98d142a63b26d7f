package org.oncopredict.efficacy.training;

/**
 * One thing wrong with an imported trial table.
 *
 * @param column  the column at fault, or null for a table-level problem (e.g. too few rows)
 * @param row     the data row at fault, numbered from 1 (the header line is not counted, nor are blank
 *                lines), or 0 when the problem is not about one row
 * @param message what is wrong, for a human
 */
public record TrialImportProblem(String column, int row, String message) {

    /** E.g. {@code column 'status', row 12: value '2' is not an allowed event value (event: [1]; censored: [0])}. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (column != null) {
            text.append("column '").append(column).append('\'');
        }
        if (row > 0) {
            text.append(text.length() > 0 ? ", " : "").append("row ").append(row);
        }
        return text.length() > 0 ? text + ": " + message : message;
    }
}
