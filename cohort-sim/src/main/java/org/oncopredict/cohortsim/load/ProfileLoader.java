package org.oncopredict.cohortsim.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import io.grpc.CallCredentials;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.oncopredict.auth.BearerCredentials;
import org.oncopredict.proto.profile.v1.CreatePatientProfileRequest;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;

/**
 * Sends profiles to {@code PatientProfileService/CreatePatientProfile} with bounded concurrency.
 *
 * <p>Every answer is counted: OK as created, ALREADY_EXISTS (a live profile with that MRN exists) as
 * skipped — so loading the same cohort twice is idempotent — anything else as failed with its status.
 * UNAVAILABLE and DEADLINE_EXCEEDED are retried with exponential backoff (a retried create that had
 * in fact succeeded comes back as ALREADY_EXISTS, i.e. skipped, so retries are safe); if they persist,
 * or the call is UNAUTHENTICATED or PERMISSION_DENIED, the load is aborted because every later call
 * would fail the same way.
 *
 * <p>The loader does not own the channel. Profiles are pulled lazily from the iterator, so a cohort
 * of any size streams through with at most {@code 2 × concurrency} profiles in flight.
 */
public final class ProfileLoader {

    /** At most this many failures are kept in {@link LoadResult#failures()}; counts are always exact. */
    public static final int MAX_REPORTED_FAILURES = 20;

    private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);
    private static final Set<Status.Code> FATAL = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);

    private final Channel channel;
    private final int concurrency;
    private final Duration deadline;
    private final int maxAttempts;
    private final CallCredentials credentials;

    private ProfileLoader(Builder b) {
        this.channel = b.channel;
        this.concurrency = b.concurrency;
        this.deadline = b.deadline;
        this.maxAttempts = b.maxAttempts;
        this.credentials = b.credentials;
    }

    public static Builder builder(Channel channel) {
        return new Builder(channel);
    }

    /**
     * A plaintext channel to {@code target} ("host:port"), using whichever gRPC transport is on the
     * class path; the caller shuts it down.
     */
    public static ManagedChannel plaintextChannel(String target) {
        return Grpc.newChannelBuilder(target, InsecureChannelCredentials.create()).build();
    }

    /** {@link CallCredentials} that send {@code authorization: Bearer <token>} on every call. */
    public static CallCredentials bearerToken(String token) {
        return BearerCredentials.of(token);
    }

    /** Loads every profile; equivalent to {@code load(profiles, done -> { })}. */
    public LoadResult load(Iterator<PatientProfile> profiles) throws InterruptedException {
        return load(profiles, done -> { });
    }

    /**
     * Loads every profile, in order of submission (answers may complete out of order).
     *
     * @param progress called with the number of processed profiles after each one, from worker threads
     */
    public LoadResult load(Iterator<PatientProfile> profiles, LongConsumer progress) throws InterruptedException {
        Tally tally = new Tally(progress);
        // Twice the concurrency in flight keeps workers busy while the iterator produces the next profile.
        Semaphore inFlight = new Semaphore(2 * concurrency);
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "profile-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            for (long index = 0; profiles.hasNext() && !tally.aborted.get(); index++) {
                PatientProfile profile = profiles.next();
                long position = index;
                inFlight.acquire();
                workers.execute(() -> {
                    try {
                        // After an abort, queued profiles are neither sent nor counted.
                        if (!tally.aborted.get()) {
                            tally.record(position, create(profile));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        } finally {
            workers.shutdown();
            // Every call carries a deadline, so the workers finish.
            workers.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
        return tally.result();
    }

    /** Thread-safe counters of one run. */
    private static final class Tally {
        private final long startNanos = System.nanoTime();
        private final LongConsumer progress;
        private final AtomicLong created = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong processed = new AtomicLong();
        private final AtomicBoolean aborted = new AtomicBoolean();
        private final List<LoadResult.Failure> failures = new ArrayList<>();

        Tally(LongConsumer progress) {
            this.progress = progress;
        }

        void record(long position, Status status) {
            switch (status.getCode()) {
                case OK -> created.incrementAndGet();
                case ALREADY_EXISTS -> skipped.incrementAndGet();
                default -> {
                    failed.incrementAndGet();
                    synchronized (failures) {
                        if (failures.size() < MAX_REPORTED_FAILURES) {
                            failures.add(new LoadResult.Failure(position, status.getCode(), status.getDescription()));
                        }
                    }
                    if (FATAL.contains(status.getCode())) {
                        aborted.set(true);
                    }
                }
            }
            progress.accept(processed.incrementAndGet());
        }

        LoadResult result() {
            synchronized (failures) {
                return new LoadResult(created.get(), skipped.get(), failed.get(), aborted.get(), failures,
                        Duration.ofNanos(System.nanoTime() - startNanos));
            }
        }
    }

    /** One create call with retries; returns the final status. */
    private Status create(PatientProfile profile) throws InterruptedException {
        CreatePatientProfileRequest request = CreatePatientProfileRequest.newBuilder().setProfile(profile).build();
        long backoffMillis = 100;
        for (int attempt = 1; ; attempt++) {
            var stub = PatientProfileServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (credentials != null) {
                stub = stub.withCallCredentials(credentials);
            }
            try {
                stub.createPatientProfile(request);
                return Status.OK;
            } catch (StatusRuntimeException e) {
                if (!RETRYABLE.contains(e.getStatus().getCode()) || attempt >= maxAttempts) {
                    return e.getStatus();
                }
            }
            Thread.sleep(backoffMillis);
            backoffMillis *= 2;
        }
    }

    /** Configuration of a {@link ProfileLoader}. */
    public static final class Builder {
        private final Channel channel;
        private int concurrency = 8;
        private Duration deadline = Duration.ofSeconds(30);
        private int maxAttempts = 4;
        private CallCredentials credentials;

        private Builder(Channel channel) {
            this.channel = Objects.requireNonNull(channel, "channel");
        }

        /** Concurrent calls, ≥ 1 (default 8). */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1: " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /** Deadline of each call (default 30 s). */
        public Builder deadline(Duration deadline) {
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive: " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        /** Attempts per profile for UNAVAILABLE / DEADLINE_EXCEEDED, ≥ 1 (default 4: backoff 0.1, 0.2, 0.4 s). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Credentials for every call, e.g. {@link ProfileLoader#bearerToken(String)}; none by default. */
        public Builder callCredentials(CallCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public ProfileLoader build() {
            return new ProfileLoader(this);
        }
    }
}
