package org.oncopredict.cohortsim.load;

import java.time.Duration;
import java.util.List;

import io.grpc.Status;

/**
 * The outcome of a {@link ProfileLoader} run.
 *
 * @param created  profiles the service created
 * @param skipped  profiles answered ALREADY_EXISTS (same MRN already loaded): a re-run is idempotent
 * @param failed   profiles rejected or not delivered after retries
 * @param aborted  loading stopped early on a failure that every further call would repeat
 *                 (service unreachable, unauthenticated, permission denied); later profiles were
 *                 not sent
 * @param failures the first {@value ProfileLoader#MAX_REPORTED_FAILURES} failures, in completion order
 * @param elapsed  wall-clock duration of the run
 */
public record LoadResult(long created, long skipped, long failed, boolean aborted, List<Failure> failures,
                         Duration elapsed) {

    public LoadResult {
        failures = List.copyOf(failures);
    }

    /** Profiles answered by the service or given up on. */
    public long processed() {
        return created + skipped + failed;
    }

    /** No failure and not aborted. */
    public boolean successful() {
        return failed == 0 && !aborted;
    }

    /**
     * One failed profile, identified by its position in the input (never by MRN or name: PHI stays
     * out of logs).
     *
     * @param index       0-based position of the profile in the loaded sequence
     * @param code        the final gRPC status code
     * @param description the status description from the service (e.g. the field violations)
     */
    public record Failure(long index, Status.Code code, String description) {

        @Override
        public String toString() {
            return "#" + index + " " + code + (description == null ? "" : ": " + description);
        }
    }
}
