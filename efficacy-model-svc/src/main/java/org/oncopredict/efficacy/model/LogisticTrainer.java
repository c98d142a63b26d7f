package org.oncopredict.efficacy.model;

import java.util.List;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.MutableDataset;
import org.oncopredict.efficacy.training.InterceptOffset;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.ParameterAveraging;

/**
 * Fits {@link LogisticModel}s with Tribuo's {@link LinearSGDTrainer}: log-multiclass loss over "yes"/"no",
 * AdaGrad with iterate averaging, minibatches of 1, a fixed seed. As for the survival models, averaged
 * SGD leaves the intercept slightly biased when events are rare, so after SGD the intercept is solved
 * exactly given the coefficients (Newton on Σ (y − p) = 0): predicted and observed event counts agree on
 * the training rows.
 */
final class LogisticTrainer implements MemberTrainer {

    private final double learningRate;
    private final int minimumEpochs;
    private final int minimumUpdates;

    LogisticTrainer(double learningRate, int minimumEpochs, int minimumUpdates) {
        this.learningRate = learningRate;
        this.minimumEpochs = minimumEpochs;
        this.minimumUpdates = minimumUpdates;
    }

    @Override
    public LogisticModel fit(List<String> columnNames, List<SparseRow> rows, boolean[] outcomes, long seed,
                      String description) {
        MutableDataset<Label> dataset = MemberTrainer.dataset(columnNames, rows, outcomes, description);
        int epochs = Math.max(minimumEpochs, (int) Math.ceil((double) minimumUpdates / rows.size()));
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
                new ParameterAveraging(new AdaGrad(learningRate, 0.1)), epochs, -1, 1, seed);
        Map<String, Provenance> run = Map.of("description", new StringProvenance("description", description));
        LinearSGDModel tribuoModel = trainer.train(dataset, run);
        LogisticModel sgd = new LogisticModel(tribuoModel, columnNames, 0);
        return new LogisticModel(tribuoModel, columnNames, interceptCorrection(sgd, rows, outcomes));
    }

    private static double interceptCorrection(LogisticModel model, List<SparseRow> rows, boolean[] outcomes) {
        return InterceptOffset.solve(rows.stream().mapToDouble(model::logit).toArray(), null, outcomes);
    }
}
