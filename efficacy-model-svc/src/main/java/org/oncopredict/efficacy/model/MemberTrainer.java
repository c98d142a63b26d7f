package org.oncopredict.efficacy.model;

import java.util.List;

import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Fits one {@link BinaryMember} on design rows with yes/no outcomes. */
interface MemberTrainer {

    BinaryMember fit(List<String> columnNames, List<SparseRow> rows, boolean[] outcomes, long seed, String description);

    /**
     * The Tribuo dataset both base learners train on: one example per design row, labelled yes/no, with the
     * row's non-zero columns. Refuses rows without both outcomes, which no learner can fit.
     */
    static MutableDataset<Label> dataset(List<String> columnNames, List<SparseRow> rows, boolean[] outcomes,
                                         String description) {
        if (rows.size() != outcomes.length) {
            throw new IllegalArgumentException("rows and outcomes differ in length");
        }
        int positives = 0;
        for (boolean y : outcomes) {
            positives += y ? 1 : 0;
        }
        if (positives == 0 || positives == outcomes.length) {
            throw new IllegalArgumentException(description + ": needs both outcomes, got " + positives + " of "
                    + outcomes.length + " positive");
        }
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(description, labels), labels);
        for (int i = 0; i < rows.size(); i++) {
            SparseRow row = rows.get(i);
            String[] names = new String[row.index().length];
            for (int k = 0; k < names.length; k++) {
                names[k] = columnNames.get(row.index()[k]);
            }
            // Built from arrays: ArrayExample sorts once, where add() would re-sort after every feature.
            dataset.add(new ArrayExample<>(outcomes[i] ? LogisticModel.YES : LogisticModel.NO, names, row.value()));
        }
        return dataset;
    }
}
