package org.oncopredict.efficacy.profiles;

import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;
import org.oncopredict.auth.BearerCredentials;
import org.oncopredict.auth.Callers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.GetPatientProfileRequest;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;
import org.oncopredict.proto.profile.v1.StreamCohortRequest;
import org.oncopredict.proto.profile.v1.StreamCohortResponse;

/**
 * Reads patient profiles from patient-profile-svc ({@code oncology.profile.v1.PatientProfileService})
 * over gRPC client {@code profiles} ({@code quarkus.grpc.clients.profiles.*}).
 *
 * <p>Every call carries a deadline: {@code oncopredict.profiles.deadline} (default 10 s) for single
 * reads, {@code oncopredict.profiles.stream-deadline} (default 10 min) for a whole cohort stream. When
 * called inside an incoming gRPC call, the outgoing call also inherits that call's deadline and
 * cancellation (gRPC context propagation), whichever is earlier.
 *
 * <p>Errors: {@code UNAVAILABLE} and {@code DEADLINE_EXCEEDED} become
 * {@link ProfileServiceUnavailableException}; every other status propagates unchanged as
 * {@link StatusRuntimeException}.
 *
 * <p>Credentials: a single profile is read with the token of the user this service is answering (relayed, so the
 * profile service applies that user's care-team scope), or with this service's own token when there is no user
 * (jobs); cohort streams always use this service's own token ({@link ServiceToken}), after this service has checked
 * the user's role for the operation.
 *
 * <p>Blocking: call from a worker thread (e.g. a {@code @Blocking} gRPC method), never the event loop.
 */
@ApplicationScoped
public class ProfileClient {

    private static final Logger LOG = Logger.getLogger(ProfileClient.class);

    @GrpcClient("profiles")
    PatientProfileServiceGrpc.PatientProfileServiceBlockingStub stub;

    @Inject
    ServiceToken serviceToken;

    @ConfigProperty(name = "oncopredict.profiles.deadline", defaultValue = "10s")
    Duration deadline;

    @ConfigProperty(name = "oncopredict.profiles.stream-deadline", defaultValue = "10m")
    Duration streamDeadline;

    /**
     * The identified profile, read on behalf of the user of the current call (their token is relayed, so the profile
     * service applies their care-team scope: PERMISSION_DENIED propagates), or with this service's own token outside a
     * user's call. Empty when the id is unknown or the profile was deleted.
     */
    public Optional<PatientProfile> get(String patientId) {
        String userToken = Callers.current().token();
        return get(patientId, userToken != null ? Optional.of(userToken) : serviceToken.get());
    }

    /**
     * The identified profile, read with this service's own token: for batch work whose caller's role this service has
     * already checked (StreamPredictions by ids), where the outputs are predictions keyed by pseudonym only.
     */
    public Optional<PatientProfile> getForBatch(String patientId) {
        return get(patientId, serviceToken.get());
    }

    private Optional<PatientProfile> get(String patientId, Optional<String> token) {
        if (patientId == null || patientId.isBlank()) {
            throw new IllegalArgumentException("patientId is required");
        }
        GetPatientProfileRequest request = GetPatientProfileRequest.newBuilder().setPatientId(patientId).build();
        try {
            return Optional.of(authorised(stub, token).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .getPatientProfile(request).getProfile());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw translate(e, "GetPatientProfile for patient " + patientId, deadline);
        }
    }

    /**
     * Streams the profiles matching {@code filter} to {@code sink} on the calling thread, in the service's
     * stable order (creation order, not {@code patient_id} order). Returns when the cohort is exhausted or {@code maxProfiles} profiles were delivered;
     * the call is then cancelled so that the service stops reading. An exception from {@code sink}
     * cancels the call too and propagates unchanged.
     *
     * @param maxProfiles stop after this many profiles; 0 means no limit
     */
    public void streamCohort(CohortFilter filter, boolean deidentify, int maxProfiles, Consumer<PatientProfile> sink) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sink, "sink");
        if (maxProfiles < 0) {
            throw new IllegalArgumentException("maxProfiles must be 0 (no limit) or more: " + maxProfiles);
        }
        // The limit also goes to the server, so it does not read a batch beyond it; the client-side
        // count and cancel below do not rely on that.
        StreamCohortRequest request = StreamCohortRequest.newBuilder()
                .setFilter(filter).setDeidentify(deidentify).setMaxProfiles(maxProfiles).build();
        // A call started under this context is cancelled with it: the one way to end a blocking
        // server-streaming call early without leaking its stream (the iterator has no close()).
        Context.CancellableContext scope = Context.current().withCancellation();
        Context previous = scope.attach();
        long delivered = 0;
        try {
            Iterator<StreamCohortResponse> batches = start(request);
            StreamCohortResponse batch;
            while ((batch = next(batches)) != null) {
                for (PatientProfile profile : batch.getProfilesList()) {
                    sink.accept(profile);
                    if (++delivered == maxProfiles) {
                        LOG.debugf("StreamCohort stopped at max_profiles=%d", maxProfiles);
                        return;
                    }
                }
            }
        } finally {
            scope.detach(previous);
            // No-op when the stream already completed; otherwise frees it on both sides.
            scope.cancel(null);
        }
    }

    private Iterator<StreamCohortResponse> start(StreamCohortRequest request) {
        try {
            return authorised(stub, serviceToken.get()).withDeadlineAfter(streamDeadline.toMillis(), TimeUnit.MILLISECONDS)
                    .streamCohort(request);
        } catch (StatusRuntimeException e) {
            throw translate(e, "StreamCohort", streamDeadline);
        }
    }

    /** The next batch, or null at the end of the stream; only the transport's errors are translated. */
    private StreamCohortResponse next(Iterator<StreamCohortResponse> batches) {
        try {
            return batches.hasNext() ? batches.next() : null;
        } catch (StatusRuntimeException e) {
            throw translate(e, "StreamCohort", streamDeadline);
        }
    }

    private static PatientProfileServiceGrpc.PatientProfileServiceBlockingStub authorised(
            PatientProfileServiceGrpc.PatientProfileServiceBlockingStub stub, Optional<String> token) {
        return token.map(t -> stub.withCallCredentials(BearerCredentials.of(t))).orElse(stub);
    }

    private static RuntimeException translate(StatusRuntimeException e, String call, Duration deadline) {
        Status status = e.getStatus();
        return switch (status.getCode()) {
            case UNAVAILABLE -> new ProfileServiceUnavailableException(
                    "patient-profile-svc is unavailable (" + call + "): "
                            + Objects.requireNonNullElse(status.getDescription(), "no connection"), e);
            case DEADLINE_EXCEEDED -> new ProfileServiceUnavailableException(
                    "patient-profile-svc did not answer " + call + " within the deadline ("
                            + describe(deadline) + ", or the caller's if earlier)", e);
            default -> e;
        };
    }

    /** "10s", "10m", "1500ms": the configuration syntax, not ISO-8601. */
    static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
