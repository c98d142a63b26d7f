package org.oncopredict.efficacy.model;

import java.util.Arrays;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.protos.core.ModelProto;

/**
 * A binary member fitted by Tribuo's XGBoost trainer over a {@link Design}'s columns (column names as
 * feature names). Tribuo trains {@code multi:softprob} with two classes, so P(yes) = softmax of two margins
 * and the logit is exactly {@code margin_yes − margin_no}; it is read from the booster's margins rather
 * than from log(p_yes / p_no) of Tribuo's float probabilities, which saturate near 0 and 1.
 *
 * <p>The native matrix is built the way Tribuo builds it for prediction ({@code XGBoostTrainer.convertExample}):
 * CSR over Tribuo's feature ids, every feature of the row present (zeros included), features unknown to
 * the model left out (missing), float values, as many columns as the feature map. One matrix serves a
 * whole batch ({@link #logits}).
 *
 * <p>Explanations: TreeSHAP ({@code Booster.predictContrib}) per class; the logit's contributions are the
 * differences of the yes and no contribution vectors, the bias difference is the intercept. They sum to the
 * margin difference up to float32 rounding inside XGBoost (measured: see XGBoostOutcomeModelTest).
 *
 * <p>Booster calls are synchronised per member: xgboost4j 1.6 does not document concurrent prediction on one
 * booster as safe.
 */
final class XGBoostMember implements BinaryMember {

    private final XGBoostModel<Label> tribuoModel;
    private final Booster booster;
    private final int yes;
    private final int no;
    private final int classes;
    private final int features;
    /** Tribuo feature id of each design column, −1 when the model never saw it. */
    private final int[] featureId;
    /** Design column of each Tribuo feature id. */
    private final int[] columnOfFeature;

    XGBoostMember(XGBoostModel<Label> tribuoModel, List<String> columnNames) {
        this.tribuoModel = tribuoModel;
        List<Booster> boosters = tribuoModel.getInnerModels();
        if (boosters.size() != 1) {
            throw new IllegalArgumentException("expected one booster, got " + boosters.size());
        }
        this.booster = boosters.get(0);
        ImmutableOutputInfo<Label> outputs = tribuoModel.getOutputIDInfo();
        this.yes = outputs.getID(LogisticModel.YES);
        this.no = outputs.getID(LogisticModel.NO);
        this.classes = outputs.size();
        if (yes < 0 || no < 0 || classes != 2) {
            throw new IllegalArgumentException("the Tribuo model must predict exactly the labels yes and no, got "
                    + outputs.toReadableString());
        }
        ImmutableFeatureMap map = tribuoModel.getFeatureIDMap();
        this.features = map.size();
        this.featureId = new int[columnNames.size()];
        this.columnOfFeature = new int[features];
        Arrays.fill(columnOfFeature, -1);
        for (int c = 0; c < featureId.length; c++) {
            featureId[c] = map.getID(columnNames.get(c));
            if (featureId[c] >= 0) {
                columnOfFeature[featureId[c]] = c;
            }
        }
    }

    static XGBoostMember deserialize(byte[] tribuoBytes, List<String> columnNames) {
        Model<?> model;
        try {
            model = Model.deserialize(ModelProto.parseFrom(tribuoBytes));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a serialised Tribuo model", e);
        }
        if (!(model instanceof XGBoostModel<?> xgb) || !model.validate(Label.class)) {
            throw new IllegalArgumentException("expected a Tribuo XGBoostModel of labels, got " + model.getClass().getName());
        }
        @SuppressWarnings("unchecked")
        XGBoostModel<Label> labels = (XGBoostModel<Label>) xgb;
        return new XGBoostMember(labels, columnNames);
    }

    XGBoostModel<Label> tribuoModel() {
        return tribuoModel;
    }

    @Override
    public BaseLearner kind() {
        return BaseLearner.XGBOOST;
    }

    @Override
    public double interceptOffset() {
        return 0;
    }

    @Override
    public byte[] tribuoBytes() {
        return tribuoModel.serialize().toByteArray();
    }

    @Override
    public double logit(SparseRow row) {
        return logits(List.of(row))[0];
    }

    @Override
    public double[] logits(List<SparseRow> rows) {
        if (rows.isEmpty()) {
            return new double[0];
        }
        float[][] margins;
        synchronized (booster) {
            DMatrix matrix = matrix(rows);
            try {
                margins = booster.predict(matrix, true);
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost prediction failed", e);
            } finally {
                matrix.dispose();
            }
        }
        double[] logits = new double[rows.size()];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (double) margins[i][yes] - (double) margins[i][no];
        }
        return logits;
    }

    @Override
    public Attribution attribution(SparseRow row) {
        float[] contributions;
        synchronized (booster) {
            DMatrix matrix = matrix(List.of(row));
            try {
                contributions = booster.predictContrib(matrix, 0)[0];
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost TreeSHAP failed", e);
            } finally {
                matrix.dispose();
            }
        }
        // Layout: per class, one value per feature id then the bias.
        int width = features + 1;
        if (contributions.length != classes * width) {
            throw new IllegalStateException("unexpected TreeSHAP width " + contributions.length + " for " + classes
                    + " classes and " + features + " features");
        }
        int y = yes * width;
        int n = no * width;
        double[] byColumn = new double[featureId.length];
        for (int f = 0; f < features; f++) {
            double share = (double) contributions[y + f] - (double) contributions[n + f];
            int c = columnOfFeature[f];
            if (c >= 0) {
                byColumn[c] += share;
            } else if (share != 0) {
                throw new IllegalStateException("TreeSHAP attributes " + share + " to a feature outside the design");
            }
        }
        double intercept = (double) contributions[y + features] - (double) contributions[n + features];
        return new Attribution(intercept, byColumn, "TREE_SHAP");
    }

    /** CSR matrix as Tribuo builds it: Tribuo feature ids ascending within a row. */
    private DMatrix matrix(List<SparseRow> rows) {
        int total = 0;
        for (SparseRow row : rows) {
            total += row.index().length;
        }
        long[] headers = new long[rows.size() + 1];
        int[] indices = new int[total];
        float[] values = new float[total];
        int k = 0;
        long[] packed = new long[0];
        for (int i = 0; i < rows.size(); i++) {
            SparseRow row = rows.get(i);
            int[] index = row.index();
            double[] value = row.value();
            if (packed.length < index.length) {
                packed = new long[index.length];
            }
            int m = 0;
            for (int j = 0; j < index.length; j++) {
                int id = featureId[index[j]];
                if (id >= 0) {
                    packed[m++] = ((long) id << 32) | j;
                }
            }
            Arrays.sort(packed, 0, m);
            for (int j = 0; j < m; j++) {
                indices[k] = (int) (packed[j] >>> 32);
                values[k] = (float) value[(int) packed[j]];
                k++;
            }
            headers[i + 1] = k;
        }
        try {
            return new DMatrix(headers, Arrays.copyOf(indices, k), Arrays.copyOf(values, k), DMatrix.SparseType.CSR,
                    features);
        } catch (XGBoostError e) {
            throw new IllegalStateException("building an XGBoost matrix failed", e);
        }
    }
}
