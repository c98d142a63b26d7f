package org.oncopredict.gateway.cds;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.oncopredict.gateway.audit.AuditAction;
import org.oncopredict.gateway.audit.AuditEvent;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.rest.Problem;
import org.oncopredict.gateway.rest.TraceId;

/**
 * CDS Hooks 2.0: discovery (open), the services and their feedback (CDS client JWT, see {@link CdsJwtVerifier}).
 * Errors are problem+json like the rest of the REST API; a refused JWT is 401 with {@code WWW-Authenticate: Bearer}
 * and the reason.
 */
@Path("/cds-services")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cds-hooks")
public class CdsResource {

    private final CdsService service;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final TraceId traceId;

    public CdsResource(CdsService service, AuditLog audit, ObjectMapper mapper, TraceId traceId) {
        this.service = service;
        this.audit = audit;
        this.mapper = mapper;
        this.traceId = traceId;
    }

    @GET
    @PermitAll
    @Operation(summary = "CDS Hooks discovery")
    public CdsModels.Discovery discovery() {
        return service.discovery();
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @HttpAuthenticationMechanism(CdsAuthentication.SCHEME)
    @RolesAllowed(CdsAuthentication.ROLE)
    @Operation(summary = "Call a CDS service (patient-view or order-select); answers cards")
    public CdsModels.Cards call(@PathParam("id") String id, String body, UriInfo uri) {
        return service.call(id, json(body), base(uri));
    }

    @POST
    @Path("{id}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @HttpAuthenticationMechanism(CdsAuthentication.SCHEME)
    @RolesAllowed(CdsAuthentication.ROLE)
    @Operation(summary = "Feedback on cards (accepted / overridden); recorded in the audit trail")
    public Response feedback(@PathParam("id") String id, String body) {
        if (!id.equals(CdsService.PATIENT_VIEW) && !id.equals(CdsService.ORDER_SELECT)) {
            throw ApiException.notFound("No CDS service '" + id + "'");
        }
        JsonNode items = json(body).path("feedback");
        if (!items.isArray() || items.isEmpty()) {
            throw ApiException.badRequest("feedback", "feedback must be a non-empty array");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode f = items.get(i);
            String outcome = f.path("outcome").asText("");
            if (!f.path("card").isTextual() || !(outcome.equals("accepted") || outcome.equals("overridden"))) {
                errors.add(new Problem.FieldError("feedback[" + i + "]",
                        "card (the card's uuid) and outcome (accepted or overridden) are required"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("Invalid feedback", errors);
        }
        for (JsonNode f : items) {
            String card = f.path("card").asText();
            CdsService.CardInfo info = service.card(card);
            StringBuilder detail = new StringBuilder("CDS feedback ").append(id).append(" card ").append(card);
            if (info != null && info.kind() != null) {
                detail.append(" (").append(info.kind()).append(")");
            }
            detail.append(": ").append(f.path("outcome").asText());
            JsonNode accepted = f.path("acceptedSuggestions");
            if (accepted.isArray() && !accepted.isEmpty()) {
                List<String> ids = new ArrayList<>();
                accepted.forEach(a -> ids.add(a.path("id").asText()));
                detail.append(", accepted suggestions ").append(ids);
            }
            JsonNode reason = f.path("overrideReason").path("reason");
            if (!reason.isMissingNode()) {
                detail.append(", override reason ").append(reason.path("code").asText("?"));
            }
            if (f.path("overrideReason").path("userComment").isTextual()) {
                // Free text may hold patient data: its presence is recorded, not its content.
                detail.append(" (user comment given, not recorded)");
            }
            if (f.path("outcomeTimestamp").isTextual()) {
                detail.append(" at ").append(f.path("outcomeTimestamp").asText());
            }
            audit.record(AuditAction.CDS_FEEDBACK, info == null ? null : info.patientId(),
                    info == null ? null : info.modelVersion(), AuditEvent.Outcome.SUCCESS, detail.toString());
        }
        return Response.ok().build();
    }

    private JsonNode json(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("(body)", "a JSON object is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("(body)", "the body is not valid JSON");
        }
    }

    private static String base(UriInfo uri) {
        String b = uri.getBaseUri().toString();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        String detail = e instanceof AuthenticationFailedException && e.getMessage() != null
                && e.getMessage().startsWith("CDS client JWT rejected") ? e.getMessage()
                : "A signed JWT of an allowed CDS client is required (Authorization: Bearer, CDS Hooks 2.0)";
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer realm=\"cds-hooks\", error=\"invalid_token\"").header("X-Trace-Id", traceId.get())
                .entity(Problem.of(401, "unauthenticated", "Not authenticated", detail, uri.getPath(), null,
                        traceId.get())).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Response.status(403).type(Problem.MEDIA_TYPE).header("X-Trace-Id", traceId.get())
                .entity(Problem.of(403, "forbidden", "Forbidden", "CDS services are for CDS clients only",
                        uri.getPath(), null, traceId.get())).build();
    }
}
