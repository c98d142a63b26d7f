package org.oncopredict.gateway.clients;

import org.oncopredict.gateway.rest.ApiException;

/**
 * An internal service could not be reached or did not answer within its deadline (gRPC UNAVAILABLE or
 * DEADLINE_EXCEEDED), or its circuit breaker is open: 503 with Retry-After. The only failure that retries and the
 * circuit breakers count.
 */
public class ServiceUnavailableException extends ApiException {

    private final String service;

    public ServiceUnavailableException(String service, String type, String title, String detail, int retryAfterSeconds,
                                       Throwable cause) {
        super(503, type, title, detail, null, retryAfterSeconds, null, cause);
        this.service = service;
    }

    /** "patient-profile-svc" or "efficacy-model-svc". */
    public String service() {
        return service;
    }
}
