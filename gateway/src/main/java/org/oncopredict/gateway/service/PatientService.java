package org.oncopredict.gateway.service;

import java.time.LocalDate;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import org.oncopredict.auth.Roles;
import org.oncopredict.gateway.audit.AuditAction;
import org.oncopredict.gateway.audit.AuditEvent;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.clients.EfficacyServiceClient;
import org.oncopredict.gateway.clients.ProfileServiceClient;
import org.oncopredict.gateway.clients.ServiceUnavailableException;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.rest.Problem;
import org.oncopredict.gateway.security.Access;
import org.oncopredict.gateway.security.CurrentUser;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.efficacy.v1.Regimen;
import org.oncopredict.proto.profile.v1.AddTherapyLineResponse;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.ListPatientsResponse;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.ReasonStopped;
import org.oncopredict.proto.profile.v1.TherapyLine;

/**
 * What the API and the web UI do with patients, in one place: patient-level access (care teams, agendas), the calls
 * to the services and the audit record of each read, prediction and decision. Role checks stay on the endpoints.
 */
@ApplicationScoped
public class PatientService {

    public static final int MAX_PAGE_SIZE = 200;
    public static final int MAX_RATIONALE = 2000;

    private final ProfileServiceClient profiles;
    private final EfficacyServiceClient efficacy;
    private final Access access;
    private final AuditLog audit;
    private final CurrentUser user;

    public PatientService(ProfileServiceClient profiles, EfficacyServiceClient efficacy, Access access, AuditLog audit,
                          CurrentUser user) {
        this.profiles = profiles;
        this.efficacy = efficacy;
        this.access = access;
        this.audit = audit;
        this.user = user;
    }

    /** Patients the user may list: oncologists their care teams, the tumor board its agenda patients, admins all. */
    @WithSpan("gateway.patients.search")
    public ListPatientsResponse search(CohortFilter filter, String query, int pageSize, String pageToken) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("pageSize", "pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        ListPatientsResponse result;
        if (!user.hasRole(Roles.ONCOLOGIST) && !user.hasRole(Roles.ADMIN)) {
            // Tumor board only: its agenda patients, and nobody when there are none.
            List<String> board = access.boardPatients();
            result = board.isEmpty() ? ListPatientsResponse.getDefaultInstance()
                    : profiles.list(filter.toBuilder().addAllPatientIds(board).build(), query, pageSize, pageToken);
        } else {
            result = profiles.list(filter, query, pageSize, pageToken);
        }
        audit.record(AuditAction.PATIENT_SEARCH, null, null, AuditEvent.Outcome.SUCCESS,
                result.getPatientsCount() + " of " + result.getTotalSize() + " patients listed");
        return result;
    }

    /** The profile, if the user may read it (403, audited, otherwise); the read of {@code what} is audited. */
    @WithSpan("gateway.patients.read")
    public PatientProfile read(String id, String what) {
        PatientProfile p = profiles.get(id);
        access.requireRead(p);
        audit.record(AuditAction.PATIENT_READ, id, null, AuditEvent.Outcome.SUCCESS, what);
        return p;
    }

    /** Per-regimen predictions for a stored patient; audited with the model version (a failure as FAILED). */
    @WithSpan("gateway.patients.treatment-options")
    public PredictTreatmentOutcomesResponse treatmentOptions(String id, List<String> regimens, boolean curves) {
        if (!user.hasRole(Roles.ONCOLOGIST)) {
            // Tumor board: the agenda is the gateway's to check (oncologists' care teams are checked by the services).
            access.requireOnBoardAgenda(id);
        }
        PredictTreatmentOutcomesResponse response;
        try {
            response = efficacy.predict(id, regimens, curves);
        } catch (ServiceUnavailableException e) {
            audit.recordFailure(AuditAction.PREDICTION, id, null, e.getMessage());
            throw e;
        }
        // Pseudonym, model version and regimen count only: never a name, MRN or date (span attributes leave the site).
        Span.current().setAttribute("oncopredict.patient.pseudonym", id)
                .setAttribute("oncopredict.model.version", response.getModel().getVersion())
                .setAttribute("oncopredict.regimen.count", (long) response.getPredictionsCount());
        audit.record(AuditAction.PREDICTION, id, response.getModel().getVersion(), AuditEvent.Outcome.SUCCESS,
                response.getPredictionsCount() + " regimens");
        return response;
    }

    /**
     * Records a treatment decision as a new therapy line decided by the current user: a catalogue regimen (checked
     * when the catalogue can be reached — a decision must not wait for the prediction service), a rationale, and a
     * start date (default today). The line still open before it ends on that date, for {@code previousLineStopped}
     * (PROGRESSION, TOXICITY, COMPLETED, PATIENT_CHOICE or OTHER; blank: not recorded), in the same write; a line
     * stopped for progression needs its progression date ({@code previousLineProgressionDate}) unless it has one.
     */
    @WithSpan("gateway.patients.decide")
    public AddTherapyLineResponse decide(String id, String regimenId, String rationale, String startDate,
                                         Long modelVersion, String previousLineStopped,
                                         String previousLineProgressionDate) {
        String regimen = regimenId == null ? "" : regimenId.strip();
        if (!regimen.matches("[a-z0-9][a-z0-9_+-]{0,63}")) {
            throw ApiException.badRequest("regimenId", "regimenId must be a catalogue regimen id, e.g. 'osimertinib'");
        }
        String why = rationale == null ? "" : rationale.strip();
        if (why.isEmpty() || why.length() > MAX_RATIONALE) {
            throw ApiException.badRequest("rationale", "rationale is required, at most " + MAX_RATIONALE + " characters");
        }
        LocalDate given = isoDate(startDate, "startDate");
        LocalDate start = given == null ? LocalDate.now() : given;
        ReasonStopped stopped = stopReason(previousLineStopped);
        LocalDate progressionDate = isoDate(previousLineProgressionDate, "previousLineProgressionDate");
        String progressed = progressionDate == null ? "" : progressionDate.toString();
        requireKnownRegimen(regimen);
        TherapyLine line = TherapyLine.newBuilder().setRegimenId(regimen).setStartDate(start.toString())
                .setDecidedBy(user.subject()).setRationale(why).build();
        AddTherapyLineResponse added;
        try {
            added = profiles.addTherapyLine(id, line, null, stopped, progressed);
        } catch (ApiException e) {
            throw inDecisionTerms(e);
        }
        audit.recordAfterWrite(AuditAction.DECISION, id, modelVersion, regimen + ", line "
                + added.getLine().getLineNumber());
        return added;
    }

    /** The profile service's field names for a therapy-line append (as GrpcProblems renders them), in decision terms. */
    private static final java.util.Map<String, String> DECISION_FIELDS = java.util.Map.of(
            "openLineReason", "previousLineStopped", "openLineProgressionDate", "previousLineProgressionDate",
            "line.startDate", "startDate");

    private static ApiException inDecisionTerms(ApiException e) {
        if (e.errors().isEmpty()) {
            return e;
        }
        List<Problem.FieldError> renamed = e.errors().stream().map(f -> new Problem.FieldError(
                DECISION_FIELDS.getOrDefault(f.field(), f.field()), f.message())).toList();
        return new ApiException(e.status(), e.type(), e.title(), e.getMessage(), renamed, e.retryAfterSeconds(),
                e.patient(), e);
    }

    /** An optional ISO date: null when blank; 400 naming {@code field} when malformed. */
    private static LocalDate isoDate(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest(field, field + " must be an ISO date (YYYY-MM-DD)");
        }
    }

    /** Why the previous line stopped, as a decision may state it. */
    public static final List<String> STOP_REASONS = List.of("PROGRESSION", "TOXICITY", "COMPLETED", "PATIENT_CHOICE",
            "OTHER");

    private static ReasonStopped stopReason(String value) {
        if (value == null || value.isBlank()) {
            return ReasonStopped.REASON_STOPPED_UNSPECIFIED;
        }
        String v = value.strip().toUpperCase(java.util.Locale.ROOT).replaceFirst("^REASON_STOPPED_", "");
        if (!STOP_REASONS.contains(v)) {
            throw ApiException.badRequest("previousLineStopped", "previousLineStopped must be one of "
                    + String.join(", ", STOP_REASONS) + " (or empty: not recorded)");
        }
        return ReasonStopped.valueOf("REASON_STOPPED_" + v);
    }

    /** The catalogue, or an empty list when the efficacy service cannot be reached. */
    public List<Regimen> catalogueIfReachable(CancerType type) {
        try {
            return efficacy.regimens(type).getRegimensList();
        } catch (ServiceUnavailableException e) {
            return List.of();
        }
    }

    private void requireKnownRegimen(String regimen) {
        List<Regimen> catalogue = catalogueIfReachable(CancerType.CANCER_TYPE_UNSPECIFIED);
        if (!catalogue.isEmpty() && catalogue.stream().noneMatch(r -> r.getId().equals(regimen))) {
            throw ApiException.badRequest("regimenId", "unknown regimen '" + regimen + "'; see GET /api/v1/regimens");
        }
    }
}
