package org.oncopredict.profile.grpc;

import io.grpc.ManagedChannel;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulatedPatient;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.cohortsim.load.LoadResult;
import org.oncopredict.cohortsim.load.ProfileLoader;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;
import org.oncopredict.proto.profile.v1.StreamCohortRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's loader against the real service: every simulated profile passes the service's validation,
 * is stored faithfully (streamed back equal to what was sent, ids aside), and a second load is a no-op.
 */
@QuarkusTest
class SimulatedCohortLoadTest {

    @ConfigProperty(name = "quarkus.grpc.server.test-port")
    int port;

    @Test
    void simulatedCohortLoadsCompletelyRoundTripsAndReloadsIdempotently() throws Exception {
        int n = 600;
        // A seed of its own: MRNs are unique per cohort, and no other test uses this seed.
        CohortSimulator sim = new CohortSimulator(SimulationConfig.builder().seed(9_310_771L).build());
        List<SimulatedPatient> cohort = sim.generate(n);
        ManagedChannel channel = ProfileLoader.plaintextChannel("127.0.0.1:" + port);
        try {
            ProfileLoader loader = ProfileLoader.builder(channel).concurrency(4).build();
            LoadResult first = loader.load(cohort.stream().map(SimulatedPatient::profile).iterator());
            assertThat(first.failures()).isEmpty();
            assertThat(first.created()).isEqualTo(n);

            LoadResult second = loader.load(cohort.stream().map(SimulatedPatient::profile).iterator());
            assertThat(second.created()).isZero();
            assertThat(second.skipped()).isEqualTo(n);

            Map<String, PatientProfile> sent = new HashMap<>();
            cohort.forEach(p -> sent.put(p.profile().getIdentity().getMrn(), p.profile()));
            var stub = PatientProfileServiceGrpc.newBlockingStub(channel);
            Map<String, PatientProfile> stored = new HashMap<>();
            for (String team : List.of("thoracic-a", "thoracic-b", "gi-a", "breast-a")) {
                stub.streamCohort(StreamCohortRequest.newBuilder().setFilter(CohortFilter.newBuilder().addCareTeams(team)).build())
                        .forEachRemaining(b -> b.getProfilesList().stream()
                                .filter(p -> sent.containsKey(p.getIdentity().getMrn()))
                                .forEach(p -> stored.put(p.getIdentity().getMrn(), p)));
            }
            assertThat(stored).hasSize(n);
            for (Map.Entry<String, PatientProfile> e : sent.entrySet()) {
                assertThat(clientFields(stored.get(e.getKey()))).as(e.getKey()).isEqualTo(clientFields(e.getValue()));
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The profile without what the server assigns or derives (ids, version, ages). */
    private static PatientProfile clientFields(PatientProfile p) {
        var h = p.getHistory().toBuilder();
        for (int i = 0; i < h.getTherapyLinesCount(); i++) {
            h.setTherapyLines(i, h.getTherapyLines(i).toBuilder().clearLineId());
        }
        return p.toBuilder().clearPatientId().clearVersion().clearAgeBand().clearAgeAtDiagnosisYears().setHistory(h).build();
    }
}
