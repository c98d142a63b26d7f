package org.oncopredict.efficacy.profiles;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@link ProfileClient} reports a profile service that is down or does not answer (no Quarkus needed). */
class ProfileClientErrorTest {

    private ManagedChannel channel;
    private ServerSocket silent;

    @AfterEach
    void close() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (silent != null) {
            silent.close();
        }
    }

    private ProfileClient clientFor(int port) {
        channel = Grpc.newChannelBuilder("127.0.0.1:" + port, InsecureChannelCredentials.create()).build();
        ProfileClient client = new ProfileClient();
        client.stub = PatientProfileServiceGrpc.newBlockingStub(channel);
        client.deadline = Duration.ofMillis(500);
        client.streamDeadline = Duration.ofMillis(700);
        client.serviceToken = new ServiceToken(null, false); // no identity provider in these tests
        return client;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Accepts TCP connections (the kernel's backlog) but never speaks HTTP/2: every call hangs. */
    private int silentPort() throws IOException {
        silent = new ServerSocket(0);
        return silent.getLocalPort();
    }

    @Test
    void nothingListeningIsUnavailable() throws IOException {
        ProfileClient client = clientFor(closedPort());

        assertThatThrownBy(() -> client.get("P-AAAAAAAAAA"))
                .isInstanceOf(ProfileServiceUnavailableException.class)
                .hasMessageStartingWith("patient-profile-svc is unavailable (GetPatientProfile for patient P-AAAAAAAAAA)")
                .cause().isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThatThrownBy(() -> client.streamCohort(CohortFilter.getDefaultInstance(), false, 0, p -> { }))
                .isInstanceOf(ProfileServiceUnavailableException.class)
                .hasMessageStartingWith("patient-profile-svc is unavailable (StreamCohort)");
    }

    @Test
    void noAnswerWithinTheDeadlineIsUnavailable() throws IOException {
        ProfileClient client = clientFor(silentPort());

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.get("P-AAAAAAAAAA"))
                .isInstanceOf(ProfileServiceUnavailableException.class)
                .hasMessage("patient-profile-svc did not answer GetPatientProfile for patient P-AAAAAAAAAA within the "
                        + "deadline (500ms, or the caller's if earlier)")
                .cause().isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

        assertThatThrownBy(() -> client.streamCohort(CohortFilter.getDefaultInstance(), false, 0, p -> { }))
                .isInstanceOf(ProfileServiceUnavailableException.class)
                .hasMessageContaining("did not answer StreamCohort within the deadline (700ms");
    }

    @Test
    void deadlinesAreDescribedInConfigurationSyntax() {
        assertThat(ProfileClient.describe(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(ProfileClient.describe(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(ProfileClient.describe(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
