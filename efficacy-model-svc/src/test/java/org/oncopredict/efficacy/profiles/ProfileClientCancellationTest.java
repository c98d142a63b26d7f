package org.oncopredict.efficacy.profiles;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;
import org.oncopredict.proto.profile.v1.StreamCohortRequest;
import org.oncopredict.proto.profile.v1.StreamCohortResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stopping a cohort stream early cancels the call on the server: against a fake service that would
 * stream forever (and ignores max_profiles), the server must see the cancellation.
 */
class ProfileClientCancellationTest {

    private Server server;
    private ManagedChannel channel;
    private ProfileClient client;
    private final BlockingQueue<StreamCohortRequest> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch cancelled = new CountDownLatch(1);

    /** Streams one-profile batches for as long as the client takes them, until cancelled. */
    private final class EndlessCohort extends PatientProfileServiceGrpc.PatientProfileServiceImplBase {
        @Override
        public void streamCohort(StreamCohortRequest request, StreamObserver<StreamCohortResponse> out) {
            requests.add(request);
            ServerCallStreamObserver<StreamCohortResponse> call = (ServerCallStreamObserver<StreamCohortResponse>) out;
            AtomicInteger sent = new AtomicInteger();
            call.setOnCancelHandler(cancelled::countDown);
            call.setOnReadyHandler(() -> {
                while (call.isReady() && !call.isCancelled()) {
                    String id = String.format("P-FAKE%06d", sent.getAndIncrement());
                    call.onNext(StreamCohortResponse.newBuilder()
                            .addProfiles(PatientProfile.newBuilder().setPatientId(id)).build());
                }
            });
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                .addService(new EndlessCohort()).build().start();
        channel = Grpc.newChannelBuilder("127.0.0.1:" + server.getPort(), InsecureChannelCredentials.create()).build();
        client = new ProfileClient();
        client.stub = PatientProfileServiceGrpc.newBlockingStub(channel);
        client.deadline = Duration.ofSeconds(10);
        client.streamDeadline = Duration.ofSeconds(30);
        client.serviceToken = new ServiceToken(null, false); // no identity provider in these tests
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void reachingMaxProfilesCancelsTheServerSideStream() throws InterruptedException {
        Context before = Context.current();
        List<String> ids = new ArrayList<>();

        client.streamCohort(CohortFilter.getDefaultInstance(), true, 5, p -> ids.add(p.getPatientId()));

        assertThat(ids).containsExactly("P-FAKE000000", "P-FAKE000001", "P-FAKE000002", "P-FAKE000003", "P-FAKE000004");
        assertThat(cancelled.await(5, TimeUnit.SECONDS)).as("server saw the cancellation").isTrue();
        StreamCohortRequest request = requests.take();
        assertThat(request.getMaxProfiles()).as("the limit is also sent to the server").isEqualTo(5);
        assertThat(request.getDeidentify()).isTrue();
        assertThat(Context.current()).isSameAs(before);
    }

    @Test
    void aFailingSinkCancelsTheServerSideStream() throws InterruptedException {
        RuntimeException boom = new IllegalStateException("sink failed");
        AtomicInteger received = new AtomicInteger();

        assertThatThrownBy(() -> client.streamCohort(CohortFilter.getDefaultInstance(), false, 0, p -> {
            if (received.incrementAndGet() == 3) {
                throw boom;
            }
        })).isSameAs(boom);

        assertThat(cancelled.await(5, TimeUnit.SECONDS)).as("server saw the cancellation").isTrue();
        assertThat(received).hasValue(3);
    }
}
