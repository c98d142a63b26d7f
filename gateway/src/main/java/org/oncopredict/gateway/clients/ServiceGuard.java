package org.oncopredict.gateway.clients;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Fault tolerance for the calls to one internal service (SmallRye Fault Tolerance): one circuit breaker for all of
 * its calls (opens when half of the last 10 calls failed as unavailable; half-opens after 5 s), and bounded retries
 * (2 more attempts, 100 ms apart with jitter) for idempotent reads only. Only unavailability counts as failure:
 * a NOT_FOUND or a validation error is the service working. An open circuit fails fast with 503 and Retry-After.
 * The breaker's state is the gauge {@code oncopredict.circuit.state} (0 closed, 1 half-open, 2 open).
 * <p>
 * The breaker's window counts calls, not time: failures from a short outage that did not open it would otherwise stay
 * in the window and open it later, among healthy answers (a few failed calls during a restart, then five successes →
 * OPEN, refusing a service that is up). So once the breaker is closed and no call has failed for the breaker delay,
 * the next call starts a fresh window.
 */
final class ServiceGuard {

    private static final Logger LOG = Logger.getLogger(ServiceGuard.class);

    private final String service;
    private final GrpcProblems.Unavailable unavailable;
    private final int retryAfterSeconds;
    private final Duration delay;
    private final Guard retries;
    private final AtomicInteger state = new AtomicInteger();
    private volatile Guard breaker;
    /** Whether the current breaker's window holds a failure, and System.nanoTime() of the last one. */
    private volatile boolean failures;
    private volatile long lastFailure;
    /** Counts the breakers built; written under this object's lock (or in the constructor). */
    private volatile int generations;

    ServiceGuard(String service, GrpcProblems.Unavailable unavailable, int retryAfterSeconds, MeterRegistry meters) {
        this(service, unavailable, retryAfterSeconds, Duration.ofSeconds(5), meters);
    }

    /** {@code delay}: how long the breaker stays open before it half-opens, and after which old failures expire. */
    ServiceGuard(String service, GrpcProblems.Unavailable unavailable, int retryAfterSeconds, Duration delay,
                 MeterRegistry meters) {
        this.service = service;
        this.unavailable = unavailable;
        this.retryAfterSeconds = retryAfterSeconds;
        this.delay = delay;
        this.breaker = newBreaker();
        this.retries = Guard.create().withDescription(service + " read retries")
                .withRetry().maxRetries(2).delay(100, ChronoUnit.MILLIS).jitter(50, ChronoUnit.MILLIS)
                .retryOn(ServiceUnavailableException.class).done()
                .build();
        meters.gauge("oncopredict.circuit.state", java.util.List.of(io.micrometer.core.instrument.Tag.of("service", service)),
                state, AtomicInteger::get);
    }

    /** An idempotent read: retried while the service is unavailable, through the breaker. */
    <T> T read(Supplier<T> call, String patient) {
        return open(() -> retries.get(() -> current().get(() -> translated(call, patient), Object.class), Object.class));
    }

    /** A write: through the breaker, never retried (the caller decides whether to repeat it). */
    <T> T write(Supplier<T> call, String patient) {
        return open(() -> current().get(() -> translated(call, patient), Object.class));
    }

    /** Callbacks of a replaced breaker (calls still in flight on it) are ignored: only the current one counts. */
    private Guard newBreaker() {
        int generation = ++generations;
        return Guard.create().withDescription(service + " circuit breaker")
                .withCircuitBreaker().requestVolumeThreshold(10).failureRatio(0.5).delay(delay.toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1).failOn(ServiceUnavailableException.class)
                .onStateChange(next -> {
                    if (generation == generations) {
                        changed(next);
                    }
                })
                .onFailure(() -> {
                    if (generation == generations) {
                        lastFailure = System.nanoTime();
                        failures = true;
                    }
                }).done()
                .build();
    }

    /** The breaker for the next call: a fresh one when the current is closed and its failures are all stale. */
    private Guard current() {
        long failed = lastFailure;
        if (failures && state.get() == 0 && System.nanoTime() - failed > delay.toNanos()) {
            synchronized (this) {
                if (failures && lastFailure == failed) {
                    failures = false;
                    breaker = newBreaker();
                }
            }
        }
        return breaker;
    }

    @SuppressWarnings("unchecked")
    private <T> T open(Supplier<Object> guarded) {
        try {
            return (T) guarded.get();
        } catch (CircuitBreakerOpenException e) {
            throw new ServiceUnavailableException(service, unavailable.type(), unavailable.title(),
                    unavailable.detail() + " (recent calls failed; not retried for a few seconds)", retryAfterSeconds, e);
        }
    }

    private Object translated(Supplier<?> call, String patient) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw GrpcProblems.translate(e, service, unavailable, patient, retryAfterSeconds);
        }
    }

    private void changed(CircuitBreakerState next) {
        state.set(switch (next) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        });
        LOG.warnf("circuit breaker of %s is now %s", service, next);
    }
}
