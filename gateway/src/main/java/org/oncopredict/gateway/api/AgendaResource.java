package org.oncopredict.gateway.api;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.oncopredict.auth.Roles;
import org.oncopredict.gateway.agenda.Agenda;
import org.oncopredict.gateway.agenda.AgendaService;
import org.oncopredict.gateway.rest.ApiException;

/**
 * Tumor-board agendas: a meeting date, title, attendees and the patients to discuss. Tumor-board members create and
 * edit them (a patient on a current agenda becomes readable to the board); an oncologist may refer a patient of
 * their care team to an existing agenda. Every change is audited.
 */
@Path("/api/v1/agendas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agendas")
public class AgendaResource {

    private final AgendaService agendas;

    public AgendaResource(AgendaService agendas) {
        this.agendas = agendas;
    }

    /** A referral of one patient to an agenda. */
    public record Referral(String patientId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TUMOR_BOARD)
    @Operation(summary = "Create an agenda", description = "201 with Location and ETag")
    public Response create(AgendaService.Draft body) {
        Agenda agenda = agendas.create(body);
        return Response.created(URI.create("/api/v1/agendas/" + agenda.id())).entity(agenda)
                .tag(new EntityTag(Long.toString(agenda.version()))).build();
    }

    @GET
    @RolesAllowed({Roles.TUMOR_BOARD, Roles.ONCOLOGIST})
    @Operation(summary = "List agendas", description = "By meeting date; from (ISO date) limits to later meetings")
    public List<Agenda> list(@QueryParam("from") String from) {
        return agendas.list(from == null || from.isBlank() ? null : date(from, "from"));
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.TUMOR_BOARD, Roles.ONCOLOGIST})
    public Response get(@PathParam("id") String id) {
        return tagged(agendas.get(id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TUMOR_BOARD)
    @Operation(summary = "Replace an agenda", description = "If-Match required: 428 without, 412 when stale")
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            AgendaService.Draft body) {
        return tagged(agendas.replace(id, Responses.ifMatch(ifMatch, true), body));
    }

    @POST
    @Path("{id}/patients")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCOLOGIST)
    @Operation(summary = "Refer a patient of your care team to an agenda")
    public Response refer(@PathParam("id") String id, Referral referral) {
        return tagged(agendas.refer(id, referral == null ? null : referral.patientId()));
    }

    private static Response tagged(Agenda agenda) {
        return Response.ok(agenda).tag(new EntityTag(Long.toString(agenda.version()))).build();
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be an ISO date (YYYY-MM-DD)");
        }
    }
}
