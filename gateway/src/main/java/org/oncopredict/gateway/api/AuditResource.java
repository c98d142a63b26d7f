package org.oncopredict.gateway.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.oncopredict.auth.Roles;
import org.oncopredict.gateway.audit.AuditAction;
import org.oncopredict.gateway.audit.AuditEvent;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.rest.ApiException;

/** The audit trail, for admins: query it, and verify its hash chain. Reading it is audited too. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    static final int MAX_LIMIT = 1000;

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Query the audit trail", description = "Newest first; every given filter must match (trace: "
            + "the X-Trace-Id of a request; report: the id printed on a PDF report); from/to are ISO-8601 instants (to exclusive)")
    public List<AuditEvent> query(@QueryParam("patient") String patient, @QueryParam("user") String user,
                                  @QueryParam("action") String action, @QueryParam("trace") String trace,
                                  @QueryParam("report") String report, @QueryParam("from") String from,
                                  @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (action != null) {
            try {
                AuditAction.valueOf(action);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("action", "action must be one of " + List.of(AuditAction.values()));
            }
        }
        java.util.UUID reportId = null;
        if (report != null && !report.isBlank()) {
            try {
                reportId = java.util.UUID.fromString(report.strip());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("report", "report must be a report id (a UUID, as printed on the report)");
            }
        }
        List<AuditEvent> events = audit.query(blankToNull(patient), blankToNull(user), action, blankToNull(trace),
                reportId, instant(from, "from"), instant(to, "to"), limit);
        audit.record(AuditAction.AUDIT_READ, blankToNull(patient), null, AuditEvent.Outcome.SUCCESS,
                events.size() + " records");
        return events;
    }

    @GET
    @Path("verify")
    @Operation(summary = "Verify the hash chain", description = "valid=false names the first record that does not "
            + "match (changed, removed or inserted)")
    public AuditLog.Verification verify() {
        AuditLog.Verification result = audit.verify();
        audit.record(AuditAction.AUDIT_VERIFY, null, null, AuditEvent.Outcome.SUCCESS,
                result.valid() ? "valid, " + result.checked() + " records" : "INVALID at record " + result.firstInvalidId());
        return result;
    }

    private static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
