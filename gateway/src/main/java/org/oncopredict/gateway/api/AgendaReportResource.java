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

/** A tumor-board agenda's PDF report (see {@link ReportResource}). */
@Path("/api/v1/agendas/{id}/report")
@Tag(name = "reports")
public class AgendaReportResource {

    private final ReportService reports;

    public AgendaReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Produces(ReportResource.PDF)
    @RolesAllowed(Roles.TUMOR_BOARD)
    @Operation(summary = "A tumor-board agenda's report (PDF)", description = "Cover page (date, attendees, cases) "
            + "and one section per patient; paper A4 (default) or LETTER; audited as REPORT_GENERATED.")
    public Response agenda(@PathParam("id") String id, @QueryParam("paper") String paper) {
        return ReportResource.pdf(reports.agenda(id, paper));
    }

}
