package org.oncopredict.gateway.security;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.oncopredict.auth.Roles;
import org.oncopredict.gateway.agenda.AgendaStore;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.proto.profile.v1.PatientProfile;

/**
 * The patient-level half of RBAC (DESIGN §6); the role half is {@code @RolesAllowed} on each endpoint.
 * An oncologist reads and writes patients of their care teams only; a tumor-board member reads patients on a board
 * agenda (a meeting at most {@code oncopredict.agenda.access-days-after-meeting} days ago, or upcoming) and writes
 * nothing. Refusals are 403 problems carrying the patient's pseudonym, which the audit trail records.
 */
@ApplicationScoped
public class Access {

    private final CurrentUser user;
    private final AgendaStore agendas;
    private final int daysAfterMeeting;
    private final Clock clock = Clock.systemUTC();

    public Access(CurrentUser user, AgendaStore agendas,
                  @ConfigProperty(name = "oncopredict.agenda.access-days-after-meeting") int daysAfterMeeting) {
        this.user = user;
        this.agendas = agendas;
        this.daysAfterMeeting = daysAfterMeeting;
    }

    /** Whether the current user may read this patient's data. */
    public boolean canRead(PatientProfile p) {
        return inCareTeam(p.getCareTeamsList()) || onBoardAgenda(p.getPatientId());
    }

    public void requireRead(PatientProfile p) {
        if (!canRead(p)) {
            throw ApiException.forbidden(user.hasRole(Roles.TUMOR_BOARD)
                    ? "Patient " + p.getPatientId() + " is not on a current tumor-board agenda"
                    : "Patient " + p.getPatientId() + " is not in one of your care teams", p.getPatientId());
        }
    }

    /** Writes: oncologists of the patient's care team only (the profile service checks the same). */
    public void requireWrite(PatientProfile p) {
        if (!inCareTeam(p.getCareTeamsList())) {
            throw ApiException.forbidden("Patient " + p.getPatientId() + " is not in one of your care teams",
                    p.getPatientId());
        }
    }

    /** A new or changed profile must belong to one of the oncologist's care teams. */
    public void requireOwnCareTeam(Collection<String> careTeams, String patient) {
        if (careTeams.isEmpty()) {
            throw ApiException.badRequest("careTeams", "at least one care team is required (one of yours: "
                    + user.careTeams() + ")");
        }
        if (!inCareTeam(careTeams)) {
            throw ApiException.forbidden("The profile's care teams " + careTeams + " must include one of yours "
                    + user.careTeams(), patient);
        }
    }

    /** For tumor-board members: the patient must be on a current agenda (403, audited, otherwise). */
    public void requireOnBoardAgenda(String patient) {
        if (!onBoardAgenda(patient)) {
            throw ApiException.forbidden("Patient " + patient + " is not on a current tumor-board agenda", patient);
        }
    }

    /** Patients a tumor-board member may see now. */
    public List<String> boardPatients() {
        return agendas.patientsOnAgendasSince(boardWindowStart());
    }

    private boolean inCareTeam(Collection<String> careTeams) {
        return user.hasRole(Roles.ONCOLOGIST) && careTeams.stream().anyMatch(user.careTeams()::contains);
    }

    private boolean onBoardAgenda(String patient) {
        return user.hasRole(Roles.TUMOR_BOARD) && agendas.isOnAgendaSince(patient, boardWindowStart());
    }

    private LocalDate boardWindowStart() {
        return LocalDate.now(clock).minusDays(daysAfterMeeting);
    }
}
