package org.oncopredict.efficacy.model;

import java.util.List;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;

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

    @Override
    public XGBoostMember fit(List<String> columnNames, List<SparseRow> rows, boolean[] outcomes, long seed,
                             String description) {
        MutableDataset<Label> dataset = MemberTrainer.dataset(columnNames, rows, outcomes, description);
        // (numTrees, eta, gamma, maxDepth, minChildWeight, subsample, featureSubsample, lambda, alpha, nThread,
        //  silent, seed). A trainer per fit: Tribuo's train() is synchronised on the trainer.
        XGBoostClassificationTrainer trainer = new XGBoostClassificationTrainer(TREES, ETA, 0, DEPTH, 1, 1.0, 1.0,
                1.0, 0, 1, true, seed);
        Map<String, Provenance> run = Map.of("description", new StringProvenance("description", description));
        XGBoostModel<Label> model = trainer.train(dataset, run);
        return new XGBoostMember(model, columnNames);
    }
}
