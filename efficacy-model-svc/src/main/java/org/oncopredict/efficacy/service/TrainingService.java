package org.oncopredict.efficacy.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.oncopredict.efficacy.catalogue.RegimenCatalogue;
import org.oncopredict.efficacy.features.FeatureEncoder;
import org.oncopredict.efficacy.features.FeatureSchema;
import org.oncopredict.efficacy.model.BaseLearner;
import org.oncopredict.efficacy.model.EvaluationReport;
import org.oncopredict.efficacy.model.Learner;
import org.oncopredict.efficacy.model.ModelArtifact;
import org.oncopredict.efficacy.model.ModelDescription;
import org.oncopredict.efficacy.model.ModelEvaluation;
import org.oncopredict.efficacy.model.OutcomeModel;
import org.oncopredict.efficacy.model.OutcomeModelTrainer;
import org.oncopredict.efficacy.model.Platt;
import org.oncopredict.efficacy.model.TrainingConfig;
import org.oncopredict.efficacy.model.TrainingMonitor;
import org.oncopredict.efficacy.profiles.ProfileClient;
import org.oncopredict.efficacy.registry.GateRefusedException;
import org.oncopredict.efficacy.registry.ModelRegistry;
import org.oncopredict.efficacy.registry.NewModelVersion;
import org.oncopredict.efficacy.registry.QualityFigures;
import org.oncopredict.efficacy.registry.TrainingJobs;
import org.oncopredict.efficacy.training.LineOutcome;
import org.oncopredict.efficacy.training.TherapyLineRows;
import org.oncopredict.proto.efficacy.v1.CohortSource;
import org.oncopredict.proto.efficacy.v1.RecalibrateModelRequest;
import org.oncopredict.proto.efficacy.v1.TrainRequest;

/**
 * Training and site recalibration as jobs: one at a time on a dedicated thread (training uses every core),
 * progress and cancellation through {@link TrainingJobs}. The model is registered only when everything
 * succeeded, so a failed or cancelled job leaves the registry unchanged.
 */
@ApplicationScoped
public class TrainingService {

    private static final Logger LOG = Logger.getLogger(TrainingService.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    TrainingJobs jobs;
    @Inject
    ModelRegistry registry;
    @Inject
    ProfileClient profiles;
    @Inject
    RegimenCatalogue catalogue;
    @Inject
    ModelStore models;
    @Inject
    FeatureEncoder encoder;
    @Inject
    MeterRegistry meters;
    @Inject
    Tracer tracer;

    @ConfigProperty(name = "oncopredict.training.max-profiles", defaultValue = "200000")
    int maxProfiles;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "training-jobs");
        t.setDaemon(true);
        return t;
    });

    void shutdown(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /** Validates the request, records a QUEUED job and schedules it. */
    public UUID train(TrainRequest request, String actor) {
        TrainingConfig config = config(request);
        CohortSource source = cohortSource(request.hasCohort(), request.hasTrial(), request.getCohort());
        UUID id = jobs.create(actor, json(Map.of("kind", "TRAIN", "learner", config.learner().name(),
                "bootstrap_replicates", config.bootstrapReplicates(), "seed", config.seed(),
                "holdout_fraction", config.holdoutFraction(), "filter", describe(source.getFilter()),
                "activate_if_gate_passes", request.getActivateIfGatePasses())));
        // The job's span is a child of the Train call's (the job outlives the call): Context.current().wrap.
        executor.submit(Context.current().wrap(() -> run(id, "TRAIN",
                () -> trainJob(id, config, source, request.getActivateIfGatePasses(), actor))));
        return id;
    }

    /** Site recalibration: refits the Platt calibration of a model on a site's own outcomes. */
    public UUID recalibrate(RecalibrateModelRequest request, String actor) {
        CohortSource source = cohortSource(request.hasCohort(), request.hasTrial(), request.getCohort());
        ModelStore.Loaded parent = models.load(request.hasVersion() ? OptionalLong.of(request.getVersion())
                : OptionalLong.empty());
        UUID id = jobs.create(actor, json(Map.of("kind", "RECALIBRATE", "parent_version", parent.version().version(),
                "filter", describe(source.getFilter()))));
        executor.submit(Context.current().wrap(() -> run(id, "RECALIBRATE",
                () -> recalibrateJob(id, parent, source, actor))));
        return id;
    }

    static TrainingConfig config(TrainRequest request) {
        TrainingConfig config = TrainingConfig.DEFAULT;
        switch (request.getBaseLearner()) {
            case BASE_LEARNER_XGBOOST -> config = config.withBaseLearner(BaseLearner.XGBOOST);
            case BASE_LEARNER_LOGISTIC_SGD, BASE_LEARNER_UNSPECIFIED ->
                    config = config.withBaseLearner(BaseLearner.LOGISTIC_SGD);
            default -> throw EfficacyException.invalid("base_learner", "unknown base learner "
                    + request.getBaseLearnerValue());
        }
        switch (request.getLearner()) {
            case LEARNER_T -> config = config.withLearner(Learner.T_LEARNER);
            case LEARNER_S, LEARNER_UNSPECIFIED -> config = config.withLearner(Learner.S_LEARNER);
            default -> throw EfficacyException.invalid("learner", "unknown learner " + request.getLearnerValue());
        }
        int b = request.getBootstrapReplicates();
        if (b != 0 && (b < 2 || b > 200)) {
            throw EfficacyException.invalid("bootstrap_replicates", "must be 0 (default 20) or between 2 and 200, got " + b);
        }
        if (b != 0) {
            config = config.withReplicates(b);
        }
        double holdout = request.getHoldoutFraction();
        if (holdout != 0 && !(holdout >= 0.05 && holdout <= 0.5)) {
            throw EfficacyException.invalid("holdout_fraction", "must be 0 (default 0.2) or between 0.05 and 0.5, got "
                    + holdout);
        }
        if (holdout != 0) {
            config = config.withHoldoutFraction(holdout);
        }
        // An absent seed gets a random one, recorded in the model card so that the fit can be repeated.
        return config.withSeed(request.hasSeed() ? request.getSeed() : new java.security.SecureRandom().nextLong());
    }

    private static CohortSource cohortSource(boolean hasCohort, boolean hasTrial, CohortSource cohort) {
        if (hasTrial) {
            throw new EfficacyException(EfficacyException.Reason.UNIMPLEMENTED, "trial",
                    "training the per-patient outcome models from a trial table is not implemented yet: a trial table "
                            + "carries its own covariates, not the profile features the models use. Trial tables are "
                            + "analysed in-process by TrialImporter and the discrete-time survival trainer");
        }
        if (!hasCohort) {
            throw EfficacyException.invalid("source", "a cohort source is required");
        }
        if (cohort.getMaxProfiles() < 0) {
            throw EfficacyException.invalid("cohort.max_profiles", "must be >= 0");
        }
        return cohort;
    }

    private interface Job {
        void run() throws Exception;
    }

    /**
     * Runs a job in span {@code efficacy.training.job} (attributes {@code oncopredict.job.id}, {@code .kind}, and
     * {@code oncopredict.model.version} of the registered model) and times it in {@code oncopredict.training.duration}
     * (tags {@code kind}, {@code outcome}: succeeded, failed, cancelled).
     */
    private void run(UUID id, String kind, Job job) {
        try {
            jobs.start(id);
        } catch (RuntimeException e) {
            LOG.infof("training job %s not started: %s", id, e.getMessage());
            return;
        }
        Span span = tracer.spanBuilder("efficacy.training.job").setAttribute("oncopredict.job.id", id.toString())
                .setAttribute("oncopredict.job.kind", kind).startSpan();
        long t0 = System.nanoTime();
        String outcome = "succeeded";
        try (Scope ignored = span.makeCurrent()) {
            job.run();
        } catch (CancellationException e) {
            outcome = "cancelled";
            jobs.cancelled(id);
            LOG.infof("training job %s cancelled", id);
        } catch (Exception e) {
            outcome = "failed";
            // Messages here name data problems (counts, regimens, fields), never patient data.
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warnf("training job %s failed: %s", id, message);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            jobs.fail(id, message);
        } finally {
            span.setAttribute("oncopredict.job.outcome", outcome);
            span.end();
            Timer.builder("oncopredict.training.duration").description("Training and recalibration job run time")
                    .tag("kind", kind).tag("outcome", outcome).publishPercentileHistogram()
                    .minimumExpectedValue(java.time.Duration.ofSeconds(1)).maximumExpectedValue(java.time.Duration.ofHours(2))
                    .register(meters).record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private List<LineOutcome> stream(UUID id, CohortSource source, Map<String, Integer> skipped) {
        return stream(id, source, skipped, new java.time.LocalDate[2]);
    }

    /** The cohort's training rows; {@code period} receives the earliest and latest therapy-line start seen. */
    private List<LineOutcome> stream(UUID id, CohortSource source, Map<String, Integer> skipped,
                                     java.time.LocalDate[] period) {
        jobs.progress(id, "streaming the cohort from patient-profile-svc", 1);
        TherapyLineRows extractor = new TherapyLineRows(encoder);
        List<LineOutcome> rows = new ArrayList<>();
        int limit = source.getMaxProfiles() == 0 ? maxProfiles : Math.min(source.getMaxProfiles(), maxProfiles);
        // De-identified: the models need no identity, and patient keys are the pseudonyms.
        int[] seen = {0};
        profiles.streamCohort(source.getFilter(), true, limit, profile -> {
            // One look at the cancel flag per 1,000 profiles, not a query per profile.
            if (++seen[0] % 1000 == 0 && jobs.cancelRequested(id)) {
                throw new CancellationException("training cancelled");
            }
            rows.addAll(extractor.rows(profile.getPatientId(), profile));
            for (var line : profile.getHistory().getTherapyLinesList()) {
                org.oncopredict.efficacy.catalogue.IsoDates.date(line.getStartDate()).ifPresent(d -> {
                    if (period[0] == null || d.isBefore(period[0])) {
                        period[0] = d;
                    }
                    if (period[1] == null || d.isAfter(period[1])) {
                        period[1] = d;
                    }
                });
            }
        });
        skipped.putAll(extractor.skipped());
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the cohort has no usable therapy lines (filter: "
                    + describe(source.getFilter()) + ")");
        }
        return rows;
    }

    private void trainJob(UUID id, TrainingConfig config, CohortSource source, boolean activate, String actor) {
        Map<String, Integer> skipped = new LinkedHashMap<>();
        java.time.LocalDate[] period = new java.time.LocalDate[2];
        List<LineOutcome> rows = stream(id, source, skipped, period);
        OutcomeModel model = new OutcomeModelTrainer(config).train(rows,
                "StreamCohort (" + describe(source.getFilter()) + ")", skipped, monitor(id));
        Map<String, Object> extra = new LinkedHashMap<>();
        if (period[0] != null) {
            // The stream is de-identified (dates shifted per patient by 1–365 days), so the period is approximate.
            extra.put("data_period", Map.of("first_line_start", period[0].toString(),
                    "last_line_start", period[1].toString(), "precision_days", 365,
                    "note", "from de-identified dates, each shifted per patient by up to 365 days"));
        }
        long version = register(id, model, NewModelVersion.TRAINED, null, actor, extra);
        finish(id, version, activate, actor);
    }

    private void recalibrateJob(UUID id, ModelStore.Loaded parent, CohortSource source, String actor) {
        Map<String, Integer> skipped = new LinkedHashMap<>();
        List<LineOutcome> rows = stream(id, source, skipped);
        OutcomeModel model = parent.model();
        // Half of the site's patients refit the calibration, the other half measure it before and after, so
        // the figures the gate sees are not measured on the lines they were fitted on.
        List<LineOutcome> fit = new ArrayList<>();
        List<LineOutcome> check = new ArrayList<>();
        for (LineOutcome row : rows) {
            (OutcomeModelTrainer.splitUnit(model.description().config().seed(), row.patientKey()) < 0.5 ? fit : check)
                    .add(row);
        }
        if (fit.isEmpty() || check.isEmpty()) {
            throw new IllegalArgumentException("the site cohort is too small to refit and check a calibration ("
                    + rows.size() + " lines)");
        }
        jobs.progress(id, "refitting calibration", 50);
        Platt response = model.fitCalibration(true, fit);
        Platt toxicity = model.fitCalibration(false, fit);
        EvaluationReport before = ModelEvaluation.evaluate(model, check, 200, 1);
        ModelDescription d = model.description();
        ModelDescription description = new ModelDescription(d.featureSchema(), d.learner(), d.baseLearner(),
                d.regimens(), d.notModelled(), d.bootstrapReplicates(), d.intervalLevel(), d.trainingLines(),
                fit.size(), check.size(), d.patients(), d.cohortHash(), d.source() + "; recalibrated on a site cohort of "
                + rows.size() + " lines", d.skippedLines(), java.time.Instant.now(), d.config());
        OutcomeModel unevaluated = model.recalibrated(response, toxicity, description, null);
        EvaluationReport after = ModelEvaluation.evaluate(unevaluated, check, 200, 1);
        OutcomeModel recalibrated = model.recalibrated(response, toxicity, description, after);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("recalibration", Map.of("parent_version", parent.version().version(), "site_lines", rows.size(),
                "fit_lines", fit.size(), "check_lines", check.size(),
                "site_cohort_hash", OutcomeModelTrainer.cohortHash(rows),
                "response_platt", response, "toxicity_platt", toxicity, "before", before, "after", after,
                "note", "calibration refitted on half of the site's patients and measured on the other half"));
        long version = register(id, recalibrated, NewModelVersion.RECALIBRATED, parent.version().version(), actor, extra);
        finish(id, version, false, actor);
    }

    private long register(UUID id, OutcomeModel model, String kind, Long parent, String actor, Map<String, Object> extra) {
        jobs.progress(id, "registering the model", 98);
        if (jobs.cancelRequested(id)) {
            throw new CancellationException("training cancelled");
        }
        EvaluationReport e = model.evaluation();
        QualityFigures quality = QualityFigures.of(
                e.response() == null ? null : e.response().auroc().estimate(),
                e.response() == null ? null : e.response().calibrationSlope(),
                e.progressionFree() == null ? null : e.progressionFree().cIndex().estimate());
        ModelDescription d = model.description();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("trainer", "org.oncopredict.efficacy.model.OutcomeModelTrainer");
        provenance.put("tribuo_version", org.tribuo.Tribuo.VERSION);
        provenance.put("feature_schema", FeatureSchema.VERSION);
        provenance.put("catalogue_version", catalogue.version());
        provenance.put("source", d.source());
        provenance.put("cohort_hash", d.cohortHash());
        provenance.put("seed", d.config().seed());
        provenance.put("trained_at", d.trainedAt());
        return registry.register(new NewModelVersion(kind, parent, actor, FeatureSchema.VERSION,
                d.learner().name() + ":" + d.baseLearner(),
                json(d.config()), json(provenance), d.cohortHash(), d.trainingLines(), json(e),
                ModelCards.card(model, catalogue.version(), extra), quality, ModelArtifact.serialize(model)));
    }

    private void finish(UUID id, long version, boolean activate, String actor) {
        Span.current().setAttribute("oncopredict.model.version", version);
        String message = "registered model version " + version + " as a candidate";
        if (activate) {
            try {
                registry.activate(version, actor);
                message = "registered and activated model version " + version;
            } catch (GateRefusedException e) {
                message = "registered model version " + version + " as a candidate; " + e.getMessage();
            }
        }
        jobs.succeed(id, version, message);
    }

    private TrainingMonitor monitor(UUID id) {
        return new TrainingMonitor() {
            private int reported = -1;
            private long checkedAt;
            private boolean cancelled;

            @Override
            public synchronized void progress(String stage, int percent) {
                if (percent > reported) {
                    reported = percent;
                    jobs.progress(id, stage, Math.min(percent, 97));
                }
            }

            @Override
            public synchronized boolean cancelled() {
                // At most one database read per half second, however many fits ask.
                long now = System.nanoTime();
                if (!cancelled && now - checkedAt > 500_000_000L) {
                    checkedAt = now;
                    cancelled = jobs.cancelRequested(id);
                }
                return cancelled;
            }
        };
    }

    /** A cohort filter on one line for job requests, messages and model cards. */
    private static String describe(org.oncopredict.proto.profile.v1.CohortFilter filter) {
        String text = filter.toString().replace('\n', ' ').trim();
        return text.isEmpty() ? "all patients" : text;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }
}
