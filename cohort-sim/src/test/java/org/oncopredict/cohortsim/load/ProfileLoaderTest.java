package org.oncopredict.cohortsim.load;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oncopredict.cohortsim.CohortSimulator;
import org.oncopredict.cohortsim.SimulationConfig;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.PatientProfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loader against a real grpc-java server on loopback. */
class ProfileLoaderTest {

    private static final List<PatientProfile> PROFILES =
            new CohortSimulator(SimulationConfig.builder().seed(11).build()).profiles(300).toList();

    private ManagedChannel channel;

    @AfterEach
    void closeChannel() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void loadsEveryProfileAndARerunSkipsThemAll() throws Exception {
        try (FakeProfileService service = FakeProfileService.start()) {
            channel = ProfileLoader.plaintextChannel(service.target());
            ProfileLoader loader = ProfileLoader.builder(channel).concurrency(4).build();
            AtomicLong progress = new AtomicLong();
            LoadResult first = loader.load(PROFILES.iterator(), done -> progress.accumulateAndGet(done, Math::max));
            assertEquals(300, first.created());
            assertEquals(0, first.skipped() + first.failed());
            assertTrue(first.successful());
            assertEquals(300, progress.get());
            assertEquals(300, service.stored().size());
            assertEquals(PROFILES.get(5), service.stored().get(PROFILES.get(5).getIdentity().getMrn()));

            LoadResult again = loader.load(PROFILES.iterator());
            assertEquals(0, again.created());
            assertEquals(300, again.skipped());
            assertTrue(again.successful());
        }
    }

    @Test
    void rejectedProfilesAreCountedWithTheirStatusAndPosition() throws Exception {
        try (FakeProfileService service = FakeProfileService.rejecting(
                p -> p.getCancer().getCancerType() == CancerType.CANCER_TYPE_BREAST)) {
            channel = ProfileLoader.plaintextChannel(service.target());
            LoadResult result = ProfileLoader.builder(channel).concurrency(3).build().load(PROFILES.iterator());
            long breast = PROFILES.stream().filter(p -> p.getCancer().getCancerType() == CancerType.CANCER_TYPE_BREAST).count();
            assertTrue(breast > 0);
            assertEquals(breast, result.failed());
            assertEquals(300 - breast, result.created());
            assertFalse(result.successful());
            assertFalse(result.aborted());
            assertEquals(Math.min(breast, ProfileLoader.MAX_REPORTED_FAILURES), result.failures().size());
            LoadResult.Failure failure = result.failures().get(0);
            assertEquals(Status.Code.INVALID_ARGUMENT, failure.code());
            assertTrue(failure.description().contains("rejected by test"));
            assertEquals(CancerType.CANCER_TYPE_BREAST, PROFILES.get((int) failure.index()).getCancer().getCancerType());
        }
    }

    @Test
    void unreachableServiceAbortsInsteadOfFailingEveryProfileSlowly() throws Exception {
        String target;
        try (FakeProfileService service = FakeProfileService.start()) {
            target = service.target();
        } // closed: nothing listens on the port any more
        channel = ProfileLoader.plaintextChannel(target);
        LoadResult result = ProfileLoader.builder(channel).concurrency(2).maxAttempts(2)
                .deadline(Duration.ofSeconds(5)).build().load(PROFILES.iterator());
        assertTrue(result.aborted());
        assertTrue(result.failed() >= 1 && result.processed() < PROFILES.size());
        assertEquals(Status.Code.UNAVAILABLE, result.failures().get(0).code());
    }

    @Test
    void bearerTokenIsSentWhenConfigured() throws Exception {
        try (FakeProfileService service = FakeProfileService.requiringToken("s3cret")) {
            channel = ProfileLoader.plaintextChannel(service.target());
            LoadResult without = ProfileLoader.builder(channel).build().load(PROFILES.subList(0, 10).iterator());
            assertTrue(without.aborted());
            assertEquals(Status.Code.UNAUTHENTICATED, without.failures().get(0).code());
            LoadResult with = ProfileLoader.builder(channel).callCredentials(ProfileLoader.bearerToken("s3cret")).build()
                    .load(PROFILES.subList(0, 10).iterator());
            assertEquals(10, with.created());
        }
    }
}
