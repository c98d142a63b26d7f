package org.oncopredict.efficacy.service;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.oncopredict.efficacy.catalogue.Eligibility;
import org.oncopredict.efficacy.catalogue.EligibilityEvaluator;
import org.oncopredict.efficacy.catalogue.Indication;
import org.oncopredict.efficacy.catalogue.Regimen;
import org.oncopredict.efficacy.catalogue.RegimenCatalogue;
import org.oncopredict.efficacy.features.FeatureEncoder;
import org.oncopredict.efficacy.features.FeatureVector;
import org.oncopredict.efficacy.mapping.CatalogueProtoMapper;
import org.oncopredict.efficacy.mapping.PredictionProtoMapper;
import org.oncopredict.efficacy.model.OutcomeModel;
import org.oncopredict.efficacy.model.RegimenOutcome;
import org.oncopredict.proto.efficacy.v1.ModelInfo;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.efficacy.v1.RegimenPrediction;
import org.oncopredict.proto.profile.v1.PatientProfile;

/**
 * Per-regimen predictions for one patient: the catalogue's regimens for the patient's cancer type (or the
 * requested ones), each with its eligibility and reasons, the model's outcomes with intervals,
 * explanations and support. Ineligible regimens are kept, ranked after the eligible ones.
 *
 * <p>Ranking: the predicted 24-month restricted mean PFS (months progression-free in the first two
 * years); regimens without a PFS model rank by response probability after those with one.
 */
@ApplicationScoped
public class PredictionService {

    public static final int DEFAULT_TOP_K = 5;
    public static final int MAX_TOP_K = 50;
    public static final int RANK_HORIZON_MONTHS = 24;

    @Inject
    RegimenCatalogue catalogue;
    @Inject
    ModelStore models;
    @Inject
    EligibilityEvaluator eligibility;
    @Inject
    FeatureEncoder encoder;
    @Inject
    MeterRegistry meters;

    private Timer duration;

    @PostConstruct
    void metrics() {
        duration = Timer.builder("oncopredict.prediction.duration")
                .description("Time to predict one patient (every requested regimen), single or in a batch")
                .publishPercentileHistogram().minimumExpectedValue(java.time.Duration.ofNanos(100_000))
                .maximumExpectedValue(java.time.Duration.ofSeconds(10)).register(meters);
    }

    /** Parses an ISO date request field; empty means today. */
    public static LocalDate asOf(String iso, String field) {
        if (iso == null || iso.isBlank()) {
            return LocalDate.now();
        }
        try {
            return LocalDate.parse(iso);
        } catch (DateTimeParseException e) {
            throw EfficacyException.invalid(field, "must be an ISO-8601 date (YYYY-MM-DD), got '" + iso + "'");
        }
    }

    /** The regimens to predict: the requested ids (validated) or every catalogue regimen for the cancer type. */
    public List<Regimen> regimens(PatientProfile profile, List<String> requested) {
        if (requested.isEmpty()) {
            return catalogue.forCancerType(profile.getCancer().getCancerType());
        }
        List<Regimen> regimens = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String id = requested.get(i);
            int index = i;
            regimens.add(catalogue.find(id).orElseThrow(() -> EfficacyException.invalid("regimen_ids[" + index + "]",
                    "unknown regimen '" + id + "'; see ListRegimens for the catalogue")));
        }
        return regimens;
    }

    /** One patient's predictions in span {@code efficacy.predict} (pseudonym, model version, regimen count). */
    @WithSpan("efficacy.predict")
    public PredictTreatmentOutcomesResponse predict(PatientProfile profile, LocalDate asOf, List<String> regimenIds,
                                                    OptionalLong version, boolean monthlyCurve, int topK) {
        ModelStore.Loaded loaded = models.load(version);
        PredictTreatmentOutcomesResponse response = predict(profile, asOf, regimenIds, loaded, monthlyCurve, topK);
        Span.current().setAttribute("oncopredict.patient.pseudonym", profile.getPatientId())
                .setAttribute("oncopredict.model.version", loaded.version().version())
                .setAttribute("oncopredict.regimen.count", (long) response.getPredictionsCount());
        return response;
    }

    /**
     * As above with the model already loaded: a batch of patients is predicted by one model throughout. Timed in
     * {@code oncopredict.prediction.duration}.
     */
    public PredictTreatmentOutcomesResponse predict(PatientProfile profile, LocalDate asOf, List<String> regimenIds,
                                                    ModelStore.Loaded loaded, boolean monthlyCurve, int topK) {
        long t0 = System.nanoTime();
        try {
            return predictTimed(profile, asOf, regimenIds, loaded, monthlyCurve, topK);
        } finally {
            duration.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private PredictTreatmentOutcomesResponse predictTimed(PatientProfile profile, LocalDate asOf,
                                                          List<String> regimenIds, ModelStore.Loaded loaded,
                                                          boolean monthlyCurve, int topK) {
        if (topK < 0 || topK > MAX_TOP_K) {
            throw EfficacyException.invalid("explanation_top_k", "must be between 0 and " + MAX_TOP_K + ", got " + topK);
        }
        List<Regimen> regimens = regimens(profile, regimenIds);
        ModelInfo info = PredictionProtoMapper.modelInfo(loaded.version(), loaded.model().description(), catalogue.version());
        PredictTreatmentOutcomesResponse.Builder response = PredictTreatmentOutcomesResponse.newBuilder()
                .setPatientId(profile.getPatientId()).setModel(info).setAsOfDate(asOf.toString());
        if (regimens.isEmpty()) {
            response.addWarnings("the catalogue has no regimen for this cancer type");
        }
        FeatureVector features = encoder.encode(profile, asOf);
        if (!features.imputed().isEmpty()) {
            response.addWarnings("missing data replaced by documented defaults: " + String.join(", ", features.imputed()));
        }
        List<Eligibility> eligibilities = eligibility.evaluate(profile, regimens, asOf);
        List<RegimenPrediction> predictions = new ArrayList<>();
        for (int i = 0; i < regimens.size(); i++) {
            predictions.add(predict(profile, features, regimens.get(i), eligibilities.get(i), loaded.model(),
                    monthlyCurve, topK == 0 ? DEFAULT_TOP_K : topK));
        }
        predictions.sort(Comparator.comparing((RegimenPrediction p) -> !isEligible(p))
                .thenComparing(Comparator.comparingDouble(RegimenPrediction::getRankScore).reversed())
                .thenComparing(RegimenPrediction::getRegimenId));
        for (int i = 0; i < predictions.size(); i++) {
            response.addPredictions(predictions.get(i).toBuilder().setRank(i + 1));
        }
        return response.build();
    }

    RegimenPrediction predict(PatientProfile profile, FeatureVector features, Regimen regimen, Eligibility eligible,
                              OutcomeModel model, boolean monthlyCurve, int topK) {
        RegimenPrediction.Builder b = RegimenPrediction.newBuilder().setRegimenId(regimen.id())
                .setRegimenName(regimen.name()).setEligibility(CatalogueProtoMapper.toProto(eligible));
        Optional<Indication> indication = eligible.indication().or(() ->
                regimen.indicationsFor(profile.getCancer().getCancerType()).stream().findFirst());
        indication.ifPresent(i -> b.setEvidenceLevel(i.evidenceLevel().code()).setEvidenceSource(i.source()));
        Optional<RegimenOutcome> outcome = model.predict(features, regimen.id(), regimen.name());
        if (outcome.isEmpty()) {
            b.addSupportWarnings("prediction unavailable: the model was not trained on " + regimen.name()
                    + " (no or too few treated patients)");
            b.setSupport(org.oncopredict.proto.efficacy.v1.Support.SUPPORT_OUT_OF_DISTRIBUTION);
            b.setRankScore(-1);
            return b.build();
        }
        RegimenOutcome o = outcome.get();
        if (o.response() != null) {
            b.setResponse(PredictionProtoMapper.probability(o.response()))
                    .setResponseExplanation(PredictionProtoMapper.explanation(o.responseExplanation(), topK));
        }
        if (o.severeToxicity() != null) {
            b.setSevereToxicity(PredictionProtoMapper.probability(o.severeToxicity()))
                    .setToxicityExplanation(PredictionProtoMapper.explanation(o.toxicityExplanation(), topK));
        }
        if (o.progressionFreeSurvival() != null) {
            b.setProgressionFreeSurvival(PredictionProtoMapper.survival(o.progressionFreeSurvival(), monthlyCurve));
            b.setRankScore(o.progressionFreeSurvival().restrictedMean(RANK_HORIZON_MONTHS));
            if (o.progressionFreeSurvival().horizonMonths() < RANK_HORIZON_MONTHS) {
                b.addSupportWarnings(String.format("PFS beyond %.0f months is extrapolated (training follow-up)",
                        o.progressionFreeSurvival().horizonMonths()));
            }
        } else if (o.response() != null) {
            b.setRankScore(o.response().estimate() / 100);
        }
        if (o.overallSurvival() != null) {
            b.setOverallSurvival(PredictionProtoMapper.survival(o.overallSurvival(), monthlyCurve));
        }
        return b.setComparablePatients(o.comparablePatients()).setSupport(PredictionProtoMapper.support(o.support()))
                .addAllSupportWarnings(o.supportWarnings()).build();
    }

    private static boolean isEligible(RegimenPrediction p) {
        return switch (p.getEligibility().getStatus()) {
            case ELIGIBILITY_STATUS_ELIGIBLE, ELIGIBILITY_STATUS_ELIGIBLE_WITH_CAUTIONS -> true;
            default -> false;
        };
    }
}
