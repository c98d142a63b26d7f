package org.oncopredict.gateway.fhir;

import java.net.URI;
import java.util.List;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.oncopredict.auth.Roles;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.rest.Problem;
import org.oncopredict.gateway.rest.TraceId;
import org.oncopredict.gateway.security.CurrentUser;

/**
 * FHIR R4 endpoints (JSON, {@code application/fhir+json}): import of an mCODE-shaped Bundle, export of a patient as
 * a Bundle ({@code $everything}), the Patient resource, and predictions as RiskAssessments. Every error is an
 * OperationOutcome (not problem+json), with the trace id in {@code X-Trace-Id}; refusals are audited as elsewhere.
 */
@Path("/fhir")
@Produces({FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Tag(name = "fhir")
public class FhirResource {

    private static final Logger LOG = Logger.getLogger(FhirResource.class);
    private static final MediaType FHIR = MediaType.valueOf(FhirJson.MEDIA_TYPE);

    private final FhirService service;
    private final FhirJson json;
    private final AuditLog audit;
    private final CurrentUser user;
    private final TraceId traceId;

    public FhirResource(FhirService service, FhirJson json, AuditLog audit, CurrentUser user, TraceId traceId) {
        this.service = service;
        this.json = json;
        this.audit = audit;
        this.user = user;
        this.traceId = traceId;
    }

    @POST
    @Consumes({FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.ONCOLOGIST, Roles.ADMIN})
    @Operation(summary = "Import an mCODE-shaped FHIR R4 Bundle (transaction, batch or collection)",
            description = "One patient per bundle, identified by its MRN identifier: a new MRN creates a profile (201), "
                    + "a known one updates it (200), an identical re-import changes nothing (200, 'unchanged'). The "
                    + "OperationOutcome lists per entry what was imported and what was ignored and why. An invalid "
                    + "bundle is 400 (not FHIR JSON) or 422 (not importable) and writes nothing. careTeam: the care "
                    + "team of a new patient when the bundle has no CareTeam.")
    public Response importBundle(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @QueryParam("careTeam") String careTeam) {
        FhirService.ImportOutcome outcome = service.importBundle(text(body, contentType), careTeam);
        OperationOutcome oo = outcome(outcome.issues());
        oo.getIssue().add(0, new OperationOutcome.OperationOutcomeIssueComponent()
                .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics("Patient " + outcome.patientId() + " " + outcome.action() + " (version "
                        + outcome.version() + "): " + FhirService.summary(outcome.issues()))
                .addExpression("Bundle"));
        URI location = URI.create("/fhir/Patient/" + outcome.patientId());
        Response.ResponseBuilder r = outcome.action().equals("created") ? Response.created(location)
                : Response.ok().contentLocation(location);
        return r.type(FHIR).header("X-Patient-Id", outcome.patientId()).header("X-Import-Result", outcome.action())
                .entity(json.encode(oo)).build();
    }

    /** The same import at the Bundle endpoint (for clients that post bundles there). */
    @POST
    @Path("Bundle")
    @Consumes({FhirJson.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @RolesAllowed({Roles.ONCOLOGIST, Roles.ADMIN})
    @Operation(summary = "Import a Bundle (same as POST /fhir)")
    public Response importAtBundle(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                   @QueryParam("careTeam") String careTeam) {
        return importBundle(body, contentType, careTeam);
    }

    /** The body as text: FHIR JSON is UTF-8; a charset the client names explicitly is honoured. */
    private static String text(byte[] body, String contentType) {
        java.nio.charset.Charset charset = java.nio.charset.StandardCharsets.UTF_8;
        if (contentType != null) {
            String named = MediaType.valueOf(contentType).getParameters().get("charset");
            if (named != null) {
                try {
                    charset = java.nio.charset.Charset.forName(named);
                } catch (IllegalArgumentException e) {
                    throw new FhirException(415, "unknown charset " + named, List.of(ImportIssue.error(-1,
                            "Content-Type", "unknown charset '" + named + "' (FHIR JSON is UTF-8)")), null, null, null);
                }
            }
        }
        return new String(body == null ? new byte[0] : body, charset);
    }

    @GET
    @Path("Patient/{id}/{operation}")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD})
    @Operation(summary = "A patient's profile as an mCODE-shaped collection Bundle",
            description = "predictions=true adds one RiskAssessment per regimen and outcome (response, grade >= 3 "
                    + "toxicity, progression-free at 12 months) and the model version as a Device.")
    public Response everything(@PathParam("id") String id, @PathParam("operation") String operation,
                               @QueryParam("predictions") @DefaultValue("false") boolean predictions) {
        // A literal '$' in @Path does not match (it is taken as a regular expression anchor).
        if (!operation.equals("$everything")) {
            throw new FhirException(404, "unknown operation " + operation + " (supported: $everything)",
                    List.of(ImportIssue.error(-1, operation, "unknown operation; supported: $everything")), null,
                    null, null);
        }
        return fhir(json.encode(service.everything(id, predictions)));
    }

    @GET
    @Path("Patient/{id}")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD})
    @Operation(summary = "The Patient resource")
    public Response patient(@PathParam("id") String id) {
        return fhir(json.encode(service.patient(id)));
    }

    @GET
    @Path("RiskAssessment")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD})
    @Operation(summary = "A patient's current predictions as RiskAssessments (searchset; the model Device included)")
    public Response riskAssessments(@QueryParam("patient") String patient, @QueryParam("subject") String subject) {
        String id = patient != null ? patient : subject;
        if (id == null || id.isBlank()) {
            throw new FhirException(400, "patient is required", List.of(ImportIssue.error(-1, "patient",
                    "search parameter 'patient' (a patient id) is required")), null, null, null);
        }
        if (id.startsWith("Patient/")) {
            id = id.substring("Patient/".length());
        }
        return fhir(json.encode(service.riskAssessments(id)));
    }

    private static Response fhir(String body) {
        return Response.ok(body, FHIR).build();
    }

    // ------------------------------------------------------------------------------------------ errors

    static OperationOutcome outcome(List<ImportIssue> issues) {
        OperationOutcome oo = new OperationOutcome();
        for (ImportIssue i : issues) {
            OperationOutcome.OperationOutcomeIssueComponent issue = oo.addIssue();
            switch (i.kind()) {
                case IMPORTED -> issue.setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                        .setCode(OperationOutcome.IssueType.INFORMATIONAL);
                case WARNING -> issue.setSeverity(OperationOutcome.IssueSeverity.WARNING)
                        .setCode(OperationOutcome.IssueType.INFORMATIONAL);
                case IGNORED -> issue.setSeverity(OperationOutcome.IssueSeverity.WARNING)
                        .setCode(OperationOutcome.IssueType.NOTSUPPORTED);
                case ERROR -> issue.setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.INVALID);
            }
            String prefix = switch (i.kind()) {
                case IMPORTED -> "imported: ";
                case WARNING -> "imported with a caveat: ";
                case IGNORED -> "ignored: ";
                case ERROR -> "";
            };
            issue.setDiagnostics((i.entry() >= 0 ? i.resource() + " — " : "") + prefix + i.message());
            issue.addExpression(i.entry() >= 0 ? "Bundle.entry[" + i.entry() + "].resource" : "Bundle");
        }
        return oo;
    }

    private Response error(int status, OperationOutcome.IssueType type, String message, List<ImportIssue> issues,
                           Integer retryAfter) {
        OperationOutcome oo = issues.isEmpty() ? new OperationOutcome() : outcome(issues);
        if (issues.stream().noneMatch(i -> i.kind() == ImportIssue.Kind.ERROR)) {
            oo.getIssue().add(0, new OperationOutcome.OperationOutcomeIssueComponent()
                    .setSeverity(status >= 500 ? OperationOutcome.IssueSeverity.FATAL : OperationOutcome.IssueSeverity.ERROR)
                    .setCode(type).setDiagnostics(message));
        } else {
            oo.getIssue().add(0, new OperationOutcome.OperationOutcomeIssueComponent()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(message));
        }
        oo.getIssueFirstRep().getDetails().setText("trace " + traceId.get());
        Response.ResponseBuilder r = Response.status(status).type(FHIR).header("X-Trace-Id", traceId.get())
                .entity(json.encode(oo));
        if (retryAfter != null) {
            r.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        if (status == 401) {
            r.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response fhirError(FhirException e) {
        return error(e.status(), e.status() == 422 ? OperationOutcome.IssueType.PROCESSING
                : OperationOutcome.IssueType.INVALID, e.getMessage(), e.issues(), e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response apiError(ApiException e, UriInfo uri, Request request) {
        if (e.status() == 403) {
            denied(uri, request, e.patient(), e.getMessage());
        }
        if (e.status() >= 500) {
            LOG.warnf("%s %s answered %d (%s)", request.getMethod(), uri.getPath(), e.status(), e.type());
        }
        OperationOutcome.IssueType type = switch (e.status()) {
            case 400 -> OperationOutcome.IssueType.INVALID;
            case 401 -> OperationOutcome.IssueType.LOGIN;
            case 403 -> OperationOutcome.IssueType.FORBIDDEN;
            case 404 -> OperationOutcome.IssueType.NOTFOUND;
            case 409, 412 -> OperationOutcome.IssueType.CONFLICT;
            default -> e.status() >= 500 ? OperationOutcome.IssueType.TRANSIENT : OperationOutcome.IssueType.PROCESSING;
        };
        List<ImportIssue> issues = e.errors().stream().map((Problem.FieldError f) -> new ImportIssue(-1, f.field(),
                ImportIssue.Kind.ERROR, f.field() + ": " + f.message())).toList();
        return error(e.status(), type, e.getMessage(), issues, e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, Request request) {
        denied(uri, request, patientOf(uri), "role " + user.roleLabel() + " may not use this operation");
        return error(403, OperationOutcome.IssueType.FORBIDDEN, "Your role does not allow this operation", List.of(),
                null);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return error(401, OperationOutcome.IssueType.LOGIN, "A valid bearer access token of the realm 'oncology' "
                + "(audience oncopredict-api) is required", List.of(), null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return error(status >= 500 ? 500 : status, status == 415 ? OperationOutcome.IssueType.NOTSUPPORTED
                : OperationOutcome.IssueType.INVALID, status == 415 ? "Send the body as application/fhir+json"
                : "The request could not be processed (HTTP " + status + ")", List.of(), null);
    }

    /** A bug: logged by exception class and code position only (a message could quote patient data). */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        if (e instanceof ApiException a) {
            return error(a.status(), OperationOutcome.IssueType.PROCESSING, a.getMessage(), List.of(), a.retryAfterSeconds());
        }
        StringBuilder where = new StringBuilder(e.getClass().getName());
        StackTraceElement[] frames = e.getStackTrace();
        for (int i = 0; i < Math.min(6, frames.length); i++) {
            where.append(" at ").append(frames[i].getClassName()).append('.').append(frames[i].getMethodName())
                    .append(':').append(frames[i].getLineNumber());
        }
        LOG.errorf("Unhandled %s on %s (trace %s)", where, uri.getPath(), traceId.get());
        return error(500, OperationOutcome.IssueType.EXCEPTION, "An unexpected error occurred; it was logged",
                List.of(), null);
    }

    private void denied(UriInfo uri, Request request, String patient, String reason) {
        audit.recordDenied(patient, request.getMethod() + " " + uri.getPath() + ": " + reason);
    }

    private static String patientOf(UriInfo uri) {
        List<String> segments = uri.getPathSegments().stream().map(s -> s.getPath()).toList();
        int i = segments.indexOf("Patient");
        if (i >= 0 && i + 1 < segments.size()) {
            return segments.get(i + 1);
        }
        String q = uri.getQueryParameters().getFirst("patient");
        return q;
    }

}
