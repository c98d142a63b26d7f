package org.oncopredict.gateway.api;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
import org.oncopredict.gateway.agenda.AgendaStore;
import org.oncopredict.gateway.audit.AuditAction;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.clients.ProfileServiceClient;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.rest.Problem;
import org.oncopredict.gateway.security.Access;
import org.oncopredict.gateway.security.CurrentUser;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.PatientSummary;

/**
 * Tumor-board agendas: a meeting date, title, attendees and the patients to discuss. Tumor-board members create and
 * edit them (a patient on a current agenda becomes readable to the board); an oncologist may refer a patient of
 * their care team to an existing agenda. Every change is audited.
 */
@Path("/api/v1/agendas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agendas")
public class AgendaResource {

    static final int MAX_PATIENTS = 100;

    private final AgendaStore agendas;
    private final ProfileServiceClient profiles;
    private final Access access;
    private final AuditLog audit;
    private final CurrentUser user;

    public AgendaResource(AgendaStore agendas, ProfileServiceClient profiles, Access access, AuditLog audit,
                          CurrentUser user) {
        this.agendas = agendas;
        this.profiles = profiles;
        this.access = access;
        this.audit = audit;
        this.user = user;
    }

    /** An agenda as clients send it. */
    public record AgendaRequest(String meetingDate, String title, String attendees, List<String> patientIds) {
    }

    /** A referral of one patient to an agenda. */
    public record Referral(String patientId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TUMOR_BOARD)
    @Operation(summary = "Create an agenda", description = "201 with Location and ETag")
    public Response create(AgendaRequest body) {
        Valid v = validate(body);
        Agenda agenda = agendas.create(v.date(), v.title(), v.attendees(), v.patients(), user.subject());
        audit.recordAfterWrite(AuditAction.AGENDA_CREATE, null, null, agenda.id() + " " + agenda.meetingDate() + ": "
                + agenda.patientIds());
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
        Agenda agenda = agendas.find(uuid(id)).orElseThrow(() -> ApiException.notFound("No agenda " + id));
        return Response.ok(agenda).tag(new EntityTag(Long.toString(agenda.version()))).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TUMOR_BOARD)
    @Operation(summary = "Replace an agenda", description = "If-Match required: 428 without, 412 when stale")
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            AgendaRequest body) {
        long expected = Responses.ifMatch(ifMatch, true);
        Valid v = validate(body);
        Agenda agenda = agendas.update(uuid(id), expected, v.date(), v.title(), v.attendees(), v.patients());
        audit.recordAfterWrite(AuditAction.AGENDA_UPDATE, null, null, agenda.id() + " " + agenda.meetingDate() + ": "
                + agenda.patientIds());
        return Response.ok(agenda).tag(new EntityTag(Long.toString(agenda.version()))).build();
    }

    @POST
    @Path("{id}/patients")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCOLOGIST)
    @Operation(summary = "Refer a patient of your care team to an agenda")
    public Response refer(@PathParam("id") String id, Referral referral) {
        if (referral == null || referral.patientId() == null || referral.patientId().isBlank()) {
            throw ApiException.badRequest("patientId", "patientId is required");
        }
        String patient = referral.patientId().strip();
        access.requireWrite(profiles.get(patient));
        Agenda current = agendas.find(uuid(id)).orElseThrow(() -> ApiException.notFound("No agenda " + id));
        if (current.patientIds().contains(patient)) {
            return Response.ok(current).tag(new EntityTag(Long.toString(current.version()))).build();
        }
        if (current.patientIds().size() >= MAX_PATIENTS) {
            throw ApiException.conflict("The agenda already has " + MAX_PATIENTS + " patients");
        }
        List<String> patients = new ArrayList<>(current.patientIds());
        patients.add(patient);
        Agenda agenda = agendas.update(current.id(), current.version(), current.meetingDate(), current.title(),
                current.attendees(), patients);
        audit.recordAfterWrite(AuditAction.AGENDA_UPDATE, patient, null, agenda.id() + ": referred");
        return Response.ok(agenda).tag(new EntityTag(Long.toString(agenda.version()))).build();
    }

    private record Valid(LocalDate date, String title, String attendees, List<String> patients) {
    }

    private Valid validate(AgendaRequest body) {
        if (body == null) {
            throw ApiException.badRequest("(body)", "A JSON body {meetingDate, title, attendees, patientIds} is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate date = null;
        try {
            date = body.meetingDate() == null ? null : LocalDate.parse(body.meetingDate());
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (date == null) {
            errors.add(new Problem.FieldError("meetingDate", "meetingDate is required, an ISO date (YYYY-MM-DD)"));
        }
        String title = body.title() == null ? "" : body.title().strip();
        if (title.isEmpty() || title.length() > 200) {
            errors.add(new Problem.FieldError("title", "title is required, at most 200 characters"));
        }
        String attendees = body.attendees() == null ? "" : body.attendees().strip();
        if (attendees.length() > 1000) {
            errors.add(new Problem.FieldError("attendees", "attendees must be at most 1000 characters"));
        }
        List<String> patients = body.patientIds() == null ? List.of() : body.patientIds();
        if (patients.size() > MAX_PATIENTS) {
            errors.add(new Problem.FieldError("patientIds", "at most " + MAX_PATIENTS + " patients per agenda"));
        }
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < patients.size() && i < MAX_PATIENTS; i++) {
            String p = patients.get(i);
            if (p == null || !p.matches("P-[A-Z0-9]{10}")) {
                errors.add(new Problem.FieldError("patientIds[" + i + "]", "not a patient id (P- and 10 characters)"));
            } else if (!unique.add(p)) {
                errors.add(new Problem.FieldError("patientIds[" + i + "]", "listed twice"));
            }
        }
        if (errors.isEmpty() && !unique.isEmpty()) {
            // Every listed patient must exist: the board must not be given an agenda of typos.
            Set<String> found = new java.util.HashSet<>();
            profiles.list(CohortFilter.newBuilder().addAllPatientIds(unique).build(), "", MAX_PATIENTS, "")
                    .getPatientsList().stream().map(PatientSummary::getPatientId).forEach(found::add);
            int i = 0;
            for (String p : patients) {
                if (!found.contains(p)) {
                    errors.add(new Problem.FieldError("patientIds[" + i + "]", "no patient " + p));
                }
                i++;
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("The agenda is not valid: " + errors.size() + " field(s)", errors);
        }
        return new Valid(date, title, attendees, List.copyOf(unique));
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be an ISO date (YYYY-MM-DD)");
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No agenda " + id);
        }
    }
}
