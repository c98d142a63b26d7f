package org.oncopredict.gateway.ui;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.oncopredict.auth.Roles;
import org.oncopredict.gateway.agenda.Agenda;
import org.oncopredict.gateway.agenda.AgendaService;
import org.oncopredict.gateway.audit.AuditAction;
import org.oncopredict.gateway.audit.AuditEvent;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.clients.EfficacyServiceClient;
import org.oncopredict.gateway.mapping.CohortFilters;
import org.oncopredict.gateway.mapping.UiViews;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.security.CurrentUser;
import org.oncopredict.gateway.service.CohortService;
import org.oncopredict.gateway.service.PatientService;
import org.oncopredict.proto.efficacy.v1.ActivateModelResponse;
import org.oncopredict.proto.efficacy.v1.ModelCard;
import org.oncopredict.proto.efficacy.v1.PredictCohortRequest;
import org.oncopredict.proto.efficacy.v1.PredictCohortResponse;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.efficacy.v1.Regimen;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.ListPatientsResponse;
import org.oncopredict.proto.profile.v1.PatientProfile;

/**
 * The oncologist's web UI (tenant "web": authorization-code flow with PKCE through Keycloak's login page). Pages
 * are Qute templates rendered on the server from the same {@link PatientService} the API uses, so access rules
 * and audit records are the API's; treatment options load separately (htmx) so the profile shows at once and stays
 * usable when predictions are unavailable. Every page says that this is decision support and shows the model.
 * Forbidden pages are not offered in the navigation, and direct URLs get the error page (403).
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class UiResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int COMPARE_MAX = 3;

    private final org.oncopredict.gateway.report.ReportService reports;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance patients(Nav nav, String q, String cancerType, String biomarker,
                                                List<Views.PatientRow> rows, long total, String title);

        static native TemplateInstance patient(Nav nav, Views.PatientPage p, boolean canDecide, List<Regimen> regimens,
                                               String recorded, Views.OpenLine openLine, List<Views.Choice> stopReasons);

        static native TemplateInstance options(Views.Model model, List<Views.Option> eligible,
                                               List<Views.Option> ineligible, List<String> warnings, String patientId,
                                               String asOf, boolean canDecide);

        static native TemplateInstance optionsUnavailable(String title, String detail);

        static native TemplateInstance compare(Nav nav, Views.PatientPage p, Views.Model model,
                                               List<Views.Option> options, List<Views.IconArray> icons, String curves);

        static native TemplateInstance cohorts(Nav nav, String cancerType, String biomarker, Views.Model model,
                                               List<Views.GroupRow> rows, int groupSize, List<String> warnings,
                                               CohortService.CohortSummary summary, String error);

        static native TemplateInstance models(Nav nav, Views.Card card, List<Views.VersionRow> versions, String message,
                                              List<String> checks, boolean canActivate);

        static native TemplateInstance audit(Nav nav, List<AuditEvent> events, AuditLog.Verification verification);

        static native TemplateInstance agendas(Nav nav, List<Agenda> agendas, boolean saved);

        static native TemplateInstance agendaForm(Nav nav, Views.AgendaForm form, String message,
                                                  List<org.oncopredict.gateway.rest.Problem.FieldError> errors);
    }

    private final PatientService patients;
    private final CohortService cohortService;
    private final EfficacyServiceClient efficacy;
    private final AgendaService agendas;
    private final AuditLog audit;
    private final CurrentUser user;

    public UiResource(PatientService patients, CohortService cohortService, EfficacyServiceClient efficacy,
                      AgendaService agendas, AuditLog audit, CurrentUser user,
                      org.oncopredict.gateway.report.ReportService reports) {
        this.reports = reports;
        this.patients = patients;
        this.cohortService = cohortService;
        this.efficacy = efficacy;
        this.agendas = agendas;
        this.audit = audit;
        this.user = user;
    }

    /** What the navigation offers, by role; the page's own checks are the endpoints' {@code @RolesAllowed}. */
    public record Nav(String user, String roles, boolean patients, boolean groups, boolean deidentified, boolean models,
                      boolean registry, boolean audit, boolean agendas, String active, String model) {
    }

    private Nav nav(String active) {
        boolean onc = user.hasRole(Roles.ONCOLOGIST);
        boolean tb = user.hasRole(Roles.TUMOR_BOARD);
        boolean ds = user.hasRole(Roles.DATA_SCIENTIST);
        boolean admin = user.hasRole(Roles.ADMIN);
        return new Nav(user.username(), user.roleLabel(), onc || tb || admin, onc || ds, ds, true, ds || admin, admin, tb,
                active, activeModel());
    }

    /** "3 (trained 2026-12-01, 4,520 patients)" for the footer of every page; null when none is active or reachable. */
    private String activeModel() {
        try {
            ModelCard card = efficacy.card(null);
            JsonNode data = JSON.readTree(card.getCardJson()).path("data");
            return card.getVersion() + (data.has("patients") ? " (trained on " + data.path("patients").asInt()
                    + " patients)" : "");
        } catch (ApiException | java.io.IOException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------ home and patients

    @GET
    public Response home() {
        if (user.hasRole(Roles.ONCOLOGIST) || user.hasRole(Roles.TUMOR_BOARD) || user.hasRole(Roles.ADMIN)) {
            return Response.seeOther(URI.create("/ui/patients")).build();
        }
        if (user.hasRole(Roles.DATA_SCIENTIST)) {
            return Response.seeOther(URI.create("/ui/cohorts")).build();
        }
        return Response.seeOther(URI.create("/ui/models")).build();
    }

    @GET
    @Path("patients")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD, Roles.ADMIN})
    public TemplateInstance patientList(@QueryParam("q") @DefaultValue("") String q,
                                        @QueryParam("cancerType") @DefaultValue("") String cancerType,
                                        @QueryParam("biomarker") @DefaultValue("") String biomarker) {
        CohortFilter filter = CohortFilters.of(cancerType.isBlank() ? List.of() : List.of(cancerType),
                biomarker.isBlank() ? List.of() : List.of(biomarker));
        ListPatientsResponse result = patients.search(filter, q.strip(), 100, "");
        String title = user.hasRole(Roles.ONCOLOGIST) ? "My patients"
                : user.hasRole(Roles.TUMOR_BOARD) ? "Tumor-board agenda patients" : "Patients";
        return Templates.patients(nav("patients"), q, cancerType, biomarker, UiViews.rows(result), result.getTotalSize(),
                title);
    }

    @GET
    @Path("patients/{id}")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD})
    public TemplateInstance patient(@PathParam("id") String id, @QueryParam("recorded") String recorded) {
        PatientProfile p = patients.read(id, "profile (web UI)");
        List<Regimen> catalogue = patients.catalogueIfReachable(p.getCancer().getCancerType());
        // The line a decision would end: the highest-numbered one still open.
        Views.OpenLine openLine = p.getHistory().getTherapyLinesList().stream().filter(t -> t.getEndDate().isEmpty())
                .max(java.util.Comparator.comparingInt(org.oncopredict.proto.profile.v1.TherapyLine::getLineNumber))
                .map(t -> new Views.OpenLine("line " + t.getLineNumber() + " (" + t.getRegimenId() + ", since "
                        + t.getStartDate() + ")", !t.getProgressionDate().isEmpty()))
                .orElse(null);
        return Templates.patient(nav("patients"), UiViews.page(p, catalogue), user.hasRole(Roles.ONCOLOGIST), catalogue,
                recorded, openLine, PatientService.STOP_REASONS.stream().map(r -> new Views.Choice(r,
                        r.replace('_', ' ').toLowerCase(java.util.Locale.ROOT))).toList());
    }

    /** The treatment options of a patient (htmx fragment); a prediction problem is shown in place, not as an error page. */
    @GET
    @Path("patients/{id}/options")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD})
    public TemplateInstance options(@PathParam("id") String id) {
        PredictTreatmentOutcomesResponse r;
        try {
            r = patients.treatmentOptions(id, List.of(), true);
        } catch (ApiException e) {
            if (e.status() == 403) {
                throw e;
            }
            return Templates.optionsUnavailable(e.title(), e.getMessage());
        }
        List<Views.Option> all = UiViews.options(r);
        return Templates.options(UiViews.model(r.getModel()), all.stream().filter(Views.Option::eligible).toList(),
                all.stream().filter(o -> !o.eligible()).toList(), r.getWarningsList(), id, r.getAsOfDate(),
                user.hasRole(Roles.ONCOLOGIST));
    }

    @GET
    @Path("patients/{id}/compare")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD})
    public TemplateInstance compare(@PathParam("id") String id, @QueryParam("regimen") List<String> regimens) {
        List<String> chosen = regimens == null ? List.of() : regimens.stream().filter(r -> !r.isBlank()).distinct().toList();
        if (chosen.size() < 2 || chosen.size() > COMPARE_MAX) {
            throw ApiException.badRequest("regimen", "choose 2 or 3 regimens to compare");
        }
        PatientProfile p = patients.read(id, "profile (comparison)");
        PredictTreatmentOutcomesResponse r = patients.treatmentOptions(id, chosen, true);
        List<Views.Option> options = UiViews.options(r);
        List<Views.IconArray> icons = options.stream().map(UiViews::icons).toList();
        List<String> curves = new ArrayList<>();
        options.stream().map(Views.Option::curveJson).filter(c -> !c.isEmpty()).forEach(curves::add);
        return Templates.compare(nav("patients"), UiViews.page(p, List.of()), UiViews.model(r.getModel()), options, icons,
                "[" + String.join(",", curves) + "]");
    }

    @POST
    @Path("patients/{id}/decisions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ONCOLOGIST)
    public Response decide(@PathParam("id") String id, @FormParam("regimenId") String regimenId,
                           @FormParam("rationale") String rationale, @FormParam("modelVersion") String modelVersion,
                           @FormParam("previousLineStopped") String previousLineStopped,
                           @FormParam("previousLineProgressionDate") String previousLineProgressionDate) {
        Long version = null;
        if (modelVersion != null && modelVersion.matches("\\d{1,18}")) {
            version = Long.parseLong(modelVersion);
        }
        var added = patients.decide(id, regimenId, rationale, null, version, previousLineStopped,
                previousLineProgressionDate);
        return Response.seeOther(URI.create("/ui/patients/" + id + "?recorded=" + added.getLine().getLineNumber()
                + "#history")).build();
    }

    // ------------------------------------------------------------------------------------------ patient groups

    @GET
    @Path("cohorts")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.DATA_SCIENTIST})
    public TemplateInstance cohorts(@QueryParam("cancerType") @DefaultValue("") String cancerType,
                                    @QueryParam("biomarker") @DefaultValue("") String biomarker,
                                    @QueryParam("run") @DefaultValue("false") boolean run) {
        if (!run) {
            return Templates.cohorts(nav("groups"), cancerType, biomarker, null, List.of(), 0, List.of(), null, null);
        }
        CohortFilter filter = CohortFilters.of(cancerType.isBlank() ? List.of() : List.of(cancerType),
                biomarker.isBlank() ? List.of() : List.of(biomarker));
        try {
            PredictCohortResponse r = efficacy.predictCohort(PredictCohortRequest.newBuilder().setFilter(filter)
                    .setMaxPatients(1000).build());
            audit.record(AuditAction.COHORT_PREDICTION, null, r.getModel().getVersion(), AuditEvent.Outcome.SUCCESS,
                    "group of " + r.getGroupSize() + " (web UI)");
            CohortService.CohortSummary summary = user.hasRole(Roles.DATA_SCIENTIST)
                    ? cohortService.summary(filter, 20) : null;
            return Templates.cohorts(nav("groups"), cancerType, biomarker, UiViews.model(r.getModel()), UiViews.group(r),
                    r.getGroupSize(), r.getWarningsList(), summary, null);
        } catch (ApiException e) {
            if (e.status() == 403) {
                throw e;
            }
            return Templates.cohorts(nav("groups"), cancerType, biomarker, null, List.of(), 0, List.of(), null,
                    e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------ models

    @GET
    @Path("models")
    public TemplateInstance models(@QueryParam("version") Long version) {
        return modelsPage(version, null, List.of());
    }

    private TemplateInstance modelsPage(Long version, String message, List<String> checks) {
        Views.Card card = null;
        String problem = message;
        try {
            ModelCard c = efficacy.card(version);
            card = UiViews.card(c.getVersion(), JSON.readTree(c.getCardJson()));
        } catch (ApiException e) {
            problem = (problem == null ? "" : problem + " — ") + e.getMessage();
        } catch (java.io.IOException e) {
            problem = "the model card could not be read";
        }
        List<Views.VersionRow> versions = List.of();
        if (user.hasRole(Roles.DATA_SCIENTIST) || user.hasRole(Roles.ADMIN)) {
            versions = UiViews.versions(efficacy.models(50, "").getModelsList());
        }
        return Templates.models(nav("models"), card, versions, problem, checks, user.hasRole(Roles.ADMIN));
    }

    @POST
    @Path("models/{version}/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance activate(@PathParam("version") long version, @FormParam("reason") String reason) {
        String why = reason == null ? "" : reason.strip();
        try {
            ActivateModelResponse r = efficacy.activate(version, false, why);
            audit.recordAfterWrite(AuditAction.MODEL_ACTIVATE, null, version, why.isEmpty() ? "web UI" : why);
            return modelsPage(null, "Version " + r.getModel().getVersion() + " is now active.", List.of());
        } catch (ApiException e) {
            if (e.status() == 403) {
                throw e;
            }
            audit.recordFailure(AuditAction.MODEL_ACTIVATE, null, version, e.getMessage());
            return modelsPage(null, "Version " + version + " was not activated: " + e.getMessage(),
                    e.errors().stream().map(f -> f.field() + ": " + f.message()).toList());
        }
    }

    // ------------------------------------------------------------------------------------------ admin, board

    @GET
    @Path("audit")
    @RolesAllowed(Roles.ADMIN)
    public TemplateInstance auditTrail(@QueryParam("patient") String patient) {
        String p = patient == null || patient.isBlank() ? null : patient.strip();
        List<AuditEvent> events = audit.query(p, null, null, null, null, null, 200);
        AuditLog.Verification verification = audit.verify();
        audit.record(AuditAction.AUDIT_READ, p, null, AuditEvent.Outcome.SUCCESS, events.size() + " records (web UI)");
        return Templates.audit(nav("audit"), events, verification);
    }

    @GET
    @Path("agendas")
    @RolesAllowed(Roles.TUMOR_BOARD)
    public TemplateInstance agendaList(@QueryParam("saved") String saved) {
        return Templates.agendas(nav("agendas"), agendas.list(java.time.LocalDate.now().minusDays(30)), saved != null);
    }

    @GET
    @Path("agendas/new")
    @RolesAllowed(Roles.TUMOR_BOARD)
    public TemplateInstance newAgenda() {
        return Templates.agendaForm(nav("agendas"), new Views.AgendaForm(null, 0, "", "", "", ""), null, List.of());
    }

    @GET
    @Path("agendas/{id}/edit")
    @RolesAllowed(Roles.TUMOR_BOARD)
    public TemplateInstance editAgenda(@PathParam("id") String id) {
        Agenda a = agendas.get(id);
        return Templates.agendaForm(nav("agendas"), new Views.AgendaForm(a.id().toString(), a.version(),
                a.meetingDate().toString(), a.title(), a.attendees(), String.join("\n", a.patientIds())), null, List.of());
    }

    @POST
    @Path("agendas")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.TUMOR_BOARD)
    public Response createAgenda(@FormParam("meetingDate") String date, @FormParam("title") String title,
                                 @FormParam("attendees") String attendees, @FormParam("patientIds") String patientIds) {
        Views.AgendaForm form = new Views.AgendaForm(null, 0, date, title, attendees, patientIds);
        return saveAgenda(form, agendas::create);
    }

    @POST
    @Path("agendas/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.TUMOR_BOARD)
    public Response replaceAgenda(@PathParam("id") String id, @FormParam("version") long version,
                                  @FormParam("meetingDate") String date, @FormParam("title") String title,
                                  @FormParam("attendees") String attendees, @FormParam("patientIds") String patientIds) {
        Views.AgendaForm form = new Views.AgendaForm(id, version, date, title, attendees, patientIds);
        return saveAgenda(form, draft -> agendas.replace(id, version, draft));
    }

    /** Saved: back to the list. Refused: the form again with what was typed and each field's problem. */
    private Response saveAgenda(Views.AgendaForm form, java.util.function.Function<AgendaService.Draft, Agenda> save) {
        AgendaService.Draft draft = new AgendaService.Draft(form.meetingDate(), form.title(), form.attendees(),
                patientIds(form.patientIds()));
        try {
            Agenda saved = save.apply(draft);
            return Response.seeOther(URI.create("/ui/agendas?saved=" + saved.id() + "#agenda-" + saved.id())).build();
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 412 && e.status() != 422) {
                throw e;
            }
            String message = e.status() == 412
                    ? "Someone changed this agenda after you opened it. Your changes were not saved: reopen the agenda, "
                    + "then make them again."
                    : "The agenda was not saved. Please correct:";
            List<org.oncopredict.gateway.rest.Problem.FieldError> errors = e.errors().stream()
                    .map(f -> new org.oncopredict.gateway.rest.Problem.FieldError(f.field(), label(f, draft.patientIds())))
                    .toList();
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.agendaForm(nav("agendas"), form, message, errors)).build();
        }
    }

    /** Pseudonyms as typed: one per line, or separated by commas, semicolons or spaces; upper-cased. */
    private static List<String> patientIds(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.strip().split("[\\s,;]+")).map(s -> s.toUpperCase(java.util.Locale.ROOT))
                .toList();
    }

    private static final java.util.regex.Pattern PATIENT_ENTRY = java.util.regex.Pattern.compile("patientIds\\[(\\d+)]");

    /** "Patients: entry 2 (P-XYZ): no patient P-XYZ" rather than the API's "patientIds[1]". */
    private static String label(org.oncopredict.gateway.rest.Problem.FieldError f, List<String> ids) {
        java.util.regex.Matcher m = PATIENT_ENTRY.matcher(f.field());
        if (m.matches()) {
            int i = Integer.parseInt(m.group(1));
            return "Patients: entry " + (i + 1) + (i < ids.size() ? " (" + ids.get(i) + ")" : "") + ": " + f.message();
        }
        String field = switch (f.field()) {
            case "meetingDate" -> "Meeting date";
            case "title" -> "Title";
            case "attendees" -> "Attendees";
            case "patientIds" -> "Patients";
            default -> f.field();
        };
        return field + ": " + f.message();
    }

    /** The patient's tumor-board report (PDF download; the same service and audit as the API's). */
    @GET
    @Path("patients/{id}/report")
    @Produces("application/pdf")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD})
    public Response patientReport(@PathParam("id") String id, @QueryParam("paper") String paper) {
        return org.oncopredict.gateway.api.ReportResource.pdf(reports.patient(id, paper));
    }

    @GET
    @Path("agendas/{id}/report")
    @Produces("application/pdf")
    @RolesAllowed(Roles.TUMOR_BOARD)
    public Response agendaReport(@PathParam("id") String id, @QueryParam("paper") String paper) {
        return org.oncopredict.gateway.api.ReportResource.pdf(reports.agenda(id, paper));
    }

    @GET
    @Path("signed-out")
    @PermitAll
    public String signedOut() {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>OncoPredict</title>"
                + "<link rel=\"stylesheet\" href=\"/ui-assets/app.css\"></head><body><main class=\"narrow\">"
                + "<h1>Signed out</h1><p><a href=\"/ui\">Sign in again</a></p></main></body></html>";
    }
}
