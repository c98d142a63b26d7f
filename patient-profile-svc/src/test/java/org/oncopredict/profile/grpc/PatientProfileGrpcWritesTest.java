package org.oncopredict.profile.grpc;

import java.util.Map;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oncopredict.profile.TestProfiles;
import org.oncopredict.profile.rest.PatientResourceTestSupport;
import org.oncopredict.proto.profile.v1.AddEcogAssessmentRequest;
import org.oncopredict.proto.profile.v1.AddLabResultRequest;
import org.oncopredict.proto.profile.v1.AddTherapyLineRequest;
import org.oncopredict.proto.profile.v1.AddTherapyLineResponse;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.GetPatientProfileRequest;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.LabType;
import org.oncopredict.proto.profile.v1.ListPatientsRequest;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;
import org.oncopredict.proto.profile.v1.PatientSummary;
import org.oncopredict.proto.profile.v1.ReasonStopped;
import org.oncopredict.proto.profile.v1.TherapyLine;
import org.oncopredict.proto.profile.v1.UpdatePatientProfileRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The write RPCs and the free-text search over real loopback gRPC (authentication disabled in this module's tests). */
@QuarkusTest
class PatientProfileGrpcWritesTest {

    @ConfigProperty(name = "quarkus.grpc.server.test-port")
    int port;

    ManagedChannel channel;
    PatientProfileServiceGrpc.PatientProfileServiceBlockingStub stub;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = PatientProfileServiceGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void close() {
        channel.shutdownNow();
    }

    private PatientProfile get(String id) {
        return stub.getPatientProfile(GetPatientProfileRequest.newBuilder().setPatientId(id).build()).getProfile();
    }

    @Test
    void updateAtTheCurrentVersionAdvancesItAndAStaleOneIsAbortedWithTheCurrentVersion() {
        String id = PatientResourceTestSupport.createId(TestProfiles.valid());
        PatientProfile v1 = get(id);
        PatientProfile changed = v1.toBuilder().setLifestyle(v1.getLifestyle().toBuilder().setBmi(31.5)).build();

        PatientProfile v2 = stub.updatePatientProfile(UpdatePatientProfileRequest.newBuilder()
                .setProfile(changed).setExpectedVersion(1).build()).getProfile();
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(get(id).getLifestyle().getBmi()).isEqualTo(31.5);

        // A second writer still holding version 1 must not overwrite the first one's change.
        PatientProfile stale = v1.toBuilder().setLifestyle(v1.getLifestyle().toBuilder().setBmi(20)).build();
        assertThatThrownBy(() -> stub.updatePatientProfile(UpdatePatientProfileRequest.newBuilder()
                .setProfile(stale).setExpectedVersion(1).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
                    ErrorInfo info = detail(e, ErrorInfo.class);
                    assertThat(info.getMetadataMap()).containsEntry("current_version", "2");
                });
        assertThat(get(id).getLifestyle().getBmi()).isEqualTo(31.5);
    }

    @Test
    void updateWithoutAnExpectedVersionIsRefusedAndWritesNothing() {
        String id = PatientResourceTestSupport.createId(TestProfiles.valid());
        PatientProfile v1 = get(id);
        assertThatThrownBy(() -> stub.updatePatientProfile(UpdatePatientProfileRequest.newBuilder()
                .setProfile(v1.toBuilder().setLifestyle(v1.getLifestyle().toBuilder().setBmi(40))).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(detail(e, BadRequest.class).getFieldViolations(0).getField()).isEqualTo("expected_version");
                });
        assertThat(get(id).getVersion()).isEqualTo(1);
    }

    @Test
    void appendsAddATherapyLineALabAndAnEcogAndNameTheFieldOfABadOne() {
        String id = PatientResourceTestSupport.createId(TestProfiles.valid());
        int lines = get(id).getHistory().getTherapyLinesCount();
        AddTherapyLineResponse added = stub.addTherapyLine(AddTherapyLineRequest.newBuilder().setPatientId(id)
                .setLine(TherapyLine.newBuilder().setRegimenId("docetaxel").setStartDate("2025-03-01")
                        .setDecidedBy("u-123").setRationale("progression on osimertinib"))
                .build());
        assertThat(added.getLine().getLineId()).isNotBlank();
        assertThat(added.getLine().getLineNumber()).isEqualTo(lines + 1);
        assertThat(added.getProfile().getVersion()).isEqualTo(2);
        assertThat(added.getProfile().getHistory().getTherapyLinesList())
                .extracting(TherapyLine::getRationale).contains("progression on osimertinib");

        int labs = get(id).getHistory().getLabsCount();
        PatientProfile withLab = stub.addLabResult(AddLabResultRequest.newBuilder().setPatientId(id).setExpectedVersion(2)
                .setLab(LabResult.newBuilder().setDate("2025-03-02").setType(LabType.LAB_TYPE_EGFR).setValue(52))
                .build()).getProfile();
        assertThat(withLab.getHistory().getLabsCount()).isEqualTo(labs + 1);
        PatientProfile withEcog = stub.addEcogAssessment(AddEcogAssessmentRequest.newBuilder().setPatientId(id)
                .setEcog(EcogAssessment.newBuilder().setDate("2025-03-02").setScore(1)).build()).getProfile();
        assertThat(withEcog.getVersion()).isEqualTo(4);

        // An ECOG of 7 is out of range: refused, named, nothing written.
        assertThatThrownBy(() -> stub.addEcogAssessment(AddEcogAssessmentRequest.newBuilder().setPatientId(id)
                .setEcog(EcogAssessment.newBuilder().setDate("2025-03-03").setScore(7)).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(detail(e, BadRequest.class).getFieldViolationsList())
                            .anySatisfy(v -> assertThat(v.getField()).contains("ecog").contains("score"));
                });
        assertThat(get(id).getVersion()).isEqualTo(4);
    }

    @Test
    void aNewLineCanEndTheOpenOneInTheSameWrite() {
        String id = PatientResourceTestSupport.createId(TestProfiles.valid());
        TherapyLine open = stub.addTherapyLine(AddTherapyLineRequest.newBuilder().setPatientId(id)
                .setLine(TherapyLine.newBuilder().setRegimenId("docetaxel").setStartDate("2025-03-01"))
                .build()).getLine();
        assertThat(open.getEndDate()).isEmpty();
        PatientProfile before = get(id);

        // Starting before the open line would end it before it began: refused, named, nothing written.
        assertThatThrownBy(() -> stub.addTherapyLine(AddTherapyLineRequest.newBuilder().setPatientId(id)
                .setLine(TherapyLine.newBuilder().setRegimenId("pembrolizumab").setStartDate("2025-02-01"))
                .setEndOpenLine(true).setOpenLineReason(ReasonStopped.REASON_STOPPED_PROGRESSION).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(detail(e, BadRequest.class).getFieldViolations(0).getField()).isEqualTo("line.start_date");
                });
        // A line being ended is not ongoing.
        assertThatThrownBy(() -> stub.addTherapyLine(AddTherapyLineRequest.newBuilder().setPatientId(id)
                .setLine(TherapyLine.newBuilder().setRegimenId("pembrolizumab").setStartDate("2025-06-01"))
                .setEndOpenLine(true).setOpenLineReason(ReasonStopped.REASON_STOPPED_ONGOING).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(detail(e, BadRequest.class)
                        .getFieldViolations(0).getField()).isEqualTo("open_line_reason"));
        assertThat(get(id)).isEqualTo(before);

        // Progression dates the PFS event: never guessed, so required, and within the line.
        assertThatThrownBy(() -> stub.addTherapyLine(AddTherapyLineRequest.newBuilder().setPatientId(id)
                .setLine(TherapyLine.newBuilder().setRegimenId("pembrolizumab").setStartDate("2025-06-01"))
                .setEndOpenLine(true).setOpenLineReason(ReasonStopped.REASON_STOPPED_PROGRESSION).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(detail(e, BadRequest.class)
                        .getFieldViolations(0).getField()).isEqualTo("open_line_progression_date"));
        assertThatThrownBy(() -> stub.addTherapyLine(AddTherapyLineRequest.newBuilder().setPatientId(id)
                .setLine(TherapyLine.newBuilder().setRegimenId("pembrolizumab").setStartDate("2025-06-01"))
                .setEndOpenLine(true).setOpenLineReason(ReasonStopped.REASON_STOPPED_PROGRESSION)
                .setOpenLineProgressionDate("2025-06-02").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(detail(e, BadRequest.class)
                        .getFieldViolations(0).getField()).isEqualTo("open_line_progression_date"));
        assertThat(get(id)).isEqualTo(before);

        AddTherapyLineResponse next = stub.addTherapyLine(AddTherapyLineRequest.newBuilder().setPatientId(id)
                .setLine(TherapyLine.newBuilder().setRegimenId("pembrolizumab").setStartDate("2025-06-01"))
                .setEndOpenLine(true).setOpenLineReason(ReasonStopped.REASON_STOPPED_PROGRESSION)
                .setOpenLineProgressionDate("2025-05-20").build());
        assertThat(next.getProfile().getVersion()).isEqualTo(before.getVersion() + 1);
        TherapyLine ended = next.getProfile().getHistory().getTherapyLinesList().stream()
                .filter(t -> t.getLineId().equals(open.getLineId())).findFirst().orElseThrow();
        assertThat(ended.getEndDate()).isEqualTo("2025-06-01");
        assertThat(ended.getReasonStopped()).isEqualTo(ReasonStopped.REASON_STOPPED_PROGRESSION);
        assertThat(ended.getProgressionDate()).isEqualTo("2025-05-20");
        assertThat(next.getLine().getEndDate()).isEmpty();
        // Every other line is as it was.
        assertThat(next.getProfile().getHistory().getTherapyLinesList().stream()
                .filter(t -> !t.getLineId().equals(open.getLineId()) && !t.getLineId().equals(next.getLine().getLineId())))
                .containsExactlyElementsOf(before.getHistory().getTherapyLinesList().stream()
                        .filter(t -> !t.getLineId().equals(open.getLineId())).toList());

        // Without the flag an append leaves the open line open (imports of complete histories append that way).
        TherapyLine third = stub.addTherapyLine(AddTherapyLineRequest.newBuilder().setPatientId(id)
                .setLine(TherapyLine.newBuilder().setRegimenId("docetaxel").setStartDate("2025-09-01")).build()).getLine();
        assertThat(get(id).getHistory().getTherapyLinesList().stream()
                .filter(t -> t.getLineId().equals(next.getLine().getLineId())).findFirst().orElseThrow().getEndDate())
                .isEmpty();
        assertThat(third.getLineNumber()).isEqualTo(next.getLine().getLineNumber() + 1);
    }

    @Test
    void searchFindsByPseudonymMrnOrNameWordsAndFilterByPatientIds() {
        String team = TestProfiles.uniqueTeam();
        Map<String, Object> body = TestProfiles.valid(team);
        String mrn = (String) TestProfiles.get(body, "identity.mrn");
        String id = PatientResourceTestSupport.createId(body);
        String other = PatientResourceTestSupport.createId(TestProfiles.valid(team));
        CohortFilter mine = CohortFilter.newBuilder().addCareTeams(team).build();

        assertThat(search(mine, id.toLowerCase())).containsExactly(id);
        assertThat(search(mine, mrn)).containsExactly(id);
        String given = (String) TestProfiles.get(body, "identity.givenName");
        // Every word must match: the family name and the given name, in any case; both test patients share them.
        assertThat(search(mine, "müller " + given.toUpperCase())).containsExactlyInAnyOrder(id, other);
        assertThat(search(mine, "müller nobody")).isEmpty();
        // LIKE wildcards are literal characters, not "match anything".
        assertThat(search(mine, "%")).isEmpty();
        assertThat(stub.listPatients(ListPatientsRequest.newBuilder()
                .setFilter(mine.toBuilder().addPatientIds(other)).build()).getPatientsList())
                .extracting(PatientSummary::getPatientId).containsExactly(other);
        assertThatThrownBy(() -> search(mine, "x".repeat(101)))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    private java.util.List<String> search(CohortFilter filter, String query) {
        return stub.listPatients(ListPatientsRequest.newBuilder().setFilter(filter).setQuery(query).build())
                .getPatientsList().stream().map(PatientSummary::getPatientId).toList();
    }

    private static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException e, Class<T> type) {
        return StatusProto.fromThrowable(e).getDetailsList().stream().filter(a -> a.is(type)).findFirst()
                .map(a -> {
                    try {
                        return a.unpack(type);
                    } catch (com.google.protobuf.InvalidProtocolBufferException x) {
                        throw new AssertionError(x);
                    }
                }).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + e.getStatus()));
    }
}
