package org.oncopredict.profile.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem detail: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance},
 * plus {@code errors} — one {@code {field, message}} per invalid field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "urn:oncopredict:problem:";

    public record FieldError(String field, String message) {
    }

    public static Problem of(String slug, String title, int status, String detail, String instance, List<FieldError> errors) {
        return new Problem(TYPE_BASE + slug, title, status, detail, instance, errors == null || errors.isEmpty() ? null : errors);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this);
    }
}
