package org.oncopredict.efficacy.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.rpc.BadRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.oncopredict.efficacy.profiles.ProfileClient;
import org.oncopredict.efficacy.testsupport.ProfileServiceProcess;
import org.oncopredict.localpg.PostgresTestResource;
import org.oncopredict.proto.efficacy.v1.ActivateModelRequest;
import org.oncopredict.proto.efficacy.v1.BaseLearner;
import org.oncopredict.proto.efficacy.v1.ActivateModelResponse;
import org.oncopredict.proto.efficacy.v1.CancelTrainingJobRequest;
import org.oncopredict.proto.efficacy.v1.CohortSource;
import org.oncopredict.proto.efficacy.v1.EfficacyModelServiceGrpc;
import org.oncopredict.proto.efficacy.v1.EligibilityStatus;
import org.oncopredict.proto.efficacy.v1.Explanation;
import org.oncopredict.proto.efficacy.v1.FeatureContribution;
import org.oncopredict.proto.efficacy.v1.GetModelCardRequest;
import org.oncopredict.proto.efficacy.v1.GetTrainingJobRequest;
import org.oncopredict.proto.efficacy.v1.JobState;
import org.oncopredict.proto.efficacy.v1.ListModelsRequest;
import org.oncopredict.proto.efficacy.v1.ListModelsResponse;
import org.oncopredict.proto.efficacy.v1.ListRegimensRequest;
import org.oncopredict.proto.efficacy.v1.ModelKind;
import org.oncopredict.proto.efficacy.v1.ModelState;
import org.oncopredict.proto.efficacy.v1.RecalibrateModelRequest;
import org.oncopredict.proto.efficacy.v1.PredictCohortRequest;
import org.oncopredict.proto.efficacy.v1.PredictCohortResponse;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesRequest;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.efficacy.v1.PredictionBatch;
import org.oncopredict.proto.efficacy.v1.RegimenPrediction;
import org.oncopredict.proto.efficacy.v1.RollbackModelRequest;
import org.oncopredict.proto.efficacy.v1.StreamPredictionsRequest;
import org.oncopredict.proto.efficacy.v1.TrainRequest;
import org.oncopredict.proto.efficacy.v1.TrainingJob;
import org.oncopredict.proto.efficacy.v1.TrialTableSource;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.PatientProfile;

/**
 * The efficacy service end to end over real gRPC on loopback: a real patient-profile-svc (child process,
 * its own database, 1,500 simulated patients), this service's own database for the registry, training as a
 * job, activation, predictions, cohort and streamed predictions, and the error contract.
 */
@QuarkusTest
@TestProfile(LenientGateProfile.class)
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ProfileServiceProcess.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "patients", value = "1500"),
        @ResourceArg(name = "seed", value = "11")})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EfficacyGrpcServiceTest {

    private static final String ACTOR = "u-datasci-7";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static long trainedVersion;

    @GrpcClient("efficacy")
    EfficacyModelServiceGrpc.EfficacyModelServiceBlockingStub plainStub;

    @Inject
    ProfileClient profiles;

    @TestHTTPResource("/q/health/ready")
    java.net.URL health;

    private EfficacyModelServiceGrpc.EfficacyModelServiceBlockingStub stub() {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-actor-id", Metadata.ASCII_STRING_MARSHALLER), ACTOR);
        return plainStub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private PatientProfile somePatient(CancerType type) {
        List<PatientProfile> found = new ArrayList<>();
        profiles.streamCohort(CohortFilter.newBuilder().addCancerTypes(type).build(), false, 1, found::add);
        return found.get(0);
    }

    @Test
    @Order(1)
    void predictionWithoutAnActiveModelIsAFailedPrecondition() {
        PatientProfile patient = somePatient(CancerType.CANCER_TYPE_NSCLC);
        assertThatThrownBy(() -> stub().predictTreatmentOutcomes(PredictTreatmentOutcomesRequest.newBuilder()
                .setPatientId(patient.getPatientId()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("no model is active");
                });
    }

    @Test
    @Order(2)
    void trainsAsAJobWithProgressAndRegistersACandidate() throws Exception {
        TrainingJob job = stub().train(TrainRequest.newBuilder()
                .setCohort(CohortSource.getDefaultInstance()).setBootstrapReplicates(5).setSeed(3).build());
        assertThat(job.getState()).isIn(JobState.JOB_STATE_QUEUED, JobState.JOB_STATE_RUNNING);
        assertThat(job.getRequestedBy()).isEqualTo(ACTOR);
        assertThat(job.getKind()).isEqualTo(org.oncopredict.proto.efficacy.v1.JobKind.JOB_KIND_TRAINING);
        TrainingJob done = await(job.getJobId(), Duration.ofMinutes(5));
        assertThat(done.getState()).as(done.getError()).isEqualTo(JobState.JOB_STATE_SUCCEEDED);
        assertThat(done.getPercent()).isEqualTo(100);
        assertThat(done.hasModelVersion()).isTrue();
        trainedVersion = done.getModelVersion();
        assertThat(done.getMessage()).isEqualTo("registered model version " + trainedVersion + " as a candidate");

        ListModelsResponse models = stub().listModels(ListModelsRequest.getDefaultInstance());
        assertThat(models.getModelsList()).hasSize(1);
        var model = models.getModels(0);
        assertThat(model.getVersion()).isEqualTo(trainedVersion);
        assertThat(model.getState()).isEqualTo(ModelState.MODEL_STATE_CANDIDATE);
        assertThat(model.getCreatedBy()).isEqualTo(ACTOR);
        assertThat(model.getCohortSize()).isGreaterThan(500);
        assertThat(model.getCohortHash()).hasSize(64);
        assertThat(model.getAuroc()).isBetween(0.55, 0.95);
        assertThat(model.getCIndex()).isBetween(0.55, 0.95);

        JsonNode card = JSON.readTree(stub().getModelCard(GetModelCardRequest.newBuilder()
                .setVersion(trainedVersion).build()).getCardJson());
        assertThat(card.at("/metrics_held_out/response/auroc").asDouble()).isCloseTo(model.getAuroc(), within(1e-12));
        assertThat(card.at("/training/bootstrap_replicates").asInt()).isEqualTo(5);
        assertThat(card.at("/training/seed").asLong()).isEqualTo(3);
        assertThat(card.at("/data/regimens").size()).isGreaterThan(10);
        assertThat(card.at("/limitations").size()).isGreaterThan(2);
    }

    @Test
    @Order(3)
    void activatesThroughTheGateAndRollbackNeedsAnEarlierVersion() {
        ActivateModelResponse dryRun = stub().activateModel(ActivateModelRequest.newBuilder()
                .setVersion(trainedVersion).setValidateOnly(true).build());
        assertThat(dryRun.getChecksList()).extracting(c -> c.getName()).hasSize(3);
        assertThat(dryRun.getModel().getState()).isEqualTo(ModelState.MODEL_STATE_CANDIDATE);

        // Read "no active model" into the service's short-lived cache of the active version …
        predictionWithoutAnActiveModelIsAFailedPrecondition();
        ActivateModelResponse activated = stub().activateModel(ActivateModelRequest.newBuilder()
                .setVersion(trainedVersion).build());
        assertThat(activated.getChecksList()).allMatch(c -> c.getPassed());
        assertThat(activated.getModel().getState()).isEqualTo(ModelState.MODEL_STATE_ACTIVE);
        // … which the activation must clear: the next prediction already uses the new version.
        assertThat(stub().predictTreatmentOutcomes(PredictTreatmentOutcomesRequest.newBuilder()
                .setPatientId(somePatient(CancerType.CANCER_TYPE_NSCLC).getPatientId()).build())
                .getModel().getVersion()).isEqualTo(trainedVersion);

        JsonNode ready = readHealth();
        assertThat(ready.at("/status").asText()).isEqualTo("UP");
        JsonNode check = java.util.stream.StreamSupport.stream(ready.at("/checks").spliterator(), false)
                .filter(c -> c.at("/name").asText().equals("active-model")).findFirst().orElseThrow();
        assertThat(check.at("/data/active_model_version").asText()).isEqualTo(Long.toString(trainedVersion));
        assertThat(check.at("/data/last_training_job_state").asText()).isEqualTo("SUCCEEDED");

        assertThatThrownBy(() -> stub().rollbackModel(RollbackModelRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
        assertThatThrownBy(() -> stub().activateModel(ActivateModelRequest.newBuilder().setVersion(999).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    @Order(4)
    void predictsEveryCatalogueRegimenRankedWithIntervalsAndExactExplanations() {
        PatientProfile patient = somePatient(CancerType.CANCER_TYPE_NSCLC);
        PredictTreatmentOutcomesResponse response = stub().predictTreatmentOutcomes(PredictTreatmentOutcomesRequest
                .newBuilder().setPatientId(patient.getPatientId()).setIncludeMonthlyCurve(true).build());
        assertThat(response.getPatientId()).isEqualTo(patient.getPatientId());
        assertThat(response.getModel().getVersion()).isEqualTo(trainedVersion);
        assertThat(response.getModel().getBootstrapReplicates()).isEqualTo(5);
        int nsclcRegimens = stub().listRegimens(ListRegimensRequest.newBuilder()
                .setCancerType(CancerType.CANCER_TYPE_NSCLC).build()).getRegimensCount();
        assertThat(response.getPredictionsList()).hasSize(nsclcRegimens);

        boolean seenIneligible = false;
        for (int i = 0; i < response.getPredictionsCount(); i++) {
            RegimenPrediction p = response.getPredictions(i);
            assertThat(p.getRank()).isEqualTo(i + 1);
            boolean eligible = p.getEligibility().getStatus() == EligibilityStatus.ELIGIBILITY_STATUS_ELIGIBLE
                    || p.getEligibility().getStatus() == EligibilityStatus.ELIGIBILITY_STATUS_ELIGIBLE_WITH_CAUTIONS;
            assertThat(eligible && seenIneligible).as("eligible regimens rank first").isFalse();
            seenIneligible |= !eligible;
            if (!eligible) {
                assertThat(p.getEligibility().getReasonsList()).as(p.getRegimenId() + " says why").isNotEmpty();
            }
            if (p.hasResponse()) {
                assertThat(p.getResponse().getLower()).isLessThanOrEqualTo(p.getResponse().getProbability());
                assertThat(p.getResponse().getUpper()).isGreaterThanOrEqualTo(p.getResponse().getProbability());
                assertExact(p.getResponseExplanation(), p.getResponse().getProbability());
                assertThat(p.getResponseExplanation().getContributionsCount()).isEqualTo(5);
            }
            if (p.hasProgressionFreeSurvival()) {
                assertThat(p.getProgressionFreeSurvival().getLandmarksList()).extracting(l -> l.getMonth())
                        .containsExactly(6.0, 12.0, 24.0);
                assertThat(p.getProgressionFreeSurvival().getMonthlyCurveCount()).isEqualTo(61);
            }
        }
        for (int i = 1; i < response.getPredictionsCount(); i++) {
            RegimenPrediction a = response.getPredictions(i - 1);
            RegimenPrediction b = response.getPredictions(i);
            if (a.getEligibility().getStatus() == b.getEligibility().getStatus()) {
                assertThat(a.getRankScore()).isGreaterThanOrEqualTo(b.getRankScore());
            }
        }
    }

    private static void assertExact(Explanation e, double probability) {
        double sum = e.getBaselineLogit() + e.getOtherContributions()
                + e.getContributionsList().stream().mapToDouble(FeatureContribution::getContribution).sum();
        assertThat(sum).isCloseTo(e.getLogit(), within(1e-9));
        assertThat(1 / (1 + Math.exp(-e.getLogit()))).isCloseTo(probability, within(1e-12));
    }

    @Test
    @Order(5)
    void predictsForAPatientGroupAndStreamsBatches() {
        PredictCohortResponse group = stub().predictCohort(PredictCohortRequest.newBuilder()
                .setFilter(CohortFilter.newBuilder().addCancerTypes(CancerType.CANCER_TYPE_NSCLC))
                .setMaxPatients(150).build());
        assertThat(group.getGroupSize()).isEqualTo(150);
        assertThat(group.getTruncated()).isTrue();
        assertThat(group.getRegimensList()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.getEligiblePatients()).isBetween(0, 150);
            if (r.hasResponse()) {
                assertThat(r.getResponse().getProbability()).isBetween(r.getResponse().getLower(), r.getResponse().getUpper());
            }
        });
        assertThat(group.getRegimensList()).anyMatch(r -> r.getEligiblePatients() > 0 && r.hasResponse());

        Iterator<PredictionBatch> batches = stub().streamPredictions(StreamPredictionsRequest.newBuilder()
                .setFilter(CohortFilter.getDefaultInstance()).setMaxPatients(250).build());
        List<Integer> sizes = new ArrayList<>();
        batches.forEachRemaining(b -> sizes.add(b.getPatientsCount()));
        assertThat(sizes).containsExactly(100, 100, 50);
    }

    @Test
    @Order(6)
    void badInputNamesTheFieldAndUnknownPatientIsNotFound() {
        PatientProfile patient = somePatient(CancerType.CANCER_TYPE_BREAST);
        assertInvalid(() -> stub().predictTreatmentOutcomes(PredictTreatmentOutcomesRequest.newBuilder()
                .setPatientId(patient.getPatientId()).addRegimenIds("osimertinib").addRegimenIds("no-such-regimen").build()),
                "regimen_ids[1]");
        assertInvalid(() -> stub().predictTreatmentOutcomes(PredictTreatmentOutcomesRequest.newBuilder()
                .setPatientId(patient.getPatientId()).setAsOfDate("25/11/2026").build()), "as_of_date");
        assertInvalid(() -> stub().predictTreatmentOutcomes(PredictTreatmentOutcomesRequest.getDefaultInstance()), "patient");
        assertInvalid(() -> stub().train(TrainRequest.newBuilder().setCohort(CohortSource.getDefaultInstance())
                .setBootstrapReplicates(1).build()), "bootstrap_replicates");
        assertInvalid(() -> stub().getTrainingJob(GetTrainingJobRequest.newBuilder().setJobId("nope").build()), "job_id");
        assertThatThrownBy(() -> stub().predictTreatmentOutcomes(PredictTreatmentOutcomesRequest.newBuilder()
                .setPatientId("P-AAAAAAAAAA").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> stub().train(TrainRequest.newBuilder().setTrial(TrialTableSource.getDefaultInstance()).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    }

    @Test
    @Order(7)
    void cancelledTrainingLeavesTheRegistryUnchanged() throws Exception {
        TrainingJob job = stub().train(TrainRequest.newBuilder().setCohort(CohortSource.getDefaultInstance())
                .setBootstrapReplicates(20).setSeed(4).build());
        stub().cancelTrainingJob(CancelTrainingJobRequest.newBuilder().setJobId(job.getJobId()).build());
        TrainingJob done = await(job.getJobId(), Duration.ofMinutes(3));
        assertThat(done.getState()).isEqualTo(JobState.JOB_STATE_CANCELLED);
        assertThat(done.hasModelVersion()).isFalse();
        assertThat(stub().listModels(ListModelsRequest.getDefaultInstance()).getModelsList())
                .extracting(m -> m.getVersion()).containsExactly(trainedVersion);
    }

    @Test
    @Order(8)
    void aFailedTrainingJobSaysWhyAndLeavesTheRegistryUnchanged() throws Exception {
        // No simulated patient is in this care team, so the cohort is empty.
        TrainingJob job = stub().train(TrainRequest.newBuilder().setCohort(CohortSource.newBuilder()
                .setFilter(CohortFilter.newBuilder().addCareTeams("no-such-team"))).setSeed(5).build());
        TrainingJob done = await(job.getJobId(), Duration.ofMinutes(1));
        assertThat(done.getState()).isEqualTo(JobState.JOB_STATE_FAILED);
        assertThat(done.getError()).contains("no usable therapy lines");
        assertThat(done.hasModelVersion()).isFalse();
        assertThat(stub().listModels(ListModelsRequest.getDefaultInstance()).getModelsList())
                .extracting(m -> m.getVersion()).containsExactly(trainedVersion);
    }

    @Test
    @Order(9)
    void siteRecalibrationRegistersACandidateWithBeforeAndAfterCalibration() throws Exception {
        TrainingJob job = stub().recalibrateModel(RecalibrateModelRequest.newBuilder()
                .setCohort(CohortSource.newBuilder().setFilter(CohortFilter.newBuilder()
                        .addCancerTypes(CancerType.CANCER_TYPE_BREAST))).build());
        TrainingJob done = await(job.getJobId(), Duration.ofMinutes(3));
        assertThat(done.getState()).as(done.getError()).isEqualTo(JobState.JOB_STATE_SUCCEEDED);
        var recalibrated = stub().listModels(ListModelsRequest.getDefaultInstance()).getModels(0);
        assertThat(recalibrated.getVersion()).isEqualTo(done.getModelVersion()).isGreaterThan(trainedVersion);
        assertThat(recalibrated.getKind()).isEqualTo(ModelKind.MODEL_KIND_RECALIBRATED);
        assertThat(recalibrated.getParentVersion()).isEqualTo(trainedVersion);
        assertThat(recalibrated.getState()).isEqualTo(ModelState.MODEL_STATE_CANDIDATE);
        JsonNode card = JSON.readTree(stub().getModelCard(GetModelCardRequest.newBuilder()
                .setVersion(recalibrated.getVersion()).build()).getCardJson());
        assertThat(card.at("/recalibration/parent_version").asLong()).isEqualTo(trainedVersion);
        int fit = card.at("/recalibration/fit_lines").asInt();
        int check = card.at("/recalibration/check_lines").asInt();
        assertThat(fit).isGreaterThan(50);
        assertThat(check).isGreaterThan(50);
        assertThat(fit + check).isEqualTo(card.at("/recalibration/site_lines").asInt());
        // Before and after are measured on the same held-back half of the site's lines.
        assertThat(card.at("/recalibration/after/response/n").asInt())
                .isEqualTo(card.at("/recalibration/before/response/n").asInt()).isPositive();
        assertThat(card.at("/recalibration/after/response/calibrationSlope").isNumber()).isTrue();
        assertThat(card.at("/recalibration/response_platt/slope").asDouble()).isNotEqualTo(1.0);
        assertThat(recalibrated.getCalibrationSlope())
                .isCloseTo(card.at("/recalibration/after/response/calibrationSlope").asDouble(), within(1e-12));
    }

    @Test
    @Order(10)
    void trainsAnXGBoostModelWithTreeShapExplanations() throws Exception {
        TrainingJob job = stub().train(TrainRequest.newBuilder().setCohort(CohortSource.getDefaultInstance())
                .setBaseLearner(BaseLearner.BASE_LEARNER_XGBOOST).setBootstrapReplicates(2).setSeed(6).build());
        TrainingJob done = await(job.getJobId(), Duration.ofMinutes(5));
        assertThat(done.getState()).as(done.getError()).isEqualTo(JobState.JOB_STATE_SUCCEEDED);
        var listed = stub().listModels(ListModelsRequest.getDefaultInstance()).getModels(0);
        assertThat(listed.getVersion()).isEqualTo(done.getModelVersion());
        assertThat(listed.getBaseLearner()).isEqualTo(BaseLearner.BASE_LEARNER_XGBOOST);
        assertThat(listed.getLearner()).isEqualTo(org.oncopredict.proto.efficacy.v1.Learner.LEARNER_S);

        PatientProfile patient = somePatient(CancerType.CANCER_TYPE_COLORECTAL);
        PredictTreatmentOutcomesResponse response = stub().predictTreatmentOutcomes(PredictTreatmentOutcomesRequest
                .newBuilder().setPatientId(patient.getPatientId()).setModelVersion(done.getModelVersion()).build());
        assertThat(response.getModel().getBaseLearner()).isEqualTo(BaseLearner.BASE_LEARNER_XGBOOST);
        List<RegimenPrediction> withResponse = response.getPredictionsList().stream()
                .filter(RegimenPrediction::hasResponse).toList();
        assertThat(withResponse).isNotEmpty().allSatisfy(p -> {
            Explanation e = p.getResponseExplanation();
            assertThat(e.getMethod()).isEqualTo(org.oncopredict.proto.efficacy.v1.ExplanationMethod.EXPLANATION_METHOD_TREE_SHAP);
            double sum = e.getBaselineLogit() + e.getOtherContributions()
                    + e.getContributionsList().stream().mapToDouble(FeatureContribution::getContribution).sum();
            assertThat(sum).isCloseTo(e.getLogit(), within(2e-6));
        });
    }

    private JsonNode readHealth() {
        try (var in = health.openStream()) {
            return JSON.readTree(in);
        } catch (java.io.IOException e) {
            throw new AssertionError("health endpoint", e);
        }
    }

    private static void assertInvalid(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            com.google.rpc.Status status = StatusProto.fromThrowable(e);
            assertThat(status).isNotNull();
            BadRequest bad = status.getDetailsList().stream().filter(d -> d.is(BadRequest.class)).findFirst()
                    .map(d -> {
                        try {
                            return d.unpack(BadRequest.class);
                        } catch (Exception ex) {
                            throw new AssertionError(ex);
                        }
                    }).orElseThrow();
            assertThat(bad.getFieldViolationsList()).extracting(BadRequest.FieldViolation::getField).containsExactly(field);
        });
    }

    private TrainingJob await(String jobId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        TrainingJob job;
        int lastPercent = 0;
        do {
            Thread.sleep(250);
            job = stub().getTrainingJob(GetTrainingJobRequest.newBuilder().setJobId(jobId).build());
            assertThat(job.getPercent()).as("progress never goes back").isGreaterThanOrEqualTo(lastPercent);
            lastPercent = job.getPercent();
        } while (Instant.now().isBefore(deadline) && (job.getState() == JobState.JOB_STATE_QUEUED
                || job.getState() == JobState.JOB_STATE_RUNNING));
        return job;
    }
}
