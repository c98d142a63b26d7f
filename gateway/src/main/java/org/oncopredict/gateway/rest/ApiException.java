package org.oncopredict.gateway.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

/**
 * A request the gateway answers with a problem (see {@link Problem}); the message is the problem's detail and never
 * contains patient data beyond a pseudonym. A 403 carries the pseudonym of the patient concerned, if any, for the
 * audit record of the denied attempt.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Integer retryAfterSeconds;
    private final String patient;

    public ApiException(int status, String type, String title, String detail, List<Problem.FieldError> errors,
                        Integer retryAfterSeconds, String patient, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
        this.patient = patient;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "invalid-request", "Invalid request", message,
                List.of(new Problem.FieldError(field, message)), null, null, null);
    }

    public static ApiException invalid(String detail, List<Problem.FieldError> errors) {
        return new ApiException(400, "invalid-request", "Invalid request", detail, errors, null, null, null);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "not-found", "Not found", detail, null, null, null, null);
    }

    public static ApiException forbidden(String detail, String patient) {
        return new ApiException(403, "forbidden", "Forbidden", detail, null, null, patient, null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "conflict", "Conflict", detail, null, null, null, null);
    }

    public static ApiException preconditionRequired(String detail) {
        return new ApiException(428, "precondition-required", "If-Match required", detail,
                List.of(new Problem.FieldError("If-Match", detail)), null, null, null);
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(412, "version-mismatch", "The profile changed", detail, null, null, null, null);
    }

    public static ApiException payloadTooLarge(long limit) {
        return new ApiException(413, "payload-too-large", "Request too large",
                "The request body exceeds " + limit + " bytes", null, null, null, null);
    }

    public int status() {
        return status;
    }

    public Response.StatusType statusType() {
        return Response.Status.fromStatusCode(status);
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The patient an access denial concerned (pseudonym), or null. */
    public String patient() {
        return patient;
    }
}
