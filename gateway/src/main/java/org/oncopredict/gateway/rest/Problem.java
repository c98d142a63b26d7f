package org.oncopredict.gateway.rest;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}): {@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}, {@code errors[]} of {@code {field, message}} for
 * validation, and the request's {@code traceId}. Never a stack trace, never patient data beyond the pseudonym the
 * client sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
                      String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://oncopredict.org/problems/";

    /** One invalid field: its JSON path in the request (e.g. "history.ecog[0].score") and what is wrong. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.Status status, String type, String title, String detail, String instance,
                             List<FieldError> errors, String traceId) {
        return of(status.getStatusCode(), type, title, detail, instance, errors, traceId);
    }

    public static Problem of(int status, String type, String title, String detail, String instance,
                             List<FieldError> errors, String traceId) {
        return new Problem(URI.create(TYPE_BASE + type).toString(), title, status, detail, instance,
                errors == null || errors.isEmpty() ? null : List.copyOf(errors), traceId);
    }
}
