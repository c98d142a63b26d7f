package org.oncopredict.efficacy.model;

import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.protos.core.ModelProto;

/**
 * A binary logistic model fitted by Tribuo's {@link LinearSGDModel} over a {@link Design}'s columns,
 * plus an exact intercept correction. The logit is read from Tribuo's weights: with the log-multiclass
 * loss each label has a weight vector and logit P(yes) = (w_yes − w_no)·x + (b_yes − b_no), which equals
 * the log-odds of Tribuo's own softmax prediction. Reading it directly makes explanations exact (the
 * contributions and the intercept sum to the logit) and a prediction cost a dot product.
 */
final class LogisticModel implements BinaryMember {

    static final Label YES = new Label("yes");
    static final Label NO = new Label("no");

    private final LinearSGDModel tribuoModel;
    private final double interceptOffset;
    private final double intercept;
    private final double[] weights;

    LogisticModel(LinearSGDModel tribuoModel, List<String> columnNames, double interceptOffset) {
        this.tribuoModel = tribuoModel;
        this.interceptOffset = interceptOffset;
        ImmutableOutputInfo<Label> outputs = tribuoModel.getOutputIDInfo();
        int yes = outputs.getID(YES);
        int no = outputs.getID(NO);
        if (yes < 0 || no < 0 || outputs.size() != 2) {
            throw new IllegalArgumentException("the Tribuo model must predict exactly the labels yes and no, got "
                    + outputs.toReadableString());
        }
        DenseMatrix w = tribuoModel.getWeightsCopy();
        ImmutableFeatureMap features = tribuoModel.getFeatureIDMap();
        int bias = features.size();
        this.intercept = w.get(yes, bias) - w.get(no, bias) + interceptOffset;
        this.weights = new double[columnNames.size()];
        for (int c = 0; c < weights.length; c++) {
            int id = features.getID(columnNames.get(c));
            // A column never non-zero in the training rows (possible in a bootstrap resample) has no weight.
            weights[c] = id < 0 ? 0 : w.get(yes, id) - w.get(no, id);
        }
    }

    static LogisticModel deserialize(byte[] tribuoBytes, List<String> columnNames, double interceptOffset) {
        Model<?> model;
        try {
            model = Model.deserialize(ModelProto.parseFrom(tribuoBytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a serialised Tribuo model", e);
        }
        if (!(model instanceof LinearSGDModel linear)) {
            throw new IllegalArgumentException("expected a Tribuo LinearSGDModel, got " + model.getClass().getName());
        }
        return new LogisticModel(linear, columnNames, interceptOffset);
    }

    @Override
    public BaseLearner kind() {
        return BaseLearner.LOGISTIC_SGD;
    }

    @Override
    public Attribution attribution(SparseRow row) {
        double[] byColumn = new double[weights.length];
        int[] index = row.index();
        double[] value = row.value();
        for (int i = 0; i < index.length; i++) {
            byColumn[index[i]] = weights[index[i]] * value[i];
        }
        return new Attribution(intercept, byColumn, "EXACT_LINEAR");
    }

    @Override
    public byte[] tribuoBytes() {
        return tribuoModel.serialize().toByteArray();
    }

    LinearSGDModel tribuoModel() {
        return tribuoModel;
    }

    @Override
    public double interceptOffset() {
        return interceptOffset;
    }

    /** The intercept including the correction. */
    double intercept() {
        return intercept;
    }

    double weight(int column) {
        return weights[column];
    }

    @Override
    public double logit(SparseRow row) {
        double logit = intercept;
        int[] index = row.index();
        double[] value = row.value();
        for (int i = 0; i < index.length; i++) {
            logit += weights[index[i]] * value[i];
        }
        return logit;
    }
}
