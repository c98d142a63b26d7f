package org.oncopredict.gateway.rest;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.security.CurrentUser;

/**
 * Every error as {@code application/problem+json} (RFC 9457), with the request's trace id and never a stack trace.
 * Refusals of an authenticated user (403) leave an ACCESS_DENIED audit record naming the operation and, if any, the
 * patient; unauthenticated requests (401) are not audited (there is no one to name) but answered with
 * {@code WWW-Authenticate: Bearer}.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final TraceId traceId;
    private final AuditLog audit;
    private final CurrentUser user;
    private final Template errorPage;

    public ProblemMappers(TraceId traceId, AuditLog audit, CurrentUser user, @Location("error.html") Template errorPage) {
        this.traceId = traceId;
        this.audit = audit;
        this.user = user;
        this.errorPage = errorPage;
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri, Request request) {
        if (e.status() == 403) {
            denied(uri, request, e.patient(), e.getMessage());
        }
        if (e.status() >= 500) {
            LOG.warnf("%s %s answered %d (%s)%s", request.getMethod(), uri.getPath(), e.status(), e.type(),
                    e.getCause() == null ? "" : " caused by " + e.getCause().getClass().getName());
        }
        Response.ResponseBuilder r = problem(e.status(), e.type(), e.title(), e.getMessage(), uri, e.errors());
        if (e.retryAfterSeconds() != null) {
            r.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        if (e.status() == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, Request request) {
        denied(uri, request, patientOf(uri), "role " + user.roleLabel() + " may not use this operation");
        return problem(403, "forbidden", "Forbidden", "Your role does not allow this operation", uri, null).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return problem(401, "unauthenticated", "Not authenticated",
                "A valid bearer access token of the realm 'oncology' (audience oncopredict-api) is required", uri, null)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** A JSON body Jackson cannot bind (the REST records: decisions, agendas, activations): 400 naming the field. */
    @ServerExceptionMapper({MismatchedInputException.class, JsonProcessingException.class})
    public Response json(JsonProcessingException e, UriInfo uri) {
        String field = "(body)";
        String message = "the body is not valid JSON";
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(field);
            message = e instanceof UnrecognizedPropertyException ? "unknown field '" + field + "'"
                    : "wrong type or shape for '" + field + "'";
        } else if (e instanceof MismatchedInputException) {
            message = "the body does not have the expected shape";
        }
        return problem(400, "invalid-request", "Invalid request", message, uri,
                List.of(new Problem.FieldError(field, message))).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf("%s on %s", e.getClass().getName(), uri.getPath());
            return problem(500, "internal-error", "Internal error", "An unexpected error occurred; it was logged",
                    uri, null).build();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request refused" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No such resource: " + uri.getPath();
            case 405 -> "This method is not allowed on " + uri.getPath();
            case 406 -> "This resource answers application/json (errors application/problem+json)";
            case 415 -> "Send the body as application/json";
            default -> "The request could not be processed (" + title + ")";
        };
        return problem(status, "http-" + status, title, detail, uri, null).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        // Class chain only: a message could quote request data.
        StringBuilder chain = new StringBuilder(e.getClass().getName());
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            chain.append(" <- ").append(c.getClass().getName());
        }
        LOG.errorf("Unhandled %s on %s (trace %s)", chain, uri.getPath(), traceId.get());
        return problem(500, "internal-error", "Internal error", "An unexpected error occurred; it was logged", uri, null)
                .build();
    }

    private void denied(UriInfo uri, Request request, String patient, String reason) {
        audit.recordDenied(patient, request.getMethod() + " " + uri.getPath() + ": " + reason);
    }

    /** The {id} path parameter of patient resources, for the audit record. */
    private static String patientOf(UriInfo uri) {
        List<String> segments = uri.getPathSegments().stream().map(s -> s.getPath()).toList();
        int i = segments.indexOf("patients");
        return i >= 0 && i + 1 < segments.size() ? segments.get(i + 1) : null;
    }

    private Response.ResponseBuilder problem(int status, String type, String title, String detail, UriInfo uri,
                                             List<Problem.FieldError> errors) {
        if (uri != null && (uri.getPath().equals("/ui") || uri.getPath().startsWith("/ui/"))) {
            // The browser UI gets a readable page; the API keeps problem+json.
            return Response.status(status).type(MediaType.TEXT_HTML_TYPE).header("X-Trace-Id", traceId.get())
                    .entity(errorPage.data("status", status).data("title", title).data("detail", detail)
                            .data("errors", errors == null ? List.of() : errors).data("traceId", traceId.get()).render());
        }
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .header("X-Trace-Id", traceId.get())
                .entity(Problem.of(status, type, title, detail, uri == null ? null : uri.getPath(), errors,
                        traceId.get()));
    }
}
