package org.oncopredict.efficacy.grpc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.opentelemetry.api.trace.Span;
import org.oncopredict.auth.Callers;
import org.oncopredict.auth.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import org.oncopredict.efficacy.catalogue.RegimenCatalogue;
import org.oncopredict.efficacy.mapping.CatalogueProtoMapper;
import org.oncopredict.efficacy.mapping.PredictionProtoMapper;
import org.oncopredict.efficacy.profiles.ProfileClient;
import org.oncopredict.efficacy.registry.GateDecision;
import org.oncopredict.efficacy.registry.ModelRegistry;
import org.oncopredict.efficacy.registry.ModelVersionSummary;
import org.oncopredict.efficacy.registry.QualityGate;
import org.oncopredict.efficacy.registry.TrainingJobs;
import org.oncopredict.efficacy.service.CohortPredictionService;
import org.oncopredict.efficacy.service.EfficacyException;
import org.oncopredict.efficacy.service.ModelCards;
import org.oncopredict.efficacy.service.ModelStore;
import org.oncopredict.efficacy.service.PredictionService;
import org.oncopredict.efficacy.service.TrainingService;
import org.oncopredict.proto.efficacy.v1.ActivateModelRequest;
import org.oncopredict.proto.efficacy.v1.ActivateModelResponse;
import org.oncopredict.proto.efficacy.v1.CancelTrainingJobRequest;
import org.oncopredict.proto.efficacy.v1.EfficacyModelServiceGrpc;
import org.oncopredict.proto.efficacy.v1.GateCheck;
import org.oncopredict.proto.efficacy.v1.GetModelCardRequest;
import org.oncopredict.proto.efficacy.v1.GetTrainingJobRequest;
import org.oncopredict.proto.efficacy.v1.JobKind;
import org.oncopredict.proto.efficacy.v1.JobState;
import org.oncopredict.proto.efficacy.v1.ListModelsRequest;
import org.oncopredict.proto.efficacy.v1.ListModelsResponse;
import org.oncopredict.proto.efficacy.v1.ListRegimensRequest;
import org.oncopredict.proto.efficacy.v1.ListRegimensResponse;
import org.oncopredict.proto.efficacy.v1.ModelCard;
import org.oncopredict.proto.efficacy.v1.ModelVersion;
import org.oncopredict.proto.efficacy.v1.PatientPredictions;
import org.oncopredict.proto.efficacy.v1.PredictCohortRequest;
import org.oncopredict.proto.efficacy.v1.PredictCohortResponse;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesRequest;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.efficacy.v1.PredictionBatch;
import org.oncopredict.proto.efficacy.v1.RecalibrateModelRequest;
import org.oncopredict.proto.efficacy.v1.RollbackModelRequest;
import org.oncopredict.proto.efficacy.v1.StreamPredictionsRequest;
import org.oncopredict.proto.efficacy.v1.TrainRequest;
import org.oncopredict.proto.efficacy.v1.TrainingJob;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.PatientProfile;

/**
 * {@code oncology.efficacy.v1.EfficacyModelService}. Model work is CPU-bound, so every RPC runs on a
 * worker thread ({@link Blocking}); errors map through {@link GrpcErrors}.
 */
@GrpcService
@Blocking
public class EfficacyGrpcService extends EfficacyModelServiceGrpc.EfficacyModelServiceImplBase {

    static final int STREAM_BATCH = 100;
    /** Read-only reference data (catalogue, model cards) is open to every role of the realm. */
    private static final String[] ANY_ROLE = Roles.ALL.toArray(String[]::new);
    /** Batch predictions use every core, in a pool of their own so that other RPCs' workers stay free. */
    private static final ForkJoinPool PREDICTION_POOL =
            new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 200;

    @Inject
    PredictionService predictions;
    @Inject
    CohortPredictionService cohorts;
    @Inject
    TrainingService training;
    @Inject
    TrainingJobs jobs;
    @Inject
    ModelRegistry registry;
    @Inject
    QualityGate gate;
    @Inject
    ProfileClient profiles;
    @Inject
    RegimenCatalogue catalogue;
    @Inject
    ModelStore models;

    @Override
    public void predictTreatmentOutcomes(PredictTreatmentOutcomesRequest request,
                                         StreamObserver<PredictTreatmentOutcomesResponse> observer) {
        unary(observer, () -> {
            Callers.current().require("PredictTreatmentOutcomes", Roles.ONCOLOGIST, Roles.TUMOR_BOARD);
            Span server = Span.current();
            PatientProfile profile = switch (request.getPatientCase()) {
                case PATIENT_ID -> {
                    if (request.getPatientId().isBlank()) {
                        throw EfficacyException.invalid("patient_id", "must not be blank");
                    }
                    yield profiles.get(request.getPatientId()).orElseThrow(() ->
                            EfficacyException.notFound("patient " + request.getPatientId() + " does not exist"));
                }
                case PROFILE -> {
                    if (request.getProfile().getCancer().getCancerType() == CancerType.CANCER_TYPE_UNSPECIFIED) {
                        throw EfficacyException.invalid("profile.cancer.cancer_type", "is required");
                    }
                    yield request.getProfile();
                }
                case PATIENT_NOT_SET -> throw EfficacyException.invalid("patient", "set patient_id or profile");
            };
            PredictTreatmentOutcomesResponse response = predictions.predict(profile,
                    PredictionService.asOf(request.getAsOfDate(), "as_of_date"), request.getRegimenIdsList(),
                    version(request.hasModelVersion(), request.getModelVersion()), request.getIncludeMonthlyCurve(),
                    request.getExplanationTopK());
            // The RPC's server span: pseudonym, model version, regimen count only (never a name, MRN or date).
            server.setAttribute("oncopredict.patient.pseudonym", response.getPatientId())
                    .setAttribute("oncopredict.model.version", response.getModel().getVersion())
                    .setAttribute("oncopredict.regimen.count", (long) response.getPredictionsCount());
            return response;
        });
    }

    @Override
    public void predictCohort(PredictCohortRequest request, StreamObserver<PredictCohortResponse> observer) {
        unary(observer, () -> {
            Callers.current().require("PredictCohort", Roles.ONCOLOGIST, Roles.DATA_SCIENTIST);
            return cohorts.predict(request.getFilter(), request.getRegimenIdsList(),
                version(request.hasModelVersion(), request.getModelVersion()), request.getMaxPatients(),
                PredictionService.asOf(request.getAsOfDate(), "as_of_date"));
        });
    }

    @Override
    public void streamPredictions(StreamPredictionsRequest request, StreamObserver<PredictionBatch> observer) {
        try {
            Callers.current().require("StreamPredictions", Roles.DATA_SCIENTIST, Roles.SERVICE);
            boolean byIds = request.getPatientIdsCount() > 0;
            if (byIds == request.hasFilter()) {
                throw EfficacyException.invalid("patient_ids", "set exactly one of patient_ids and filter");
            }
            if (request.getMaxPatients() < 0) {
                throw EfficacyException.invalid("max_patients", "must be >= 0 (0: no limit)");
            }
            LocalDate asOf = PredictionService.asOf(request.getAsOfDate(), "as_of_date");
            // Loaded once: every batch of the stream comes from the same model version.
            ModelStore.Loaded model =
                    models.load(version(request.hasModelVersion(), request.getModelVersion()));
            boolean explain = request.getIncludeExplanations();
            ServerCallStreamObserver<PredictionBatch> call = (ServerCallStreamObserver<PredictionBatch>) observer;
            List<PatientProfile> pending = new ArrayList<>(STREAM_BATCH);
            List<PatientPredictions> missing = new ArrayList<>();
            boolean[] first = {true};
            // A batch's patients are predicted in parallel (the work is CPU-bound and independent); order kept.
            Runnable flush = () -> {
                if (call.isCancelled()) {
                    throw new CancellationException("client cancelled");
                }
                List<PredictTreatmentOutcomesResponse> results = PREDICTION_POOL.submit(() -> pending.parallelStream()
                        .map(profile -> predictions.predict(profile, asOf, request.getRegimenIdsList(), model, false,
                                PredictionService.DEFAULT_TOP_K)).toList()).join();
                PredictionBatch.Builder batch = PredictionBatch.newBuilder().addAllPatients(missing);
                if (first[0] && !results.isEmpty()) {
                    batch.setModel(results.get(0).getModel());
                    first[0] = false;
                }
                for (PredictTreatmentOutcomesResponse r : results) {
                    PatientPredictions.Builder p = PatientPredictions.newBuilder().setPatientId(r.getPatientId())
                            .addAllWarnings(r.getWarningsList());
                    r.getPredictionsList().forEach(prediction -> p.addPredictions(explain ? prediction
                            : prediction.toBuilder().clearResponseExplanation().clearToxicityExplanation().build()));
                    batch.addPatients(p);
                }
                observer.onNext(batch.build());
                pending.clear();
                missing.clear();
            };
            Consumer<PatientProfile> collect = profile -> {
                pending.add(profile);
                if (pending.size() + missing.size() >= STREAM_BATCH) {
                    flush.run();
                }
            };
            if (byIds) {
                for (String id : request.getPatientIdsList()) {
                    Optional<PatientProfile> profile = profiles.getForBatch(id);
                    if (profile.isPresent()) {
                        collect.accept(profile.get());
                    } else {
                        missing.add(PatientPredictions.newBuilder().setPatientId(id).setError("patient not found").build());
                    }
                }
            } else {
                profiles.streamCohort(request.getFilter(), false, request.getMaxPatients(), collect);
            }
            if (!pending.isEmpty() || !missing.isEmpty() || first[0]) {
                flush.run();
            }
            observer.onCompleted();
        } catch (CancellationException e) {
            // The client went away; nothing to send.
        } catch (CompletionException e) {
            observer.onError(GrpcErrors.toStatus(e.getCause()));
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toStatus(e));
        }
    }

    @Override
    public void train(TrainRequest request, StreamObserver<TrainingJob> observer) {
        unary(observer, () -> {
            requireTrainer(request.getActivateIfGatePasses());
            return job(training.train(request, Callers.current().subject()));
        });
    }

    @Override
    public void recalibrateModel(RecalibrateModelRequest request, StreamObserver<TrainingJob> observer) {
        unary(observer, () -> {
            Callers.current().require("RecalibrateModel", Roles.DATA_SCIENTIST);
            return job(training.recalibrate(request, Callers.current().subject()));
        });
    }

    @Override
    public void getTrainingJob(GetTrainingJobRequest request, StreamObserver<TrainingJob> observer) {
        unary(observer, () -> {
            Callers.current().require("GetTrainingJob", Roles.DATA_SCIENTIST, Roles.ADMIN);
            return job(jobId(request.getJobId()));
        });
    }

    @Override
    public void cancelTrainingJob(CancelTrainingJobRequest request, StreamObserver<TrainingJob> observer) {
        unary(observer, () -> {
            Callers.current().require("CancelTrainingJob", Roles.DATA_SCIENTIST, Roles.ADMIN);
            UUID id = jobId(request.getJobId());
            job(id);
            jobs.requestCancel(id);
            return job(id);
        });
    }

    @Override
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> observer) {
        unary(observer, () -> {
            Callers.current().require("ListModels", Roles.DATA_SCIENTIST, Roles.ADMIN);
            int size = request.getPageSize() == 0 ? DEFAULT_PAGE_SIZE : request.getPageSize();
            if (size < 1 || size > MAX_PAGE_SIZE) {
                throw EfficacyException.invalid("page_size", "must be between 1 and " + MAX_PAGE_SIZE);
            }
            // Versions only grow and the list is newest first: the token is the last version returned.
            long after = Long.MAX_VALUE;
            if (!request.getPageToken().isBlank()) {
                try {
                    after = Long.parseLong(request.getPageToken());
                } catch (NumberFormatException e) {
                    throw EfficacyException.invalid("page_token", "is not a token from a previous response");
                }
            }
            long cursor = after;
            List<ModelVersionSummary> page = registry.list().stream().filter(v -> v.version() < cursor)
                    .limit(size + 1L).toList();
            ListModelsResponse.Builder b = ListModelsResponse.newBuilder();
            page.stream().limit(size).forEach(v -> b.addModels(PredictionProtoMapper.modelVersion(v)));
            if (page.size() > size) {
                b.setNextPageToken(Long.toString(page.get(size - 1).version()));
            }
            return b.build();
        });
    }

    @Override
    public void getModelCard(GetModelCardRequest request, StreamObserver<ModelCard> observer) {
        unary(observer, () -> {
            Callers.current().require("GetModelCard", ANY_ROLE);
            ModelVersionSummary v = request.hasVersion() ? find(request.getVersion())
                    : registry.active().orElseThrow(() -> EfficacyException.precondition("no model is active"));
            return ModelCard.newBuilder().setVersion(v.version()).setCardJson(registry.modelCard(v.version()))
                    .setSchemaVersion(ModelCards.SCHEMA).build();
        });
    }

    @Override
    public void activateModel(ActivateModelRequest request, StreamObserver<ActivateModelResponse> observer) {
        unary(observer, () -> {
            Callers.current().require("ActivateModel", Roles.ADMIN);
            if (request.getVersion() <= 0) {
                throw EfficacyException.invalid("version", "must be a positive model version");
            }
            ModelVersionSummary target = find(request.getVersion());
            GateDecision decision = gate.evaluate(target.quality());
            ActivateModelResponse.Builder b = ActivateModelResponse.newBuilder();
            decision.checks().forEach(c -> {
                GateCheck.Builder check = GateCheck.newBuilder().setName(c.name()).setThreshold(c.threshold())
                        .setPassed(c.passed()).setMessage(c.message());
                if (c.value() != null) {
                    check.setValue(c.value());
                }
                b.addChecks(check);
            });
            registry.active().ifPresent(a -> b.setPreviousActiveVersion(a.version()));
            if (request.getValidateOnly()) {
                return b.setModel(PredictionProtoMapper.modelVersion(target)).build();
            }
            return b.setModel(PredictionProtoMapper.modelVersion(registry.activate(request.getVersion(),
                    Callers.current().subject()))).build();
        });
    }

    @Override
    public void rollbackModel(RollbackModelRequest request, StreamObserver<ModelVersion> observer) {
        unary(observer, () -> {
            Callers.current().require("RollbackModel", Roles.ADMIN);
            return PredictionProtoMapper.modelVersion(registry.rollback(Callers.current().subject()));
        });
    }

    @Override
    public void listRegimens(ListRegimensRequest request, StreamObserver<ListRegimensResponse> observer) {
        unary(observer, () -> {
            Callers.current().require("ListRegimens", ANY_ROLE);
            ListRegimensResponse.Builder b = ListRegimensResponse.newBuilder().setCatalogueVersion(catalogue.version());
            (request.getCancerType() == CancerType.CANCER_TYPE_UNSPECIFIED ? catalogue.regimens()
                    : catalogue.forCancerType(request.getCancerType()))
                    .forEach(r -> b.addRegimens(CatalogueProtoMapper.toProto(r, catalogue.version())));
            return b.build();
        });
    }

    private ModelVersionSummary find(long version) {
        return registry.find(version).orElseThrow(() ->
                EfficacyException.notFound("model version " + version + " does not exist"));
    }

    /** Train needs the data-scientist role; activating the result as well needs the admin role too. */
    private static void requireTrainer(boolean activate) {
        Callers.current().require("Train", Roles.DATA_SCIENTIST);
        if (activate) {
            Callers.current().require("Train with activate_if_gate_passes", Roles.ADMIN);
        }
    }

    private TrainingJob job(UUID id) {
        org.oncopredict.efficacy.registry.TrainingJob j = jobs.find(id).orElseThrow(() ->
                EfficacyException.notFound("training job " + id + " does not exist"));
        TrainingJob.Builder b = TrainingJob.newBuilder().setJobId(j.id().toString())
                .setState(JobState.valueOf("JOB_STATE_" + j.state().name())).setStage(nullToEmpty(j.stage()))
                .setPercent(j.percent()).setMessage(nullToEmpty(j.message())).setRequestedBy(j.requestedBy())
                .setCreatedAt(j.createdAt().toString()).setError(nullToEmpty(j.error()))
                .setKind("RECALIBRATE".equals(j.kind()) ? JobKind.JOB_KIND_RECALIBRATION : JobKind.JOB_KIND_TRAINING)
                .setCancelRequested(j.cancelRequested());
        if (j.startedAt() != null) {
            b.setStartedAt(j.startedAt().toString());
        }
        if (j.finishedAt() != null) {
            b.setFinishedAt(j.finishedAt().toString());
        }
        if (j.modelVersion() != null) {
            b.setModelVersion(j.modelVersion());
        }
        return b.build();
    }

    private static UUID jobId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw EfficacyException.invalid("job_id", "must be a job id returned by Train, got '" + id + "'");
        }
    }

    private static OptionalLong version(boolean present, long version) {
        if (present && version <= 0) {
            throw EfficacyException.invalid("model_version", "must be a positive model version");
        }
        return present ? OptionalLong.of(version) : OptionalLong.empty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static <T> void unary(StreamObserver<T> observer, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toStatus(e));
            return;
        }
        observer.onNext(result);
        observer.onCompleted();
    }
}
