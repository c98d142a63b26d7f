package org.oncopredict.gateway.rest;

import java.security.SecureRandom;
import java.util.HexFormat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.RequestScoped;

/**
 * The trace id of the current request: OpenTelemetry's when tracing is on (so audit records and logs point at the
 * trace), otherwise a random W3C-shaped id, stable for the request. Returned to clients as {@code X-Trace-Id}.
 */
@RequestScoped
public class TraceId {

    private static final SecureRandom RANDOM = new SecureRandom();

    private String value;

    public String get() {
        if (value == null) {
            SpanContext span = Span.current().getSpanContext();
            if (span.isValid()) {
                value = span.getTraceId();
            } else {
                byte[] bytes = new byte[16];
                RANDOM.nextBytes(bytes);
                value = HexFormat.of().formatHex(bytes);
            }
        }
        return value;
    }
}
