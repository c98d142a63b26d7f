package org.oncopredict.efficacy.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns a model sees, built from the encoded features and the regimen, with the standardisation
 * used for the logistic models ((x − mean) / sd over the training rows; SGD converges poorly on raw
 * scales such as eGFR next to 0/1 indicators). A base feature that is constant in the training rows
 * has no column: its effect cannot be estimated.
 *
 * <p>S-learner: all base features, one indicator per regimen and regimen × modifier interactions.
 * T-learner: one design per regimen with the base features only.
 */
final class Design {

    private final List<String> featureNames;
    private final List<String> regimens;
    private final List<Column> columns;
    private final double[] means;
    private final double[] scales;

    Design(List<String> featureNames, List<String> regimens, List<Column> columns, double[] means, double[] scales) {
        this.featureNames = List.copyOf(featureNames);
        this.regimens = List.copyOf(regimens);
        this.columns = List.copyOf(columns);
        this.means = means.clone();
        this.scales = scales.clone();
    }

    /** A design without regimens (T-learner) over the non-constant features of {@code rows}. */
    static Design fit(List<String> featureNames, List<double[]> rows) {
        return fit(featureNames, rows, new int[rows.size()], List.of(), List.of());
    }

    /**
     * A design over the non-constant features of {@code rows}, one indicator per regimen and the
     * interactions of each regimen with each modifier that varies among that regimen's rows.
     *
     * @param rowRegimens each row's index into {@code regimens}
     */
    static Design fit(List<String> featureNames, List<double[]> rows, int[] rowRegimens, List<String> regimens,
                      List<Integer> modifiers) {
        int p = featureNames.size();
        double[] means = new double[p];
        double[] scales = new double[p];
        for (double[] x : rows) {
            for (int j = 0; j < p; j++) {
                means[j] += x[j];
            }
        }
        for (int j = 0; j < p; j++) {
            means[j] /= rows.size();
        }
        for (double[] x : rows) {
            for (int j = 0; j < p; j++) {
                double d = x[j] - means[j];
                scales[j] += d * d;
            }
        }
        List<Column> columns = new ArrayList<>();
        boolean[] varies = new boolean[p];
        for (int j = 0; j < p; j++) {
            scales[j] = Math.sqrt(scales[j] / rows.size());
            varies[j] = scales[j] > 1e-12;
            if (!varies[j]) {
                scales[j] = 1;
            } else {
                columns.add(new Column(j, -1));
            }
        }
        for (int r = 0; r < regimens.size(); r++) {
            columns.add(new Column(-1, r));
        }
        for (int r = 0; r < regimens.size(); r++) {
            for (int m : modifiers) {
                if (varies[m] && variesWithin(rows, rowRegimens, r, m)) {
                    columns.add(new Column(m, r));
                }
            }
        }
        return new Design(featureNames, regimens, columns, means, scales);
    }

    private static boolean variesWithin(List<double[]> rows, int[] rowRegimens, int regimen, int feature) {
        double first = Double.NaN;
        for (int i = 0; i < rows.size(); i++) {
            if (rowRegimens[i] == regimen) {
                double v = rows.get(i)[feature];
                if (Double.isNaN(first)) {
                    first = v;
                } else if (v != first) {
                    return true;
                }
            }
        }
        return false;
    }

    List<String> featureNames() {
        return featureNames;
    }

    List<String> regimens() {
        return regimens;
    }

    List<Column> columns() {
        return columns;
    }

    double[] means() {
        return means.clone();
    }

    double[] scales() {
        return scales.clone();
    }

    String columnName(int c) {
        Column column = columns.get(c);
        if (column.isRegimenIndicator()) {
            return "regimen=" + regimens.get(column.regimen());
        }
        String feature = featureNames.get(column.feature());
        return column.isMainEffect() ? feature : regimens.get(column.regimen()) + "*" + feature;
    }

    List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            names.add(columnName(c));
        }
        return names;
    }

    /** Standardised value of base feature j. */
    double standardised(double[] x, int j) {
        return (x[j] - means[j]) / scales[j];
    }

    /**
     * The standardised design row of a patient for a regimen ({@code regimenIndex} −1 for a design without
     * regimens): zero columns of other regimens are left out.
     */
    SparseRow row(double[] x, int regimenIndex) {
        int[] index = new int[columns.size()];
        double[] value = new double[columns.size()];
        int n = 0;
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            if (!column.appliesTo(regimenIndex)) {
                continue;
            }
            index[n] = c;
            value[n] = column.isRegimenIndicator() ? 1 : standardised(x, column.feature());
            n++;
        }
        return new SparseRow(java.util.Arrays.copyOf(index, n), java.util.Arrays.copyOf(value, n));
    }

    /** The raw (unstandardised) dense row, for the survival trainer, which standardises itself. */
    double[] rawRow(double[] x, int regimenIndex) {
        double[] row = new double[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            if (column.appliesTo(regimenIndex)) {
                row[c] = column.isRegimenIndicator() ? 1 : x[column.feature()];
            }
        }
        return row;
    }
}
