package org.oncopredict.gateway.agenda;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
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
 * Tumor-board agendas for the API and the web UI alike: validation (every field named in the problem), the store and
 * the audit record of each change. Roles are checked by the callers' {@code @RolesAllowed}; an oncologist's referral
 * is checked here against the patient's care teams.
 */
@ApplicationScoped
public class AgendaService {

    public static final int MAX_PATIENTS = 100;

    private final AgendaStore store;
    private final ProfileServiceClient profiles;
    private final Access access;
    private final AuditLog audit;
    private final CurrentUser user;

    public AgendaService(AgendaStore store, ProfileServiceClient profiles, Access access, AuditLog audit,
                         CurrentUser user) {
        this.store = store;
        this.profiles = profiles;
        this.access = access;
        this.audit = audit;
        this.user = user;
    }

    /** An agenda as clients send it: strings as typed, checked by {@link #create} and {@link #replace}. */
    public record Draft(String meetingDate, String title, String attendees, List<String> patientIds) {
    }

    public Agenda create(Draft draft) {
        Valid v = validate(draft);
        Agenda agenda = store.create(v.date(), v.title(), v.attendees(), v.patients(), user.subject());
        audit.recordAfterWrite(AuditAction.AGENDA_CREATE, null, null, agenda.id() + " " + agenda.meetingDate() + ": "
                + agenda.patientIds());
        return agenda;
    }

    /** Replaces the agenda if it is still at {@code expectedVersion} (412 otherwise). */
    public Agenda replace(String id, long expectedVersion, Draft draft) {
        Valid v = validate(draft);
        Agenda agenda = store.update(uuid(id), expectedVersion, v.date(), v.title(), v.attendees(), v.patients());
        audit.recordAfterWrite(AuditAction.AGENDA_UPDATE, null, null, agenda.id() + " " + agenda.meetingDate() + ": "
                + agenda.patientIds());
        return agenda;
    }

    /** Adds a patient the caller may write to (their care team) at the end of the agenda; a no-op if listed. */
    public Agenda refer(String id, String patientId) {
        if (patientId == null || patientId.isBlank()) {
            throw ApiException.badRequest("patientId", "patientId is required");
        }
        String patient = patientId.strip();
        access.requireWrite(profiles.get(patient));
        Agenda current = get(id);
        if (current.patientIds().contains(patient)) {
            return current;
        }
        if (current.patientIds().size() >= MAX_PATIENTS) {
            throw ApiException.conflict("The agenda already has " + MAX_PATIENTS + " patients");
        }
        List<String> patients = new ArrayList<>(current.patientIds());
        patients.add(patient);
        Agenda agenda = store.update(current.id(), current.version(), current.meetingDate(), current.title(),
                current.attendees(), patients);
        audit.recordAfterWrite(AuditAction.AGENDA_UPDATE, patient, null, agenda.id() + ": referred");
        return agenda;
    }

    public Agenda get(String id) {
        return find(id).orElseThrow(() -> ApiException.notFound("No agenda " + id));
    }

    public Optional<Agenda> find(String id) {
        try {
            return store.find(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** By meeting date, from {@code from} on (all when null). */
    public List<Agenda> list(LocalDate from) {
        return store.list(from);
    }

    private record Valid(LocalDate date, String title, String attendees, List<String> patients) {
    }

    private Valid validate(Draft body) {
        if (body == null) {
            throw ApiException.badRequest("(body)", "A JSON body {meetingDate, title, attendees, patientIds} is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate date = null;
        try {
            date = body.meetingDate() == null ? null : LocalDate.parse(body.meetingDate().strip());
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
            Set<String> found = new HashSet<>();
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

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No agenda " + id);
        }
    }
}
