package org.oncopredict.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Request size limit (413 as a problem, before the body is read; {@code quarkus.http.limits.max-body-size} is the
 * transport's hard backstop for bodies without a length) and the trace id on every response.
 */
public class HttpFilters {

    private final long maxRequestBytes;
    private final TraceId traceId;

    public HttpFilters(@ConfigProperty(name = "oncopredict.http.max-request-bytes") long maxRequestBytes,
                       TraceId traceId) {
        this.maxRequestBytes = maxRequestBytes;
        this.traceId = traceId;
    }

    @ServerRequestFilter(preMatching = true)
    public void limitSize(ContainerRequestContext request) {
        if (request.getLength() > maxRequestBytes) {
            throw ApiException.payloadTooLarge(maxRequestBytes);
        }
    }

    @ServerResponseFilter
    public void traceId(ContainerResponseContext response) {
        if (!response.getHeaders().containsKey("X-Trace-Id")) {
            response.getHeaders().putSingle("X-Trace-Id", traceId.get());
        }
    }
}
