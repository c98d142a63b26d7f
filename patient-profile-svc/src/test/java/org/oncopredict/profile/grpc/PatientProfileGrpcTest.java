package org.oncopredict.profile.grpc;

import com.google.rpc.BadRequest;
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
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.CreatePatientProfileRequest;
import org.oncopredict.proto.profile.v1.GetPatientProfileRequest;
import org.oncopredict.proto.profile.v1.ListPatientsRequest;
import org.oncopredict.proto.profile.v1.ListPatientsResponse;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;
import org.oncopredict.proto.profile.v1.StreamCohortRequest;
import org.oncopredict.proto.profile.v1.StreamCohortResponse;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gRPC API over real loopback gRPC (grpc-java client, Quarkus server), backed by the same service as REST. */
@QuarkusTest
class PatientProfileGrpcTest {

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

    @Test
    void getPatientProfileMatchesWhatRestStored() {
        Map<String, Object> body = TestProfiles.valid();
        String id = PatientResourceTestSupport.createId(body);
        PatientProfile p = stub.getPatientProfile(GetPatientProfileRequest.newBuilder().setPatientId(id).build()).getProfile();
        assertThat(p.getPatientId()).isEqualTo(id);
        assertThat(p.getVersion()).isEqualTo(1);
        assertThat(p.getIdentity().getMrn()).isEqualTo(TestProfiles.get(body, "identity.mrn"));
        assertThat(p.getIdentity().getFamilyName()).isEqualTo("Müller");
        assertThat(p.getCancer().getCancerType()).isEqualTo(CancerType.CANCER_TYPE_NSCLC);
        assertThat(p.getCancer().getStageGroup()).isEqualTo("IVA");
        assertThat(p.getGenomics().getVariants(0).getHgvsP()).isEqualTo("p.L858R");
        assertThat(p.getGenomics().getVariants(0).getVaf()).isEqualTo(0.31);
        assertThat(p.getGenomics().hasPdl1Cps()).isFalse(); // unknown stays unknown, not 0
        assertThat(p.getGenomics().getPdl1TpsPercent()).isEqualTo(20.0);
        assertThat(p.getHistory().getTherapyLines(0).getRegimenId()).isEqualTo("osimertinib");
        assertThat(p.getHistory().getTherapyLines(0).getWorstToxicityGrade()).isEqualTo(1);
        assertThat(p.getAgeAtDiagnosisYears()).isEqualTo(65);
    }

    @Test
    void deidentifiedProfileHasNoIdentifiersAndKeepsIntervals() {
        Map<String, Object> body = TestProfiles.valid();
        String id = PatientResourceTestSupport.createId(body);
        PatientProfile p = stub.getPatientProfile(GetPatientProfileRequest.newBuilder().setPatientId(id).setDeidentify(true).build())
                .getProfile();
        assertThat(p.getDeidentified()).isTrue();
        assertThat(p.hasIdentity()).isFalse();
        assertThat(p.toString()).doesNotContain("Müller").doesNotContain("1958-03-14")
                .doesNotContain((String) TestProfiles.get(body, "identity.mrn"));
        assertThat(p.getAgeBand()).matches("\\d+-\\d+");
        LocalDate diagnosis = LocalDate.parse(p.getCancer().getDiagnosisDate());
        LocalDate lineStart = LocalDate.parse(p.getHistory().getTherapyLines(0).getStartDate());
        assertThat(diagnosis).isNotEqualTo(LocalDate.parse("2024-02-01")); // shifted
        assertThat(ChronoUnit.DAYS.between(diagnosis, lineStart)).isEqualTo(29); // 2024-02-01 -> 2024-03-01 kept
    }

    @Test
    void createOverGrpcValidatesWithFieldDetails() {
        PatientProfile bad = PatientProfile.newBuilder()
                .setSex(org.oncopredict.proto.profile.v1.Sex.SEX_MALE)
                .addCareTeams("thoracic-a")
                .setGenomics(org.oncopredict.proto.profile.v1.Genomics.newBuilder()
                        .addVariants(org.oncopredict.proto.profile.v1.Variant.newBuilder().setGene("EGFR").setVaf(1.7)))
                .build();
        assertThatThrownBy(() -> stub.createPatientProfile(CreatePatientProfileRequest.newBuilder().setProfile(bad).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    List<String> fields = new ArrayList<>();
                    StatusProto.fromThrowable(e).getDetailsList().forEach(any -> {
                        try {
                            any.unpack(BadRequest.class).getFieldViolationsList().forEach(v -> fields.add(v.getField()));
                        } catch (Exception ex) {
                            throw new AssertionError(ex);
                        }
                    });
                    assertThat(fields).contains("genomics.variants[0].vaf", "identity");
                });
        PatientProfile badDate = bad.toBuilder().setCancer(org.oncopredict.proto.profile.v1.CancerCondition.newBuilder()
                .setCancerType(CancerType.CANCER_TYPE_NSCLC).setDiagnosisDate("01/02/2024")).build();
        assertThatThrownBy(() -> stub.createPatientProfile(CreatePatientProfileRequest.newBuilder().setProfile(badDate).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("cancer.diagnosisDate");
                });
    }

    @Test
    void createOverGrpcRoundTripsAndDuplicateMrnIsAlreadyExists() {
        String id = PatientResourceTestSupport.createId(TestProfiles.valid());
        PatientProfile stored = stub.getPatientProfile(GetPatientProfileRequest.newBuilder().setPatientId(id).build()).getProfile();
        PatientProfile copy = stored.toBuilder().setPatientId("").setVersion(0)
                .setIdentity(stored.getIdentity().toBuilder().setMrn(TestProfiles.uniqueMrn())).build();
        PatientProfile created = stub.createPatientProfile(CreatePatientProfileRequest.newBuilder().setProfile(copy).build()).getProfile();
        assertThat(created.getPatientId()).isNotEqualTo(id).startsWith("P-");
        // Everything but the server-assigned ids equals the source profile.
        assertThat(normalise(created)).isEqualTo(normalise(copy.toBuilder().setPatientId(created.getPatientId()).setVersion(1).build()));
        assertThatThrownBy(() -> stub.createPatientProfile(CreatePatientProfileRequest.newBuilder().setProfile(copy).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS));
    }

    private static PatientProfile normalise(PatientProfile p) {
        var h = p.getHistory().toBuilder();
        for (int i = 0; i < h.getTherapyLinesCount(); i++) {
            h.setTherapyLines(i, h.getTherapyLines(i).toBuilder().setLineId(""));
        }
        return p.toBuilder().setHistory(h).build();
    }

    @Test
    void unknownPatientIsNotFound() {
        assertThatThrownBy(() -> stub.getPatientProfile(GetPatientProfileRequest.newBuilder().setPatientId("P-0000000000").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void listPagesWithOpaqueTokensAndRejectsForgedOnes() {
        String team = TestProfiles.uniqueTeam();
        for (int i = 0; i < 5; i++) {
            PatientResourceTestSupport.createId(TestProfiles.valid(team));
        }
        CohortFilter filter = CohortFilter.newBuilder().addCareTeams(team).build();
        List<String> ids = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListPatientsResponse r = stub.listPatients(ListPatientsRequest.newBuilder().setFilter(filter).setPageSize(2).setPageToken(token).build());
            assertThat(r.getTotalSize()).isEqualTo(5);
            r.getPatientsList().forEach(s -> ids.add(s.getPatientId()));
            token = r.getNextPageToken();
            pages++;
        } while (!token.isEmpty());
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();
        assertThatThrownBy(() -> stub.listPatients(ListPatientsRequest.newBuilder().setPageToken("bogus!").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void streamCohortSendsEveryMatchInBatchesAndHonoursLimitsAndFilters() {
        String team = TestProfiles.uniqueTeam();
        int n = 1203; // more than two batches of 500
        List<String> created = PatientResourceTestSupport.createMany(team, n);
        Map<String, Object> kras = TestProfiles.valid(team);
        TestProfiles.set(kras, "genomics.variants[0].gene", "KRAS");
        TestProfiles.set(kras, "genomics.variants[0].hgvsP", "p.G12C");
        String krasId = PatientResourceTestSupport.createId(kras);

        CohortFilter filter = CohortFilter.newBuilder().addCareTeams(team).build();
        Iterator<StreamCohortResponse> it = stub.streamCohort(StreamCohortRequest.newBuilder().setFilter(filter).setDeidentify(true).build());
        List<String> streamed = new ArrayList<>();
        int batches = 0;
        while (it.hasNext()) {
            StreamCohortResponse batch = it.next();
            batches++;
            assertThat(batch.getProfilesCount()).isLessThanOrEqualTo(500);
            batch.getProfilesList().forEach(p -> {
                assertThat(p.getDeidentified()).isTrue();
                assertThat(p.hasIdentity()).isFalse();
                streamed.add(p.getPatientId());
            });
        }
        assertThat(batches).isEqualTo(3);
        assertThat(streamed).hasSize(n + 1).doesNotHaveDuplicates().containsAll(created).contains(krasId);

        List<String> limited = new ArrayList<>();
        stub.streamCohort(StreamCohortRequest.newBuilder().setFilter(filter).setMaxProfiles(7).build())
                .forEachRemaining(b -> b.getProfilesList().forEach(p -> limited.add(p.getPatientId())));
        assertThat(limited).hasSize(7);

        List<String> g12c = new ArrayList<>();
        stub.streamCohort(StreamCohortRequest.newBuilder().setFilter(filter.toBuilder().addBiomarkers("KRAS:p.G12C")).build())
                .forEachRemaining(b -> b.getProfilesList().forEach(p -> g12c.add(p.getPatientId())));
        assertThat(g12c).containsExactly(krasId);

        assertThatThrownBy(() -> stub.streamCohort(StreamCohortRequest.newBuilder()
                .setFilter(CohortFilter.newBuilder().addBiomarkers("not a marker")).build()).hasNext())
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("KRAS:p.G12C");
                });
    }
}
