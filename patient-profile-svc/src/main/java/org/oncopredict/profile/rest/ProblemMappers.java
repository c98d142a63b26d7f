package org.oncopredict.profile.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.oncopredict.profile.service.ErrorChains;
import org.oncopredict.profile.service.ProfileException;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every failure into {@code application/problem+json}. Bodies never carry stack traces, SQL or PHI:
 * validation messages name the field and the rule, not the rejected value.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return Problem.of("validation", "Invalid request", 400, "Invalid fields: " + fields, path(uri), errors)
                .toResponse().build();
    }

    @ServerExceptionMapper
    public Response profile(ProfileException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.field() == null ? null : List.of(new Problem.FieldError(e.field(), e.getMessage()));
        return switch (e.reason()) {
            case NOT_FOUND -> Problem.of("not-found", "Patient not found", 404, e.getMessage(), path(uri), null).toResponse().build();
            case VERSION_MISMATCH -> Problem.of("version-mismatch", "Profile was changed by someone else", 412, e.getMessage(),
                    path(uri), null).toResponse().header(HttpHeaders.ETAG, ETags.of(e.currentVersion())).build();
            case PRECONDITION_REQUIRED -> Problem.of("if-match-required", "If-Match required", 428, e.getMessage(),
                    path(uri), errors).toResponse().build();
            case CONFLICT -> Problem.of("conflict", "Conflict", 409, e.getMessage(), path(uri), errors).toResponse().build();
            case INVALID_ARGUMENT -> Problem.of("validation", "Invalid request", 400, e.getMessage(), path(uri), errors)
                    .toResponse().build();
        };
    }

    @ServerExceptionMapper({JsonProcessingException.class, JsonMappingException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class, JsonParseException.class})
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = jsonPath(m.getPath());
            String message = jsonMessage(m);
            return Problem.of("validation", "Invalid request", 400, "Invalid field: " + field, path(uri),
                    List.of(new Problem.FieldError(field, message))).toResponse().build();
        }
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return Problem.of("malformed-json", "Malformed JSON", 400, "The body is not valid JSON" + where, path(uri), null)
                .toResponse().build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException j) {
                return json(j, uri); // Quarkus wraps body-parsing failures
            }
        }
        Response r = e.getResponse();
        String title = r.getStatusInfo().getReasonPhrase();
        return Problem.of("http-" + r.getStatus(), title, r.getStatus(), title, path(uri), null).toResponse().build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf("Unhandled %s on %s", ErrorChains.classChain(e), path(uri));
        return Problem.of("internal", "Internal error", 500, "The request could not be completed; it was logged.",
                path(uri), null).toResponse().build();
    }

    private static String fieldOf(ConstraintViolation<?> v) {
        String p = v.getPropertyPath().toString().replace(".<list element>", "").replace("<list element>", "");
        return p.isEmpty() ? "(body)" : p;
    }

    private static String jsonPath(List<JsonMappingException.Reference> refs) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static String jsonMessage(JsonMappingException m) {
        if (m instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (m instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(f.getTargetType().getEnumConstants());
        }
        if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            return "must be a valid " + describe(mi.getTargetType());
        }
        return "has an invalid value";
    }

    private static String describe(Class<?> type) {
        if (type == java.time.LocalDate.class) {
            return "ISO-8601 date (YYYY-MM-DD)";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (List.class.isAssignableFrom(type)) {
            return "array";
        }
        if (type == String.class) {
            return "string";
        }
        return "object";
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
