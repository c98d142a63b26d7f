package org.oncopredict.efficacy.model;

import java.util.List;
import java.util.Map;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.ParameterAveraging;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits {@link LogisticModel}s with Tribuo's {@link LinearSGDTrainer}: log-multiclass loss over "yes"/"no",
 * AdaGrad with iterate averaging, minibatches of 1, a fixed seed. As for the survival models, averaged
 * SGD leaves the intercept slightly biased when events are rare, so after SGD the intercept is solved
 * exactly given the coefficients (Newton on Σ (y − p) = 0): predicted and observed event counts agree on
 * the training rows.
 */
final class LogisticTrainer implements MemberTrainer {

    private static final LabelFactory LABELS = new LabelFactory();

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
            // Built from arrays: ArrayExample sorts once, where add() would re-sort after every feature.
            dataset.add(new ArrayExample<>(outcomes[i] ? LogisticModel.YES : LogisticModel.NO, names, row.value()));
        }
        int epochs = Math.max(minimumEpochs, (int) Math.ceil((double) minimumUpdates / rows.size()));
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
                new ParameterAveraging(new AdaGrad(learningRate, 0.1)), epochs, -1, 1, seed);
        Map<String, Provenance> run = Map.of("description", new StringProvenance("description", description));
        LinearSGDModel tribuoModel = trainer.train(dataset, run);
        LogisticModel sgd = new LogisticModel(tribuoModel, columnNames, 0);
        return new LogisticModel(tribuoModel, columnNames, interceptCorrection(sgd, rows, outcomes));
    }

    private static double interceptCorrection(LogisticModel model, List<SparseRow> rows, boolean[] outcomes) {
        double[] logits = rows.stream().mapToDouble(model::logit).toArray();
        double delta = 0;
        for (int iteration = 0; iteration < 50; iteration++) {
            double score = 0;
            double information = 0;
            for (int i = 0; i < logits.length; i++) {
                double p = 1 / (1 + Math.exp(-(logits[i] + delta)));
                score += (outcomes[i] ? 1 : 0) - p;
                information += p * (1 - p);
            }
            double step = Math.max(-2, Math.min(2, score / information));
            delta += step;
            if (Math.abs(step) < 1e-12) {
                break;
            }
        }
        return delta;
    }
}
