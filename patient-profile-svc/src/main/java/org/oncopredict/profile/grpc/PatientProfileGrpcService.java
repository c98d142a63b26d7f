package org.oncopredict.profile.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import org.oncopredict.profile.domain.Page;
import org.oncopredict.profile.domain.PatientProfile;
import org.oncopredict.profile.domain.PatientSummary;
import org.oncopredict.profile.mapping.ProfileProtoMapper;
import org.oncopredict.profile.service.PatientProfileService;
import org.oncopredict.profile.service.ProfileException;
import org.oncopredict.proto.profile.v1.CreatePatientProfileRequest;
import org.oncopredict.proto.profile.v1.CreatePatientProfileResponse;
import org.oncopredict.proto.profile.v1.GetPatientProfileRequest;
import org.oncopredict.proto.profile.v1.GetPatientProfileResponse;
import org.oncopredict.proto.profile.v1.ListPatientsRequest;
import org.oncopredict.proto.profile.v1.ListPatientsResponse;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;
import org.oncopredict.proto.profile.v1.StreamCohortRequest;
import org.oncopredict.proto.profile.v1.StreamCohortResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;

/**
 * gRPC face of {@link PatientProfileService} ({@code oncology.profile.v1.PatientProfileService}): the same
 * commands and rules as REST, translated by {@link ProfileProtoMapper} and {@link GrpcErrors}. Database work
 * runs on worker threads ({@code @Blocking}), never on the event loop.
 */
@GrpcService
public class PatientProfileGrpcService extends PatientProfileServiceGrpc.PatientProfileServiceImplBase {

    /** Until callers are authenticated (gateway issue), writes over gRPC are attributed to this actor. */
    static final String GRPC_ACTOR = "grpc";

    private final PatientProfileService service;

    public PatientProfileGrpcService(PatientProfileService service) {
        this.service = service;
    }

    @Override
    @Blocking
    public void getPatientProfile(GetPatientProfileRequest request, StreamObserver<GetPatientProfileResponse> out) {
        try {
            requireId(request.getPatientId());
            PatientProfile p = service.get(request.getPatientId(), request.getDeidentify());
            out.onNext(GetPatientProfileResponse.newBuilder().setProfile(ProfileProtoMapper.toProto(p)).build());
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(GrpcErrors.toStatus(e));
        }
    }

    @Override
    @Blocking
    public void listPatients(ListPatientsRequest request, StreamObserver<ListPatientsResponse> out) {
        try {
            int size = request.getPageSize() == 0 ? Page.DEFAULT_SIZE : request.getPageSize();
            if (size < 1 || size > Page.MAX_SIZE) {
                throw ProfileException.invalidArgument("page_size", "page_size must be between 1 and " + Page.MAX_SIZE);
            }
            int page = PageTokens.decode(request.getPageToken());
            Page<PatientSummary> result = service.list(ProfileProtoMapper.fromProto(request.getFilter()), page, size);
            ListPatientsResponse.Builder b = ListPatientsResponse.newBuilder().setTotalSize(result.total());
            result.items().forEach(s -> b.addPatients(ProfileProtoMapper.toProto(s)));
            if (result.hasNext()) {
                b.setNextPageToken(PageTokens.encode(page + 1));
            }
            out.onNext(b.build());
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(GrpcErrors.toStatus(e));
        }
    }

    @Override
    @Blocking
    public void streamCohort(StreamCohortRequest request, StreamObserver<StreamCohortResponse> out) {
        ServerCallStreamObserver<StreamCohortResponse> call =
                out instanceof ServerCallStreamObserver<StreamCohortResponse> s ? s : null;
        try {
            if (request.getMaxProfiles() < 0) {
                throw ProfileException.invalidArgument("max_profiles", "max_profiles must be 0 (no limit) or more");
            }
            service.stream(ProfileProtoMapper.fromProto(request.getFilter()), request.getDeidentify(),
                    request.getMaxProfiles(), batch -> send(call, out, batch));
            out.onCompleted();
        } catch (CancellationException e) {
            // the client went away; nothing to answer
        } catch (RuntimeException e) {
            out.onError(GrpcErrors.toStatus(e));
        }
    }

    /** Sends one batch once the transport can take it, so a slow client slows the reader instead of filling memory. */
    private static void send(ServerCallStreamObserver<StreamCohortResponse> call, StreamObserver<StreamCohortResponse> out,
                             List<PatientProfile> batch) {
        StreamCohortResponse.Builder b = StreamCohortResponse.newBuilder();
        batch.forEach(p -> b.addProfiles(ProfileProtoMapper.toProto(p)));
        if (call != null) {
            while (!call.isReady()) {
                if (call.isCancelled()) {
                    throw new CancellationException("client cancelled");
                }
                LockSupport.parkNanos(200_000);
            }
        }
        out.onNext(b.build());
    }

    @Override
    @Blocking
    public void createPatientProfile(CreatePatientProfileRequest request, StreamObserver<CreatePatientProfileResponse> out) {
        try {
            if (!request.hasProfile()) {
                throw ProfileException.invalidArgument("profile", "profile is required");
            }
            PatientProfile created = service.create(ProfileProtoMapper.fromProto(request.getProfile()), GRPC_ACTOR);
            out.onNext(CreatePatientProfileResponse.newBuilder().setProfile(ProfileProtoMapper.toProto(created)).build());
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(GrpcErrors.toStatus(e));
        }
    }

    private static void requireId(String id) {
        if (id.isBlank()) {
            throw ProfileException.invalidArgument("patient_id", "patient_id is required");
        }
    }

    /** Opaque page tokens (AIP-158): the page index, base64-encoded so clients do not build them. */
    static final class PageTokens {
        private PageTokens() {
        }

        static String encode(int page) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(("p:" + page).getBytes(StandardCharsets.US_ASCII));
        }

        static int decode(String token) {
            if (token.isEmpty()) {
                return 0;
            }
            try {
                String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
                if (s.startsWith("p:")) {
                    int page = Integer.parseInt(s.substring(2));
                    if (page >= 0) {
                        return page;
                    }
                }
            } catch (IllegalArgumentException e) {
                // falls through to the error below
            }
            throw ProfileException.invalidArgument("page_token", "page_token is not one this service issued");
        }
    }
}
