package org.oncopredict.profile.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import org.oncopredict.auth.Caller;
import org.oncopredict.auth.Callers;
import org.oncopredict.auth.Roles;
import org.oncopredict.profile.domain.CohortFilter;
import org.oncopredict.profile.domain.Page;
import org.oncopredict.profile.domain.PatientProfile;
import org.oncopredict.profile.domain.PatientSummary;
import org.oncopredict.profile.mapping.ProfileProtoMapper;
import org.oncopredict.profile.service.PatientProfileService;
import org.oncopredict.profile.service.ProfileException;
import org.oncopredict.profile.service.Scope;
import org.oncopredict.proto.profile.v1.AddEcogAssessmentRequest;
import org.oncopredict.proto.profile.v1.AddEcogAssessmentResponse;
import org.oncopredict.proto.profile.v1.AddLabResultRequest;
import org.oncopredict.proto.profile.v1.AddLabResultResponse;
import org.oncopredict.proto.profile.v1.AddTherapyLineRequest;
import org.oncopredict.proto.profile.v1.AddTherapyLineResponse;
import org.oncopredict.proto.profile.v1.CreatePatientProfileRequest;
import org.oncopredict.proto.profile.v1.CreatePatientProfileResponse;
import org.oncopredict.proto.profile.v1.GetPatientProfileRequest;
import org.oncopredict.proto.profile.v1.GetPatientProfileResponse;
import org.oncopredict.proto.profile.v1.ListPatientsRequest;
import org.oncopredict.proto.profile.v1.ListPatientsResponse;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;
import org.oncopredict.proto.profile.v1.StreamCohortRequest;
import org.oncopredict.proto.profile.v1.StreamCohortResponse;
import org.oncopredict.proto.profile.v1.UpdatePatientProfileRequest;
import org.oncopredict.proto.profile.v1.UpdatePatientProfileResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;

/**
 * gRPC face of {@link PatientProfileService} ({@code oncology.profile.v1.PatientProfileService}): the same
 * commands and rules as REST, translated by {@link ProfileProtoMapper} and {@link GrpcErrors}. Database work
 * runs on worker threads ({@code @Blocking}), never on the event loop.
 *
 * <p>Access (defence in depth behind the gateway): the caller comes from the verified bearer token
 * ({@link Callers}); every RPC checks the roles listed in the proto, oncologists are scoped to their care teams
 * (reads are refused, lists narrowed, writes checked inside the write's transaction on the locked profile), and
 * data scientists only ever receive de-identified profiles. Changes are recorded with the caller's pseudonymous
 * subject as actor.
 */
@GrpcService
public class PatientProfileGrpcService extends PatientProfileServiceGrpc.PatientProfileServiceImplBase {

    private final PatientProfileService service;

    public PatientProfileGrpcService(PatientProfileService service) {
        this.service = service;
    }

    @Override
    @Blocking
    public void getPatientProfile(GetPatientProfileRequest request, StreamObserver<GetPatientProfileResponse> out) {
        unary(out, () -> {
            Caller caller = Callers.current();
            if (request.getDeidentify()) {
                caller.require("GetPatientProfile", Roles.ONCOLOGIST, Roles.TUMOR_BOARD, Roles.SERVICE, Roles.DATA_SCIENTIST);
            } else {
                caller.require("GetPatientProfile (identified)", Roles.ONCOLOGIST, Roles.TUMOR_BOARD, Roles.SERVICE);
            }
            requireId(request.getPatientId());
            PatientProfile p = service.get(request.getPatientId(), request.getDeidentify());
            requireCareTeam(caller, p);
            return GetPatientProfileResponse.newBuilder().setProfile(ProfileProtoMapper.toProto(p)).build();
        });
    }

    @Override
    @Blocking
    public void listPatients(ListPatientsRequest request, StreamObserver<ListPatientsResponse> out) {
        unary(out, () -> {
            Caller caller = Callers.current()
                    .require("ListPatients", Roles.ONCOLOGIST, Roles.TUMOR_BOARD, Roles.ADMIN, Roles.SERVICE);
            int size = request.getPageSize() == 0 ? Page.DEFAULT_SIZE : request.getPageSize();
            if (size < 1 || size > Page.MAX_SIZE) {
                throw ProfileException.invalidArgument("page_size", "page_size must be between 1 and " + Page.MAX_SIZE);
            }
            if (request.getQuery().length() > CohortFilter.MAX_QUERY_LENGTH) {
                throw ProfileException.invalidArgument("query", "query must be at most "
                        + CohortFilter.MAX_QUERY_LENGTH + " characters");
            }
            int page = PageTokens.decode(request.getPageToken());
            CohortFilter filter = ProfileProtoMapper.fromProto(request.getFilter()).withQuery(request.getQuery());
            if (caller.scopedToCareTeams()) {
                filter = filter.withinCareTeams(caller.careTeams());
            }
            Page<PatientSummary> result = service.list(filter, page, size);
            ListPatientsResponse.Builder b = ListPatientsResponse.newBuilder().setTotalSize(result.total());
            result.items().forEach(s -> b.addPatients(ProfileProtoMapper.toProto(s)));
            if (result.hasNext()) {
                b.setNextPageToken(PageTokens.encode(page + 1));
            }
            return b.build();
        });
    }

    @Override
    @Blocking
    public void streamCohort(StreamCohortRequest request, StreamObserver<StreamCohortResponse> out) {
        ServerCallStreamObserver<StreamCohortResponse> call =
                out instanceof ServerCallStreamObserver<StreamCohortResponse> s ? s : null;
        try {
            Caller caller = Callers.current();
            if (request.getDeidentify()) {
                caller.require("StreamCohort", Roles.SERVICE, Roles.DATA_SCIENTIST);
            } else {
                caller.require("StreamCohort (identified)", Roles.SERVICE);
            }
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
        unary(out, () -> {
            Caller caller = writer("CreatePatientProfile");
            if (!request.hasProfile()) {
                throw ProfileException.invalidArgument("profile", "profile is required");
            }
            PatientProfile created = service.create(ProfileProtoMapper.fromProto(request.getProfile()), caller.subject(),
                    scope(caller));
            return CreatePatientProfileResponse.newBuilder().setProfile(ProfileProtoMapper.toProto(created)).build();
        });
    }

    @Override
    @Blocking
    public void updatePatientProfile(UpdatePatientProfileRequest request, StreamObserver<UpdatePatientProfileResponse> out) {
        unary(out, () -> {
            Caller caller = writer("UpdatePatientProfile");
            if (!request.hasProfile()) {
                throw ProfileException.invalidArgument("profile", "profile is required");
            }
            requireId(request.getProfile().getPatientId(), "profile.patient_id");
            if (request.getExpectedVersion() < 1) {
                throw ProfileException.invalidArgument("expected_version",
                        "expected_version is required (the version the change was made against)");
            }
            PatientProfile updated = service.replace(request.getProfile().getPatientId(), request.getExpectedVersion(),
                    ProfileProtoMapper.fromProto(request.getProfile()), caller.subject(), scope(caller));
            return UpdatePatientProfileResponse.newBuilder().setProfile(ProfileProtoMapper.toProto(updated)).build();
        });
    }

    @Override
    @Blocking
    public void addTherapyLine(AddTherapyLineRequest request, StreamObserver<AddTherapyLineResponse> out) {
        unary(out, () -> {
            Caller caller = writer("AddTherapyLine");
            requireId(request.getPatientId());
            if (!request.hasLine()) {
                throw ProfileException.invalidArgument("line", "line is required");
            }
            var openLineEnds = request.getEndOpenLine()
                    ? new PatientProfileService.OpenLineEnd(ProfileProtoMapper.reasonStopped(request.getOpenLineReason(),
                    "open_line_reason"), ProfileProtoMapper.date(request.getOpenLineProgressionDate(),
                    "open_line_progression_date")) : null;
            var added = service.addTherapyLine(request.getPatientId(), expected(request.hasExpectedVersion(),
                    request.getExpectedVersion()), ProfileProtoMapper.fromProto(request.getLine(), "line."), openLineEnds,
                    caller.subject(), scope(caller));
            PatientProfile profile = service.get(request.getPatientId(), false);
            return AddTherapyLineResponse.newBuilder().setLine(ProfileProtoMapper.toProto(added.line()))
                    .setProfile(ProfileProtoMapper.toProto(profile)).build();
        });
    }

    @Override
    @Blocking
    public void addLabResult(AddLabResultRequest request, StreamObserver<AddLabResultResponse> out) {
        unary(out, () -> {
            Caller caller = writer("AddLabResult");
            requireId(request.getPatientId());
            if (!request.hasLab()) {
                throw ProfileException.invalidArgument("lab", "lab is required");
            }
            PatientProfile p = service.addLab(request.getPatientId(), expected(request.hasExpectedVersion(),
                    request.getExpectedVersion()), ProfileProtoMapper.fromProto(request.getLab(), "lab."),
                    caller.subject(), scope(caller));
            return AddLabResultResponse.newBuilder().setProfile(ProfileProtoMapper.toProto(p)).build();
        });
    }

    @Override
    @Blocking
    public void addEcogAssessment(AddEcogAssessmentRequest request, StreamObserver<AddEcogAssessmentResponse> out) {
        unary(out, () -> {
            Caller caller = writer("AddEcogAssessment");
            requireId(request.getPatientId());
            if (!request.hasEcog()) {
                throw ProfileException.invalidArgument("ecog", "ecog is required");
            }
            PatientProfile p = service.addEcog(request.getPatientId(), expected(request.hasExpectedVersion(),
                    request.getExpectedVersion()), ProfileProtoMapper.fromProto(request.getEcog(), "ecog."),
                    caller.subject(), scope(caller));
            return AddEcogAssessmentResponse.newBuilder().setProfile(ProfileProtoMapper.toProto(p)).build();
        });
    }

    // ------------------------------------------------------------------------------------------ access

    private static Caller writer(String rpc) {
        return Callers.current().require(rpc, Roles.ONCOLOGIST, Roles.SERVICE);
    }

    /** An oncologist may change only patients of their care teams, and may not move one out of them. */
    private static Scope scope(Caller caller) {
        return (before, after) -> {
            if (before != null) {
                requireCareTeam(caller, before);
            }
            if (!caller.inCareTeamOf(after.careTeams())) {
                throw Caller.denied("the profile must stay in one of your care teams " + caller.careTeams());
            }
        };
    }

    private static void requireCareTeam(Caller caller, PatientProfile p) {
        if (!caller.inCareTeamOf(p.careTeams())) {
            throw Caller.denied("patient " + p.patientId() + " is not in one of your care teams");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static <T> void unary(StreamObserver<T> out, Supplier<T> work) {
        T response;
        try {
            response = work.get();
        } catch (RuntimeException e) {
            out.onError(GrpcErrors.toStatus(e));
            return;
        }
        out.onNext(response);
        out.onCompleted();
    }

    private static Long expected(boolean present, long value) {
        if (present && value < 1) {
            throw ProfileException.invalidArgument("expected_version", "expected_version must be >= 1 when set");
        }
        return present ? value : null;
    }

    private static void requireId(String id) {
        requireId(id, "patient_id");
    }

    private static void requireId(String id, String field) {
        if (id.isBlank()) {
            throw ProfileException.invalidArgument(field, field + " is required");
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
