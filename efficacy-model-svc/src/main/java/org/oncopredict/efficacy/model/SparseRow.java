package org.oncopredict.efficacy.model;

/** Non-zero columns of a design row: column indices (ascending) and values. */
record SparseRow(int[] index, double[] value) {

    SparseRow {
        if (index.length != value.length) {
            throw new IllegalArgumentException("index and value lengths differ");
        }
    }
}
