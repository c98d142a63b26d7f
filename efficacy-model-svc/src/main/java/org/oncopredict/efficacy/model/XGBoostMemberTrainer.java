package org.oncopredict.efficacy.model;

import java.util.List;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits {@link XGBoostMember}s with Tribuo's {@link XGBoostClassificationTrainer} on the same design rows as
 * {@link LogisticTrainer} (standardised values: irrelevant to trees, kept so both learners share one design).
 * Modest defaults: 50 trees, depth 4, eta 0.1, no row/column subsampling, one thread (bootstrap replicates
 * already run in parallel), a fixed seed per fit.
 */
final class XGBoostMemberTrainer implements MemberTrainer {

    static final int TREES = 50;
    static final int DEPTH = 4;
    static final double ETA = 0.1;

    private static final LabelFactory LABELS = new LabelFactory();

    @Override
    public XGBoostMember fit(List<String> columnNames, List<SparseRow> rows, boolean[] outcomes, long seed,
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
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(description, LABELS), LABELS);
        for (int i = 0; i < rows.size(); i++) {
            SparseRow row = rows.get(i);
            String[] names = new String[row.index().length];
            for (int k = 0; k < names.length; k++) {
                names[k] = columnNames.get(row.index()[k]);
            }
            dataset.add(new ArrayExample<>(outcomes[i] ? LogisticModel.YES : LogisticModel.NO, names, row.value()));
        }
        // (numTrees, eta, gamma, maxDepth, minChildWeight, subsample, featureSubsample, lambda, alpha, nThread,
        //  silent, seed). A trainer per fit: Tribuo's train() is synchronised on the trainer.
        XGBoostClassificationTrainer trainer = new XGBoostClassificationTrainer(TREES, ETA, 0, DEPTH, 1, 1.0, 1.0,
                1.0, 0, 1, true, seed);
        Map<String, Provenance> run = Map.of("description", new StringProvenance("description", description));
        XGBoostModel<Label> model = trainer.train(dataset, run);
        return new XGBoostMember(model, columnNames);
    }
}
