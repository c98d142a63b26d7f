package org.oncopredict.efficacy.model;

/**
 * One column of a model's design: a main effect of a base feature ({@code regimen < 0}), a regimen
 * indicator ({@code feature < 0}), or a regimen × feature interaction (both set; the feature's value for
 * rows of that regimen, 0 otherwise).
 *
 * @param feature index into the feature schema, or −1
 * @param regimen index into the model's regimen list, or −1
 */
record Column(int feature, int regimen) {

    Column {
        if (feature < 0 && regimen < 0) {
            throw new IllegalArgumentException("a column needs a feature, a regimen or both");
        }
    }

    boolean isMainEffect() {
        return regimen < 0;
    }

    boolean isRegimenIndicator() {
        return feature < 0;
    }

    /** Whether the column is non-zero only for rows of one regimen. */
    boolean appliesTo(int regimenIndex) {
        return regimen < 0 || regimen == regimenIndex;
    }
}
