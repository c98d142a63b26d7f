package org.oncopredict.efficacy.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A fitted discrete-time proportional-odds survival model (Cox 1972; Allison 1982): for a subject
 * with covariates x the hazard in interval k — the probability of the event in k given event-free
 * follow-up to its start — is
 *
 * <pre>
 *   logit h_k(x) = α_band(k) + β·x,        S(t_k) = Π_{j ≤ k} (1 − h_j(x)),
 * </pre>
 *
 * with a baseline α constant within each {@link BaselineBands band} and one coefficient per covariate,
 * in the covariate's own units. The model is a Tribuo {@link LinearSGDModel} (logistic regression over
 * person-period rows, two labels "event" / "no-event") plus the person-period layout and one intercept
 * offset per band (the trainer's exact intercept step, see {@link DiscreteTimeSurvivalTrainer}); the
 * hazards are computed from the Tribuo weights, mapped back from the standardised scale the model was
 * trained on, plus those offsets.
 *
 * <p><b>β as a log hazard ratio.</b> exp(β_j) is an odds ratio of interval hazards. When interval hazards
 * are small (a few percent per interval, as in most oncology PFS/OS data with monthly intervals) odds and
 * hazards nearly coincide and β_j approximates the Cox log hazard ratio (Thompson 1977); with large
 * per-interval hazards it overstates it — shorten the interval then.
 *
 * <p><b>Between interval ends</b> the hazard is taken as constant, so S is interpolated geometrically:
 * {@code S(t) = S(t_{k}) · (1 − h_{k+1})^f} for a fraction f of interval k+1. The median is the t with
 * S(t) = 1/2 under that interpolation, NaN when S stays above 1/2 up to the horizon.
 *
 * <p><b>Horizon.</b> The model is defined up to the end of the last interval with training rows
 * ({@link #horizonMonths()}); asking for S beyond it throws rather than extrapolating.
 *
 * <p>Immutable. The Tribuo provenance (dataset, trainer with its optimiser, interval width, bands and
 * standardisation as run provenance) is available from {@link #provenance()}.
 */
public final class DiscreteTimeSurvivalModel {

    static final Label EVENT = new Label("event");
    static final Label NO_EVENT = new Label("no-event");

    private static final String COVARIATE_PREFIX = "x:";
    private static final String BAND_PREFIX = "band:";
    private static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LinearSGDModel tribuoModel;
    private final List<String> covariateNames;
    private final double[] means;
    private final double[] scales;
    private final PersonPeriodExpansion expansion;
    private final BaselineBands bands;
    private final int horizonInterval;
    private final double[] bandOffsets;
    private final TrainingSummary summary;
    private final double[] coefficients;
    private final double[] bandIntercepts;

    /**
     * @param means       training means of the covariates (the Tribuo model sees (x − mean) / scale)
     * @param scales      training standard deviations of the covariates
     * @param bandOffsets added to the Tribuo logit in each band
     * @param summary     the training summary, null while the trainer is still assembling the model
     */
    DiscreteTimeSurvivalModel(LinearSGDModel tribuoModel, List<String> covariateNames, double[] means,
                              double[] scales, PersonPeriodExpansion expansion, BaselineBands bands,
                              int horizonInterval, double[] bandOffsets, TrainingSummary summary) {
        if (means.length != covariateNames.size() || scales.length != covariateNames.size()) {
            throw new IllegalArgumentException("standardisation does not match the covariates");
        }
        if (bandOffsets.length != bands.count()) {
            throw new IllegalArgumentException("expected " + bands.count() + " band offsets, got " + bandOffsets.length);
        }
        if (horizonInterval < 0) {
            throw new IllegalArgumentException("horizon interval must be >= 0, got " + horizonInterval);
        }
        this.tribuoModel = tribuoModel;
        this.covariateNames = List.copyOf(covariateNames);
        this.means = means.clone();
        this.scales = scales.clone();
        this.expansion = expansion;
        this.bands = bands;
        this.horizonInterval = horizonInterval;
        this.bandOffsets = bandOffsets.clone();
        this.summary = summary;

        ImmutableOutputInfo<Label> outputs = tribuoModel.getOutputIDInfo();
        int event = outputs.getID(EVENT);
        int noEvent = outputs.getID(NO_EVENT);
        if (event < 0 || noEvent < 0 || outputs.size() != 2) {
            throw new IllegalArgumentException("the Tribuo model must predict exactly the labels "
                    + EVENT + " and " + NO_EVENT + ", got " + outputs.toReadableString());
        }
        // LogMulticlass gives each label a weight vector; the logit of "event" is their difference.
        DenseMatrix weights = tribuoModel.getWeightsCopy();
        ImmutableFeatureMap featureMap = tribuoModel.getFeatureIDMap();
        int biasColumn = featureMap.size();
        double bias = weights.get(event, biasColumn) - weights.get(noEvent, biasColumn);
        this.coefficients = new double[covariateNames.size()];
        double centring = 0;
        for (int j = 0; j < coefficients.length; j++) {
            int id = featureMap.getID(covariateFeature(covariateNames.get(j)));
            double standardised = id < 0 ? 0 : weights.get(event, id) - weights.get(noEvent, id);
            coefficients[j] = standardised / scales[j];
            centring += coefficients[j] * means[j];
        }
        this.bandIntercepts = new double[bands.count()];
        for (int b = 0; b < bandIntercepts.length; b++) {
            // A band absent from the training rows (possible in a bootstrap resample) keeps the bias only.
            int id = featureMap.getID(bandFeature(b));
            double band = id < 0 ? 0 : weights.get(event, id) - weights.get(noEvent, id);
            bandIntercepts[b] = bias + band - centring + bandOffsets[b];
        }
    }

    /** The model with other band offsets and a training summary. */
    DiscreteTimeSurvivalModel withBandOffsets(double[] offsets, TrainingSummary trainingSummary) {
        return new DiscreteTimeSurvivalModel(tribuoModel, covariateNames, means, scales, expansion, bands,
                horizonInterval, offsets, trainingSummary);
    }

    /** logit h in band b: α_b + β·x. */
    double logit(double[] covariates, int band) {
        return bandIntercepts[band] + linearPredictor(covariates);
    }

    /** Names of the covariates, in the order the {@code double[]} arguments use. */
    public List<String> covariateNames() {
        return covariateNames;
    }

    /** β of a covariate: the log odds ratio of the interval hazard per unit, ≈ the log hazard ratio. */
    public double coefficient(String term) {
        return coefficients[indexOf(term)];
    }

    /** exp(β) of a covariate. */
    public double hazardRatio(String term) {
        return Math.exp(coefficient(term));
    }

    /** β·x: the risk score (higher means shorter expected survival, in every interval). */
    public double linearPredictor(double[] covariates) {
        checkLength(covariates);
        double eta = 0;
        for (int j = 0; j < coefficients.length; j++) {
            eta += coefficients[j] * covariates[j];
        }
        return eta;
    }

    /** h_k(x): probability of the event in interval k given event-free follow-up to its start. */
    public double hazard(double[] covariates, int interval) {
        checkInterval(interval);
        return logistic(logit(covariates, bands.bandOf(interval)));
    }

    /** h_0(x) … h_K(x) up to the horizon interval K. */
    public double[] intervalHazards(double[] covariates) {
        double eta = linearPredictor(covariates);
        double[] hazards = new double[horizonInterval + 1];
        for (int k = 0; k <= horizonInterval; k++) {
            hazards[k] = logistic(bandIntercepts[bands.bandOf(k)] + eta);
        }
        return hazards;
    }

    /**
     * S at the end of intervals 0 … n−1. Beyond the horizon K the last band's hazard is carried forward
     * (the baseline bands are open-ended); callers that show such values must say they extrapolate.
     */
    public double[] survivalCurve(double[] covariates, int intervals) {
        double eta = linearPredictor(covariates);
        double[] survival = new double[intervals];
        // The hazard is constant within a band: one logistic per band, not per interval (prediction hot path).
        List<Integer> starts = bands.starts();
        double s = 1;
        int band = 0;
        double stay = 1 - logistic(bandIntercepts[0] + eta);
        for (int k = 0; k < intervals; k++) {
            if (band + 1 < starts.size() && k >= starts.get(band + 1)) {
                band++;
                stay = 1 - logistic(bandIntercepts[band] + eta);
            }
            s *= stay;
            survival[k] = s;
        }
        return survival;
    }

    /** S at the end of each interval 0 … K: {@code S(t_k) = Π_{j ≤ k} (1 − h_j)}. */
    public double[] survivalCurve(double[] covariates) {
        double[] hazards = intervalHazards(covariates);
        double[] survival = new double[hazards.length];
        double s = 1;
        for (int k = 0; k < hazards.length; k++) {
            s *= 1 - hazards[k];
            survival[k] = s;
        }
        return survival;
    }

    /** S(t) at {@code months} ∈ [0, horizon], geometric within an interval. */
    public double survival(double[] covariates, double months) {
        if (!(months >= 0) || months > horizonMonths()) {
            throw new IllegalArgumentException("survival is defined on [0, " + horizonMonths()
                    + "] months (the training follow-up), asked for " + months);
        }
        double[] hazards = intervalHazards(covariates);
        double position = months / expansion.intervalMonths();
        int complete = Math.min((int) Math.floor(position), hazards.length);
        double s = 1;
        for (int k = 0; k < complete; k++) {
            s *= 1 - hazards[k];
        }
        double fraction = position - complete;
        return fraction > 0 ? s * Math.pow(1 - hazards[complete], fraction) : s;
    }

    /** Median survival time in months, NaN when S(t) stays above 1/2 up to the horizon. */
    public double median(double[] covariates) {
        double[] hazards = intervalHazards(covariates);
        double before = 1;
        for (int k = 0; k < hazards.length; k++) {
            double after = before * (1 - hazards[k]);
            if (after <= 0.5) {
                double fraction = Math.log(0.5 / before) / Math.log(1 - hazards[k]);
                return (k + fraction) * expansion.intervalMonths();
            }
            before = after;
        }
        return Double.NaN;
    }

    /** K: the last interval with training rows. */
    public int horizonInterval() {
        return horizonInterval;
    }

    /** End of the last interval with training rows, in months: the model's time support. */
    public double horizonMonths() {
        return (horizonInterval + 1) * expansion.intervalMonths();
    }

    public PersonPeriodExpansion expansion() {
        return expansion;
    }

    public BaselineBands bands() {
        return bands;
    }

    /** The per-band intercept offsets added to the Tribuo model's logit. */
    public double[] bandOffsets() {
        return bandOffsets.clone();
    }

    public TrainingSummary summary() {
        return summary;
    }

    /** The underlying Tribuo model (trained on standardised covariates and band indicators). */
    public LinearSGDModel tribuoModel() {
        return tribuoModel;
    }

    /** Tribuo's provenance of the fit: data source, trainer and optimiser settings, run provenance. */
    public ModelProvenance provenance() {
        return tribuoModel.getProvenance();
    }

    /**
     * The Tribuo example this model scores for a subject in interval k: standardised covariates and the
     * band indicator. With p the "event" score of {@code tribuoModel().predict(example(x, k))},
     * {@code logit h_k(x) = logit p + bandOffsets()[band of k]}.
     */
    public Example<Label> example(double[] covariates, int interval) {
        checkInterval(interval);
        checkLength(covariates);
        double[] standardised = new double[covariates.length];
        for (int j = 0; j < covariates.length; j++) {
            standardised[j] = (covariates[j] - means[j]) / scales[j];
        }
        return example(LabelFactory.UNKNOWN_LABEL, 1, covariateNames, standardised, bands.bandOf(interval));
    }

    /** A person-period example as the trainer builds it. */
    static ArrayExample<Label> example(Label label, float weight, List<String> names, double[] standardised,
                                       int band) {
        // Built from arrays: ArrayExample sorts once, where add() would re-sort after every feature.
        String[] featureNames = new String[standardised.length + 1];
        double[] values = new double[standardised.length + 1];
        for (int j = 0; j < standardised.length; j++) {
            featureNames[j] = covariateFeature(names.get(j));
            values[j] = standardised[j];
        }
        featureNames[standardised.length] = bandFeature(band);
        values[standardised.length] = 1;
        ArrayExample<Label> example = new ArrayExample<>(label, featureNames, values);
        example.setWeight(weight);
        return example;
    }

    /**
     * The model as bytes: a JSON document holding the person-period layout, standardisation, band offsets
     * and training summary, with the Tribuo model in Tribuo's own protobuf serialisation (base64).
     */
    public byte[] serialize() {
        Envelope envelope = new Envelope(FORMAT_VERSION, expansion.intervalMonths(), bands.starts(), horizonInterval,
                covariateNames, means, scales, bandOffsets, summary, tribuoModel.serialize().toByteArray());
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException("serialising a survival model", e);
        }
    }

    /** Reads a model written by {@link #serialize()}. */
    public static DiscreteTimeSurvivalModel deserialize(byte[] bytes) {
        Envelope envelope;
        Model<?> model;
        try {
            envelope = JSON.readValue(bytes, Envelope.class);
            if (envelope.format() != FORMAT_VERSION) {
                throw new IllegalArgumentException("unsupported survival model format " + envelope.format());
            }
            model = Model.deserialize(ModelProto.parseFrom(envelope.tribuoModel()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("the embedded Tribuo model is not a valid ModelProto", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a serialised discrete-time survival model", e);
        }
        if (!(model instanceof LinearSGDModel)) {
            throw new IllegalArgumentException("expected a Tribuo LinearSGDModel, got " + model.getClass().getName());
        }
        return new DiscreteTimeSurvivalModel((LinearSGDModel) model, envelope.covariateNames(), envelope.means(),
                envelope.scales(), new PersonPeriodExpansion(envelope.intervalMonths()),
                new BaselineBands(envelope.bandStarts()), envelope.horizonInterval(), envelope.bandOffsets(),
                envelope.summary());
    }

    static String covariateFeature(String name) {
        return COVARIATE_PREFIX + name;
    }

    static String bandFeature(int band) {
        return BAND_PREFIX + band;
    }

    private int indexOf(String term) {
        int index = covariateNames.indexOf(term);
        if (index < 0) {
            throw new IllegalArgumentException("no covariate '" + term + "'; the model has " + covariateNames);
        }
        return index;
    }

    private void checkLength(double[] covariates) {
        if (covariates.length != coefficients.length) {
            throw new IllegalArgumentException("expected " + coefficients.length + " covariates " + covariateNames
                    + ", got " + covariates.length);
        }
    }

    private void checkInterval(int interval) {
        if (interval < 0 || interval > horizonInterval) {
            throw new IllegalArgumentException("interval must be in [0, " + horizonInterval + "], got " + interval);
        }
    }

    private static double logistic(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }

    /** The serialised form; field names are the JSON keys. */
    record Envelope(int format, double intervalMonths, List<Integer> bandStarts, int horizonInterval,
                    List<String> covariateNames, double[] means, double[] scales, double[] bandOffsets,
                    TrainingSummary summary, byte[] tribuoModel) {
    }
}
