package org.oncopredict.gateway.clients;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.oncopredict.auth.BearerCredentials;
import org.oncopredict.gateway.security.CurrentUser;
import org.oncopredict.proto.efficacy.v1.ActivateModelRequest;
import org.oncopredict.proto.efficacy.v1.ActivateModelResponse;
import org.oncopredict.proto.efficacy.v1.CancelTrainingJobRequest;
import org.oncopredict.proto.efficacy.v1.EfficacyModelServiceGrpc;
import org.oncopredict.proto.efficacy.v1.GetModelCardRequest;
import org.oncopredict.proto.efficacy.v1.GetTrainingJobRequest;
import org.oncopredict.proto.efficacy.v1.ListModelsRequest;
import org.oncopredict.proto.efficacy.v1.ListModelsResponse;
import org.oncopredict.proto.efficacy.v1.ListRegimensRequest;
import org.oncopredict.proto.efficacy.v1.ListRegimensResponse;
import org.oncopredict.proto.efficacy.v1.ModelCard;
import org.oncopredict.proto.efficacy.v1.ModelVersion;
import org.oncopredict.proto.efficacy.v1.PredictionBatch;
import org.oncopredict.proto.efficacy.v1.StreamPredictionsRequest;
import org.oncopredict.proto.efficacy.v1.PredictCohortRequest;
import org.oncopredict.proto.efficacy.v1.PredictCohortResponse;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesRequest;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.efficacy.v1.RollbackModelRequest;
import org.oncopredict.proto.efficacy.v1.TrainRequest;
import org.oncopredict.proto.efficacy.v1.TrainingJob;
import org.oncopredict.proto.profile.v1.CancerType;

/**
 * efficacy-model-svc over gRPC, on behalf of the current user (token relayed, deadline on every call, one circuit
 * breaker, bounded retries for reads: see {@link ServiceGuard}). When it cannot be reached, predictions answer
 * 503 "prediction unavailable" while everything served by the profile service keeps working.
 */
@ApplicationScoped
public class EfficacyServiceClient {

    static final String SERVICE = "efficacy-model-svc";

    private final EfficacyModelServiceGrpc.EfficacyModelServiceBlockingStub stub;
    private final CurrentUser user;
    private final Duration deadline;
    private final ServiceGuard guard;

    public EfficacyServiceClient(@GrpcClient("efficacy") EfficacyModelServiceGrpc.EfficacyModelServiceBlockingStub stub,
                                 CurrentUser user,
                                 @ConfigProperty(name = "oncopredict.clients.efficacy-deadline") Duration deadline,
                                 @ConfigProperty(name = "oncopredict.clients.retry-after-seconds") int retryAfter,
                                 MeterRegistry meters) {
        this.stub = stub;
        this.user = user;
        this.deadline = deadline;
        this.guard = new ServiceGuard(SERVICE, new GrpcProblems.Unavailable("prediction-unavailable",
                "Prediction unavailable", "prediction unavailable — efficacy service not reachable"), retryAfter, meters);
    }

    private EfficacyModelServiceGrpc.EfficacyModelServiceBlockingStub stub() {
        return stub.withCallCredentials(BearerCredentials.of(user.accessToken()))
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Predictions for a stored patient (the service reads the profile with the relayed token). */
    public PredictTreatmentOutcomesResponse predict(String patientId, List<String> regimenIds, boolean monthlyCurves) {
        return guard.read(() -> stub().predictTreatmentOutcomes(PredictTreatmentOutcomesRequest.newBuilder()
                .setPatientId(patientId).addAllRegimenIds(regimenIds).setIncludeMonthlyCurve(monthlyCurves).build()),
                patientId);
    }

    public PredictCohortResponse predictCohort(PredictCohortRequest request) {
        return guard.read(() -> stub().predictCohort(request), null);
    }

    public ListRegimensResponse regimens(CancerType cancerType) {
        return guard.read(() -> stub().listRegimens(ListRegimensRequest.newBuilder().setCancerType(cancerType).build()),
                null);
    }

    public ListModelsResponse models(int pageSize, String pageToken) {
        return guard.read(() -> stub().listModels(ListModelsRequest.newBuilder().setPageSize(pageSize)
                .setPageToken(pageToken).build()), null);
    }

    /** The card of {@code version}, or of the active model when null. */
    public ModelCard card(Long version) {
        GetModelCardRequest.Builder request = GetModelCardRequest.newBuilder();
        if (version != null) {
            request.setVersion(version);
        }
        return guard.read(() -> stub().getModelCard(request.build()), null);
    }

    public TrainingJob train(TrainRequest request) {
        return guard.write(() -> stub().train(request), null);
    }

    public TrainingJob job(String jobId) {
        return guard.read(() -> stub().getTrainingJob(GetTrainingJobRequest.newBuilder().setJobId(jobId).build()), null);
    }

    public TrainingJob cancel(String jobId) {
        return guard.write(() -> stub().cancelTrainingJob(CancelTrainingJobRequest.newBuilder().setJobId(jobId).build()),
                null);
    }

    public ActivateModelResponse activate(long version, boolean validateOnly, String reason) {
        return guard.write(() -> stub().activateModel(ActivateModelRequest.newBuilder().setVersion(version)
                .setValidateOnly(validateOnly).setReason(reason).build()), null);
    }

    public ModelVersion rollback(String reason) {
        return guard.write(() -> stub().rollbackModel(RollbackModelRequest.newBuilder().setReason(reason).build()), null);
    }

    // ---------------------------------------------------------------------------------- with an explicit token

    /**
     * The predictions for one stored patient through StreamPredictions (role "service"), with the gateway's own
     * service-account token: for CDS Hooks calls, whose caller the gateway has authenticated itself. Same numbers as
     * {@link #predict} (one prediction path in the service), without monthly curves. The batches of the stream are
     * merged into one (a single patient fits in one batch).
     */
    public PredictionBatch predictAsService(String patientId, List<String> regimenIds, boolean explanations,
                                            String token) {
        return guard.read(() -> {
            PredictionBatch.Builder all = PredictionBatch.newBuilder();
            java.util.Iterator<PredictionBatch> batches = stub.withCallCredentials(BearerCredentials.of(token))
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .streamPredictions(StreamPredictionsRequest.newBuilder().addPatientIds(patientId)
                            .addAllRegimenIds(regimenIds).setIncludeExplanations(explanations).build());
            while (batches.hasNext()) {
                PredictionBatch b = batches.next();
                if (b.hasModel()) {
                    all.setModel(b.getModel());
                }
                all.addAllPatients(b.getPatientsList());
            }
            return all.build();
        }, patientId);
    }

    public ListRegimensResponse regimens(CancerType cancerType, String token) {
        return guard.read(() -> stub.withCallCredentials(BearerCredentials.of(token))
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .listRegimens(ListRegimensRequest.newBuilder().setCancerType(cancerType).build()), null);
    }
}
