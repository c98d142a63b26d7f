package org.oncopredict.efficacy.profiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.grpc.Context;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.oncopredict.efficacy.testsupport.ProfileServiceProcess;
import org.oncopredict.localpg.PostgresTestResource;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.PatientProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ProfileClient} against a real patient-profile-svc (child process, own database) holding 120
 * simulated patients.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ProfileServiceProcess.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "patients", value = "120"),
        @ResourceArg(name = "seed", value = "7")})
class ProfileClientTest {

    private static final int PATIENTS = 120;
    private static final CohortFilter EVERYONE = CohortFilter.getDefaultInstance();

    @Inject
    ProfileClient client;

    private List<PatientProfile> stream(CohortFilter filter, boolean deidentify, int maxProfiles) {
        List<PatientProfile> out = new ArrayList<>();
        client.streamCohort(filter, deidentify, maxProfiles, out::add);
        return out;
    }

    @Test
    void streamsTheWholeCohortIdentified() {
        List<PatientProfile> all = stream(EVERYONE, false, 0);

        assertThat(all).hasSize(PATIENTS);
        assertThat(all).extracting(PatientProfile::getPatientId).doesNotHaveDuplicates();
        // A stable order (the service's creation order): a second stream lists the same ids the same way.
        assertThat(stream(EVERYONE, false, 0)).extracting(PatientProfile::getPatientId)
                .containsExactlyElementsOf(all.stream().map(PatientProfile::getPatientId).toList());
        assertThat(all).allSatisfy(p -> {
            assertThat(p.getDeidentified()).isFalse();
            assertThat(p.hasIdentity()).isTrue();
            assertThat(p.getIdentity().getMrn()).isNotEmpty();
        });
    }

    @Test
    void getReturnsTheProfileTheStreamReturned() {
        List<PatientProfile> all = stream(EVERYONE, false, 0);

        for (PatientProfile streamed : List.of(all.get(0), all.get(PATIENTS / 2), all.get(PATIENTS - 1))) {
            assertThat(client.get(streamed.getPatientId())).as(streamed.getPatientId()).contains(streamed);
        }
    }

    @Test
    void unknownPatientIsEmpty() {
        assertThat(client.get("P-AAAAAAAAAA")).isEmpty();
    }

    @Test
    void maxProfilesStopsExactlyThereAndLeavesNothingBehind() {
        Context before = Context.current();
        List<PatientProfile> all = stream(EVERYONE, false, 0);

        List<PatientProfile> first = stream(EVERYONE, false, 50);

        assertThat(first).hasSize(50).containsExactlyElementsOf(all.subList(0, 50));
        // The cancellable scope was detached again, and the channel serves the next call.
        assertThat(Context.current()).isSameAs(before);
        assertThat(Context.current().isCancelled()).isFalse();
        assertThat(stream(EVERYONE, false, 0)).hasSize(PATIENTS);
        // A limit above the cohort size is no limit.
        assertThat(stream(EVERYONE, false, PATIENTS + 1)).hasSize(PATIENTS);
    }

    @Test
    void aFailingSinkCancelsTheStreamAndItsExceptionPropagates() {
        List<PatientProfile> received = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("sink full");

        assertThatThrownBy(() -> client.streamCohort(EVERYONE, false, 0, p -> {
            received.add(p);
            if (received.size() == 10) {
                throw boom;
            }
        })).isSameAs(boom);

        assertThat(received).hasSize(10);
        assertThat(Context.current().isCancelled()).isFalse();
        assertThat(stream(EVERYONE, false, 0)).hasSize(PATIENTS);
    }

    @Test
    void deidentifiedStreamHasNoIdentityAndTheSamePatients() {
        List<PatientProfile> identified = stream(EVERYONE, false, 0);
        List<PatientProfile> deidentified = stream(EVERYONE, true, 0);

        assertThat(deidentified).hasSize(PATIENTS).allSatisfy(p -> {
            assertThat(p.getDeidentified()).isTrue();
            assertThat(p.hasIdentity()).isFalse();
        });
        assertThat(deidentified).extracting(PatientProfile::getPatientId)
                .containsExactlyElementsOf(identified.stream().map(PatientProfile::getPatientId).toList());
        // Same clinical content, dates shifted: the cancer type survives de-identification.
        Map<String, CancerType> types = new LinkedHashMap<>();
        identified.forEach(p -> types.put(p.getPatientId(), p.getCancer().getCancerType()));
        assertThat(deidentified).allSatisfy(p ->
                assertThat(p.getCancer().getCancerType()).isEqualTo(types.get(p.getPatientId())));
    }

    @Test
    void filterIsPassedToTheService() {
        CohortFilter nsclc = CohortFilter.newBuilder().addCancerTypes(CancerType.CANCER_TYPE_NSCLC).build();
        long expected = stream(EVERYONE, false, 0).stream()
                .filter(p -> p.getCancer().getCancerType() == CancerType.CANCER_TYPE_NSCLC).count();

        List<PatientProfile> selected = stream(nsclc, false, 0);

        assertThat(expected).isPositive().isLessThan(PATIENTS);
        assertThat(selected).hasSize((int) expected)
                .allSatisfy(p -> assertThat(p.getCancer().getCancerType()).isEqualTo(CancerType.CANCER_TYPE_NSCLC));
    }

    @Test
    void invalidArgumentsAreRejectedBeforeAnyCall() {
        assertThatThrownBy(() -> client.get(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.streamCohort(EVERYONE, false, -1, p -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxProfiles");
    }
}
