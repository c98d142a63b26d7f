package org.oncopredict.gateway.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.oncopredict.auth.Roles;
import org.oncopredict.gateway.report.ReportService;

/**
 * Tumor-board PDF reports of one patient or of a whole agenda. The response's {@code X-Report-Id} is the id printed
 * on every page; {@code GET /api/v1/audit?report=<id>} finds the record of its generation. {@code Server-Timing}
 * gives the layout time.
 */
// Class-level paths of their own: JAX-RS matches resource classes first, so a method path under "/api/v1" would lose
// to PatientResource's "/api/v1/patients" and answer 404.
@Path("/api/v1/patients/{id}/report")
@Tag(name = "reports")
public class ReportResource {

    static final String PDF = "application/pdf";

    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Produces(PDF)
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD})
    @Operation(summary = "One patient's tumor-board report (PDF)", description = "Case summary, genomic findings, "
            + "treatment options with intervals, PFS curves, explanations, warnings, model card; paper A4 (default) "
            + "or LETTER. Same access as the patient's treatment options; audited as REPORT_GENERATED.")
    public Response patient(@PathParam("id") String id, @QueryParam("paper") String paper) {
        return pdf(reports.patient(id, paper));
    }

    /** The PDF as a download; also used by the web UI's report buttons. */
    public static Response pdf(ReportService.Report r) {
        return Response.ok(r.pdf(), PDF).header("Content-Disposition", "attachment; filename=\"" + r.filename() + "\"")
                .header("X-Report-Id", r.id().toString()).header("Server-Timing", "render;dur=" + r.renderMillis())
                .header("Cache-Control", "no-store").build();
    }
}
