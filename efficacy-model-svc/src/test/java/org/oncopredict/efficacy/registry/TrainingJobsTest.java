package org.oncopredict.efficacy.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The training-job store: transitions, monotone progress, cooperative cancellation, restart recovery. */
@QuarkusTest
class TrainingJobsTest {

    private static final String REQUEST = "{\"outcome\": \"RESPONSE\", \"learner\": \"logistic-sgd\", \"bootstrap\": 20}";

    @Inject
    TrainingJobs jobs;

    @Inject
    ModelRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void emptyStore() {
        RegistryFixtures.truncate(dataSource);
    }

    private TrainingJob job(UUID id) {
        return jobs.find(id).orElseThrow();
    }

    private static void assertReason(Runnable call, RegistryException.Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void jobRunsFromQueuedToSucceeded() throws Exception {
        UUID id = jobs.create("u-7f3a", REQUEST);

        TrainingJob queued = job(id);
        assertThat(queued.state()).isEqualTo(JobState.QUEUED);
        assertThat(queued.percent()).isZero();
        assertThat(queued.requestedBy()).isEqualTo("u-7f3a");
        assertThat(queued.createdAt()).isNotNull();
        assertThat(queued.startedAt()).isNull();
        assertThat(new ObjectMapper().readTree(jobs.request(id))).isEqualTo(new ObjectMapper().readTree(REQUEST));

        jobs.start(id);
        TrainingJob running = job(id);
        assertThat(running.state()).isEqualTo(JobState.RUNNING);
        assertThat(running.startedAt()).isNotNull();

        jobs.progress(id, "encoding features", 10);
        jobs.progress(id, "bootstrap 12/20", 60);
        assertThat(job(id).stage()).isEqualTo("bootstrap 12/20");
        assertThat(job(id).percent()).isEqualTo(60);

        long version = registry.register(RegistryFixtures.good().build());
        jobs.succeed(id, version);

        TrainingJob done = job(id);
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.modelVersion()).isEqualTo(version);
        assertThat(done.message()).isEqualTo("registered model version " + version);
        assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());
        assertThat(done.error()).isNull();
    }

    @Test
    void lowerPercentIsIgnoredButTheStageIsKept() {
        UUID id = jobs.create("u-7f3a", REQUEST);
        jobs.start(id);
        jobs.progress(id, "training", 50);

        jobs.progress(id, "evaluating", 30);

        assertThat(job(id).percent()).isEqualTo(50);
        assertThat(job(id).stage()).isEqualTo("evaluating");
        assertReason(() -> jobs.progress(id, "x", 101), RegistryException.Reason.INVALID_ARGUMENT);
        assertReason(() -> jobs.progress(id, "x", -1), RegistryException.Reason.INVALID_ARGUMENT);
        assertReason(() -> jobs.progress(id, " ", 70), RegistryException.Reason.INVALID_ARGUMENT);
        assertThat(job(id).percent()).isEqualTo(50);
    }

    @Test
    void progressOfAQueuedJobIsRefused() {
        UUID id = jobs.create("u-7f3a", REQUEST);

        assertThatThrownBy(() -> jobs.progress(id, "training", 10))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.FAILED_PRECONDITION))
                .hasMessage("cannot report progress of training job " + id + ": it is QUEUED");
    }

    @Test
    void cancellingAQueuedJobCancelsItAtOnce() {
        UUID id = jobs.create("u-7f3a", REQUEST);

        assertThat(jobs.requestCancel(id)).isTrue();

        TrainingJob cancelled = job(id);
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.finishedAt()).isNotNull();
        assertThat(jobs.cancelRequested(id)).isTrue();
        assertReason(() -> jobs.start(id), RegistryException.Reason.FAILED_PRECONDITION);
        assertThat(jobs.requestCancel(id)).isFalse();
    }

    @Test
    void cancellingARunningJobSetsTheFlagTheTrainerAcknowledges() {
        UUID id = jobs.create("u-7f3a", REQUEST);
        jobs.start(id);
        assertThat(jobs.cancelRequested(id)).isFalse();

        assertThat(jobs.requestCancel(id)).isTrue();

        assertThat(job(id).state()).isEqualTo(JobState.RUNNING);
        assertThat(job(id).message()).isEqualTo("cancellation requested");
        assertThat(jobs.cancelRequested(id)).isTrue();
        jobs.cancelled(id);
        assertThat(job(id).state()).isEqualTo(JobState.CANCELLED);
        assertThat(job(id).finishedAt()).isNotNull();
    }

    @Test
    void transitionsOutOfFinalStatesAreRefused() {
        long version = registry.register(RegistryFixtures.good().build());
        Map<JobState, Consumer<UUID>> finish = Map.of(
                JobState.SUCCEEDED, id -> jobs.succeed(id, version),
                JobState.FAILED, id -> jobs.fail(id, "out of memory"),
                JobState.CANCELLED, jobs::cancelled);
        List<Consumer<UUID>> transitions = List.of(jobs::start, id -> jobs.progress(id, "again", 99),
                id -> jobs.succeed(id, version), id -> jobs.fail(id, "late failure"), jobs::cancelled);

        finish.forEach((state, finisher) -> {
            UUID id = jobs.create("u-7f3a", REQUEST);
            jobs.start(id);
            finisher.accept(id);
            TrainingJob before = job(id);
            assertThat(before.state()).isEqualTo(state);

            for (Consumer<UUID> transition : transitions) {
                assertThatThrownBy(() -> transition.accept(id))
                        .isInstanceOfSatisfying(RegistryException.class,
                                e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.FAILED_PRECONDITION))
                        .hasMessageEndingWith("training job " + id + ": it is " + state);
            }
            assertThat(jobs.requestCancel(id)).isFalse();
            assertThat(job(id)).isEqualTo(before);
        });
    }

    @Test
    void failRecordsTheErrorAndAQueuedJobCanFail() {
        UUID id = jobs.create("u-7f3a", REQUEST);

        jobs.fail(id, "cohort has no events");

        TrainingJob failed = job(id);
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.error()).isEqualTo("cohort has no events");
        assertThat(failed.finishedAt()).isNotNull();
        assertReason(() -> jobs.fail(jobs.create("u-7f3a", REQUEST), " "), RegistryException.Reason.INVALID_ARGUMENT);
    }

    @Test
    void succeedingWithAnUnknownModelVersionIsNotFoundAndKeepsTheJobRunning() {
        UUID id = jobs.create("u-7f3a", REQUEST);
        jobs.start(id);

        assertThatThrownBy(() -> jobs.succeed(id, 404))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.NOT_FOUND))
                .hasMessage("model version 404 does not exist");
        assertThat(job(id).state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void unknownJobIsNotFound() {
        UUID unknown = UUID.randomUUID();

        assertThat(jobs.find(unknown)).isEmpty();
        for (ThrowingConsumer<UUID> call : List.<ThrowingConsumer<UUID>>of(jobs::start, id -> jobs.progress(id, "x", 1),
                jobs::requestCancel, jobs::cancelRequested, jobs::cancelled, id -> jobs.fail(id, "e"), jobs::request)) {
            assertThatThrownBy(() -> call.accept(unknown))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.NOT_FOUND))
                    .hasMessage("training job " + unknown + " does not exist");
        }
    }

    @Test
    void createValidatesItsArguments() {
        assertThatThrownBy(() -> jobs.create(" ", REQUEST))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.INVALID_ARGUMENT))
                .hasMessage("requestedBy must not be blank");
        assertThatThrownBy(() -> jobs.create("u-7f3a", "{\"outcome\": "))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.reason()).isEqualTo(RegistryException.Reason.INVALID_ARGUMENT))
                .hasMessageStartingWith("requestJson is not valid JSON");
        assertThat(jobs.recent(10)).isEmpty();
    }

    @Test
    void failInterruptedFailsOnlyUnfinishedJobs() {
        UUID queued = jobs.create("u-7f3a", REQUEST);
        UUID running = jobs.create("u-7f3a", REQUEST);
        jobs.start(running);
        jobs.progress(running, "training", 40);
        UUID cancelled = jobs.create("u-7f3a", REQUEST);
        jobs.requestCancel(cancelled);
        TrainingJob cancelledBefore = job(cancelled);

        assertThat(jobs.failInterrupted()).isEqualTo(2);

        for (UUID id : List.of(queued, running)) {
            TrainingJob job = job(id);
            assertThat(job.state()).isEqualTo(JobState.FAILED);
            assertThat(job.error()).isEqualTo("interrupted by service restart");
            assertThat(job.finishedAt()).isNotNull();
        }
        assertThat(job(running).percent()).isEqualTo(40);
        assertThat(job(cancelled)).isEqualTo(cancelledBefore);
        assertThat(jobs.failInterrupted()).isZero();
    }

    @Test
    void recentListsNewestFirstUpToTheLimit() {
        UUID first = jobs.create("u-7f3a", REQUEST);
        UUID second = jobs.create("u-7f3a", REQUEST);
        UUID third = jobs.create("u-0b12", REQUEST);

        assertThat(jobs.recent(2)).extracting(TrainingJob::id).containsExactly(third, second);
        assertThat(jobs.recent(10)).extracting(TrainingJob::id).containsExactly(third, second, first);
        assertReason(() -> jobs.recent(0), RegistryException.Reason.INVALID_ARGUMENT);
        assertReason(() -> jobs.recent(1001), RegistryException.Reason.INVALID_ARGUMENT);
    }
}
