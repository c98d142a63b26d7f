package org.oncopredict.gateway.clients;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.grpc.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.oncopredict.auth.BearerCredentials;
import org.oncopredict.gateway.security.CurrentUser;
import org.oncopredict.proto.profile.v1.AddEcogAssessmentRequest;
import org.oncopredict.proto.profile.v1.AddLabResultRequest;
import org.oncopredict.proto.profile.v1.AddTherapyLineRequest;
import org.oncopredict.proto.profile.v1.AddTherapyLineResponse;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.CreatePatientProfileRequest;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.GetPatientProfileRequest;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.ListPatientsRequest;
import org.oncopredict.proto.profile.v1.ListPatientsResponse;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;
import org.oncopredict.proto.profile.v1.StreamCohortRequest;
import org.oncopredict.proto.profile.v1.StreamCohortResponse;
import org.oncopredict.proto.profile.v1.TherapyLine;
import org.oncopredict.proto.profile.v1.UpdatePatientProfileRequest;

/**
 * patient-profile-svc over gRPC, on behalf of the current user: their access token is relayed on every call (the
 * service verifies it and applies its own role and care-team checks), every call has a deadline, reads are retried
 * a bounded number of times and all calls share one circuit breaker ({@link ServiceGuard}). gRPC errors become
 * problems ({@link GrpcProblems}); an unreachable service is a 503 with Retry-After.
 */
@ApplicationScoped
public class ProfileServiceClient {

    static final String SERVICE = "patient-profile-svc";

    private final PatientProfileServiceGrpc.PatientProfileServiceBlockingStub stub;
    private final CurrentUser user;
    private final Duration deadline;
    private final ServiceGuard guard;

    public ProfileServiceClient(@GrpcClient("profiles") PatientProfileServiceGrpc.PatientProfileServiceBlockingStub stub,
                                CurrentUser user,
                                @ConfigProperty(name = "oncopredict.clients.profile-deadline") Duration deadline,
                                @ConfigProperty(name = "oncopredict.clients.retry-after-seconds") int retryAfter,
                                MeterRegistry meters) {
        this.stub = stub;
        this.user = user;
        this.deadline = deadline;
        this.guard = new ServiceGuard(SERVICE, new GrpcProblems.Unavailable("service-unavailable",
                "Patient profiles unavailable", "patient-profile-svc is not reachable"), retryAfter, meters);
    }

    private PatientProfileServiceGrpc.PatientProfileServiceBlockingStub stub() {
        return stub.withCallCredentials(BearerCredentials.of(user.accessToken()))
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public PatientProfile get(String patientId) {
        return guard.read(() -> stub().getPatientProfile(GetPatientProfileRequest.newBuilder()
                .setPatientId(patientId).build()).getProfile(), patientId);
    }

    public ListPatientsResponse list(CohortFilter filter, String query, int pageSize, String pageToken) {
        return guard.read(() -> stub().listPatients(ListPatientsRequest.newBuilder().setFilter(filter)
                .setQuery(query).setPageSize(pageSize).setPageToken(pageToken).build()), null);
    }

    public PatientProfile create(PatientProfile profile) {
        return guard.write(() -> stub().createPatientProfile(CreatePatientProfileRequest.newBuilder()
                .setProfile(profile).build()).getProfile(), null);
    }

    public PatientProfile update(PatientProfile profile, long expectedVersion) {
        return guard.write(() -> stub().updatePatientProfile(UpdatePatientProfileRequest.newBuilder()
                .setProfile(profile).setExpectedVersion(expectedVersion).build()).getProfile(), profile.getPatientId());
    }

    public AddTherapyLineResponse addTherapyLine(String patientId, TherapyLine line, Long expectedVersion) {
        return addTherapyLine(patientId, line, expectedVersion, null, "");
    }

    /**
     * As above; with {@code openLineReason} set, the line still open before the new one ends on its start date for
     * that reason (UNSPECIFIED: not recorded), with {@code progressionDate} (ISO; empty: none given), in the same write.
     */
    public AddTherapyLineResponse addTherapyLine(String patientId, TherapyLine line, Long expectedVersion,
                                                 org.oncopredict.proto.profile.v1.ReasonStopped openLineReason,
                                                 String progressionDate) {
        AddTherapyLineRequest.Builder request = AddTherapyLineRequest.newBuilder().setPatientId(patientId).setLine(line);
        if (expectedVersion != null) {
            request.setExpectedVersion(expectedVersion);
        }
        if (openLineReason != null) {
            request.setEndOpenLine(true).setOpenLineReason(openLineReason).setOpenLineProgressionDate(progressionDate);
        }
        return guard.write(() -> stub().addTherapyLine(request.build()), patientId);
    }

    public PatientProfile addLab(String patientId, LabResult lab, Long expectedVersion) {
        AddLabResultRequest.Builder request = AddLabResultRequest.newBuilder().setPatientId(patientId).setLab(lab);
        if (expectedVersion != null) {
            request.setExpectedVersion(expectedVersion);
        }
        return guard.write(() -> stub().addLabResult(request.build()).getProfile(), patientId);
    }

    public PatientProfile addEcog(String patientId, EcogAssessment ecog, Long expectedVersion) {
        AddEcogAssessmentRequest.Builder request = AddEcogAssessmentRequest.newBuilder().setPatientId(patientId)
                .setEcog(ecog);
        if (expectedVersion != null) {
            request.setExpectedVersion(expectedVersion);
        }
        return guard.write(() -> stub().addEcogAssessment(request.build()).getProfile(), patientId);
    }

    // ---------------------------------------------------------------------------------- with an explicit token
    // For callers that act with the gateway's own service-account token after checking the caller themselves (CDS
    // Hooks calls carry no user token; admin FHIR imports): same deadlines, breaker and retries as above.

    private PatientProfileServiceGrpc.PatientProfileServiceBlockingStub stub(String token) {
        return stub.withCallCredentials(BearerCredentials.of(token))
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public PatientProfile get(String patientId, String token) {
        return guard.read(() -> stub(token).getPatientProfile(GetPatientProfileRequest.newBuilder()
                .setPatientId(patientId).build()).getProfile(), patientId);
    }

    public ListPatientsResponse list(CohortFilter filter, String query, int pageSize, String pageToken, String token) {
        return guard.read(() -> stub(token).listPatients(ListPatientsRequest.newBuilder().setFilter(filter)
                .setQuery(query).setPageSize(pageSize).setPageToken(pageToken).build()), null);
    }

    public PatientProfile create(PatientProfile profile, String token) {
        return guard.write(() -> stub(token).createPatientProfile(CreatePatientProfileRequest.newBuilder()
                .setProfile(profile).build()).getProfile(), null);
    }

    public PatientProfile update(PatientProfile profile, long expectedVersion, String token) {
        return guard.write(() -> stub(token).updatePatientProfile(UpdatePatientProfileRequest.newBuilder()
                .setProfile(profile).setExpectedVersion(expectedVersion).build()).getProfile(), profile.getPatientId());
    }

    /**
     * Streams de-identified profiles matching {@code filter} (at most {@code max}) to {@code sink}; the stream is
     * cancelled when done. Not retried: a stream that broke halfway would deliver its first profiles twice.
     */
    public void streamDeidentified(CohortFilter filter, int max, Consumer<PatientProfile> sink) {
        guard.write(() -> {
            Context.CancellableContext scope = Context.current().withCancellation();
            Context previous = scope.attach();
            try {
                Iterator<StreamCohortResponse> batches = stub.withCallCredentials(BearerCredentials.of(user.accessToken()))
                        .withDeadlineAfter(Math.max(deadline.toMillis(), 30_000), TimeUnit.MILLISECONDS)
                        .streamCohort(StreamCohortRequest.newBuilder().setFilter(filter).setDeidentify(true)
                                .setMaxProfiles(max).build());
                while (batches.hasNext()) {
                    batches.next().getProfilesList().forEach(sink);
                }
                return Boolean.TRUE;
            } finally {
                scope.detach(previous);
                scope.cancel(null);
            }
        }, null);
    }
}
