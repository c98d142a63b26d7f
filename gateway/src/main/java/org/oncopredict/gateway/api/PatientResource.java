package org.oncopredict.gateway.api;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import com.google.protobuf.Message;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.oncopredict.auth.Roles;
import org.oncopredict.gateway.audit.AuditAction;
import org.oncopredict.gateway.audit.AuditEvent;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.clients.EfficacyServiceClient;
import org.oncopredict.gateway.clients.ProfileServiceClient;
import org.oncopredict.gateway.clients.ServiceUnavailableException;
import org.oncopredict.gateway.mapping.CohortFilters;
import org.oncopredict.gateway.mapping.ProtoJson;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.security.Access;
import org.oncopredict.gateway.security.CurrentUser;
import org.oncopredict.proto.efficacy.v1.PredictTreatmentOutcomesResponse;
import org.oncopredict.proto.efficacy.v1.Regimen;
import org.oncopredict.proto.profile.v1.AddTherapyLineResponse;
import org.oncopredict.proto.profile.v1.CancerCondition;
import org.oncopredict.proto.profile.v1.CancerType;
import org.oncopredict.proto.profile.v1.CohortFilter;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.FollowUp;
import org.oncopredict.proto.profile.v1.Genomics;
import org.oncopredict.proto.profile.v1.History;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.Lifestyle;
import org.oncopredict.proto.profile.v1.ListPatientsResponse;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.TherapyLine;

/**
 * Patients: search, profiles and their sections, history entries, treatment options (predictions) and treatment
 * decisions. Profiles are the proto3 JSON of {@code oncology.profile.v1.PatientProfile}; every response carrying a
 * profile or section has the profile version as ETag, and every replacement needs {@code If-Match}.
 *
 * <p>Access: roles per operation below; oncologists only for patients of their care teams, tumor-board members only
 * for patients on a current agenda (reads only). Every read of patient data, every change, prediction and decision
 * is audited.
 */
@Path("/api/v1/patients")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "patients")
public class PatientResource {

    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_RATIONALE = 2000;

    private final ProfileServiceClient profiles;
    private final EfficacyServiceClient efficacy;
    private final Access access;
    private final AuditLog audit;
    private final CurrentUser user;

    public PatientResource(ProfileServiceClient profiles, EfficacyServiceClient efficacy, Access access, AuditLog audit,
                           CurrentUser user) {
        this.profiles = profiles;
        this.efficacy = efficacy;
        this.access = access;
        this.audit = audit;
        this.user = user;
    }

    // ------------------------------------------------------------------------------------------ search

    @GET
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD, Roles.ADMIN})
    @Operation(summary = "Search patients", description = "Oncologists: their care teams; tumor board: agenda "
            + "patients; admin: all. q matches a pseudonym or MRN exactly, or words of the name.")
    public Response search(@QueryParam("q") @DefaultValue("") String query,
                           @Parameter(description = "NSCLC, COLORECTAL, BREAST or OTHER; repeat for any of several")
                           @QueryParam("cancerType") List<String> cancerTypes,
                           @Parameter(description = "EGFR, KRAS:p.G12C, MSI-H, TMB-H, PDL1-HIGH, HER2-POSITIVE, HR-POSITIVE; all required")
                           @QueryParam("biomarker") List<String> biomarkers,
                           @QueryParam("pageSize") @DefaultValue("50") int pageSize,
                           @QueryParam("pageToken") @DefaultValue("") String pageToken) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("pageSize", "pageSize must be between 1 and " + MAX_PAGE_SIZE);
        }
        CohortFilter.Builder filter = CohortFilters.of(cancerTypes, biomarkers).toBuilder();
        ListPatientsResponse result;
        if (!user.hasRole(Roles.ONCOLOGIST) && !user.hasRole(Roles.ADMIN)) {
            // Tumor board only: its agenda patients, and nobody when there are none.
            List<String> board = access.boardPatients();
            result = board.isEmpty() ? ListPatientsResponse.getDefaultInstance()
                    : profiles.list(filter.addAllPatientIds(board).build(), query, pageSize, pageToken);
        } else {
            result = profiles.list(filter.build(), query, pageSize, pageToken);
        }
        audit.record(AuditAction.PATIENT_SEARCH, null, null, AuditEvent.Outcome.SUCCESS,
                result.getPatientsCount() + " of " + result.getTotalSize() + " patients listed");
        return Responses.json(result);
    }

    // ------------------------------------------------------------------------------------------ profiles

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCOLOGIST)
    @Operation(summary = "Create a profile", description = "201 with Location and ETag; the profile's care teams must "
            + "include one of yours; 409 when another profile has the MRN")
    public Response create(String body) {
        PatientProfile candidate = ProtoJson.parse(body, PatientProfile.newBuilder(), null).build();
        if (!candidate.getPatientId().isEmpty()) {
            throw ApiException.badRequest("patientId", "patientId is assigned by the server; leave it out");
        }
        access.requireOwnCareTeam(candidate.getCareTeamsList(), null);
        PatientProfile created = profiles.create(candidate);
        audit.recordAfterWrite(AuditAction.PATIENT_CREATE, created.getPatientId(), null, null);
        return Response.created(URI.create("/api/v1/patients/" + created.getPatientId()))
                .type(MediaType.APPLICATION_JSON_TYPE).entity(ProtoJson.bytes(created))
                .tag(new EntityTag(Long.toString(created.getVersion()))).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD})
    @Operation(summary = "Read a profile")
    public Response get(@PathParam("id") String id) {
        PatientProfile p = readable(id);
        audit.record(AuditAction.PATIENT_READ, id, null, AuditEvent.Outcome.SUCCESS, "profile");
        return Responses.versioned(p, p.getVersion());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCOLOGIST)
    @Operation(summary = "Replace a profile", description = "If-Match required: 428 without, 412 when stale")
    public Response replace(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            String body) {
        long expected = Responses.ifMatch(ifMatch, true);
        PatientProfile candidate = ProtoJson.parse(body, PatientProfile.newBuilder(), null).build();
        if (!candidate.getPatientId().isEmpty() && !candidate.getPatientId().equals(id)) {
            throw ApiException.badRequest("patientId", "patientId must be " + id + " (the path's) or left out");
        }
        access.requireWrite(profiles.get(id));
        access.requireOwnCareTeam(candidate.getCareTeamsList(), id);
        PatientProfile updated = profiles.update(candidate.toBuilder().setPatientId(id).build(), expected);
        audit.recordAfterWrite(AuditAction.PATIENT_UPDATE, id, null, "profile replaced, version " + updated.getVersion());
        return Responses.versioned(updated, updated.getVersion());
    }

    // ------------------------------------------------------------------------------------------ sections

    /** The sections of a profile that can be read and replaced on their own. */
    enum Section {
        CANCER("cancer", PatientProfile::getCancer, CancerCondition::newBuilder,
                (p, m) -> p.toBuilder().setCancer((CancerCondition) m).build()),
        GENOMICS("genomics", PatientProfile::getGenomics, Genomics::newBuilder,
                (p, m) -> p.toBuilder().setGenomics((Genomics) m).build()),
        LIFESTYLE("lifestyle", PatientProfile::getLifestyle, Lifestyle::newBuilder,
                (p, m) -> p.toBuilder().setLifestyle((Lifestyle) m).build()),
        HISTORY("history", PatientProfile::getHistory, History::newBuilder,
                (p, m) -> p.toBuilder().setHistory((History) m).build()),
        FOLLOW_UP("follow-up", PatientProfile::getFollowUp, FollowUp::newBuilder,
                (p, m) -> p.toBuilder().setFollowUp((FollowUp) m).build());

        final String path;
        final Function<PatientProfile, Message> get;
        final Supplier<Message.Builder> builder;
        final BiFunction<PatientProfile, Message, PatientProfile> set;

        Section(String path, Function<PatientProfile, Message> get, Supplier<Message.Builder> builder,
                BiFunction<PatientProfile, Message, PatientProfile> set) {
            this.path = path;
            this.get = get;
            this.builder = builder;
            this.set = set;
        }

        static Section of(String path) {
            for (Section s : values()) {
                if (s.path.equals(path)) {
                    return s;
                }
            }
            throw ApiException.notFound("No section '" + path + "'; sections: cancer, genomics, lifestyle, history, "
                    + "follow-up");
        }
    }

    @GET
    @Path("{id}/{section: cancer|genomics|lifestyle|history|follow-up}")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD})
    @Operation(summary = "Read one section of a profile")
    public Response getSection(@PathParam("id") String id, @PathParam("section") String name) {
        Section section = Section.of(name);
        PatientProfile p = readable(id);
        audit.record(AuditAction.PATIENT_READ, id, null, AuditEvent.Outcome.SUCCESS, section.path);
        return Responses.versioned(section.get.apply(p), p.getVersion());
    }

    @PUT
    @Path("{id}/{section: cancer|genomics|lifestyle|history|follow-up}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCOLOGIST)
    @Operation(summary = "Replace one section of a profile", description = "If-Match required: 428 without, 412 when stale")
    public Response putSection(@PathParam("id") String id, @PathParam("section") String name,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        Section section = Section.of(name);
        long expected = Responses.ifMatch(ifMatch, true);
        Message value = ProtoJson.parse(body, section.builder.get(), null).build();
        PatientProfile current = profiles.get(id);
        access.requireWrite(current);
        if (current.getVersion() != expected) {
            throw ApiException.preconditionFailed("The profile changed: you sent version " + expected
                    + " but the current version is " + current.getVersion() + ". Reload it and apply your change again.");
        }
        PatientProfile updated = profiles.update(section.set.apply(current, value), expected);
        audit.recordAfterWrite(AuditAction.PATIENT_UPDATE, id, null, section.path + " replaced, version "
                + updated.getVersion());
        return Responses.versioned(section.get.apply(updated), updated.getVersion());
    }

    // ------------------------------------------------------------------------------------------ history entries

    @POST
    @Path("{id}/therapy-lines")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCOLOGIST)
    @Operation(summary = "Add a therapy line", description = "lineNumber defaults to the next; If-Match optional")
    public Response addTherapyLine(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                                   String body) {
        Long expected = Responses.ifMatch(ifMatch, false);
        TherapyLine line = ProtoJson.parse(body, TherapyLine.newBuilder(), null).build();
        if (!line.getLineId().isEmpty()) {
            throw ApiException.badRequest("lineId", "lineId is assigned by the server; leave it out");
        }
        AddTherapyLineResponse added = profiles.addTherapyLine(id, line, expected);
        audit.recordAfterWrite(AuditAction.HISTORY_APPEND, id, null, "therapy line " + added.getLine().getLineNumber());
        return created(id, added.getLine(), added.getProfile().getVersion());
    }

    @POST
    @Path("{id}/labs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCOLOGIST)
    @Operation(summary = "Add a lab result", description = "If-Match optional")
    public Response addLab(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        Long expected = Responses.ifMatch(ifMatch, false);
        LabResult lab = ProtoJson.parse(body, LabResult.newBuilder(), null).build();
        PatientProfile p = profiles.addLab(id, lab, expected);
        audit.recordAfterWrite(AuditAction.HISTORY_APPEND, id, null, "lab " + lab.getType());
        return created(id, p.getHistory(), p.getVersion());
    }

    @POST
    @Path("{id}/ecog")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCOLOGIST)
    @Operation(summary = "Add an ECOG assessment", description = "If-Match optional")
    public Response addEcog(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        Long expected = Responses.ifMatch(ifMatch, false);
        EcogAssessment ecog = ProtoJson.parse(body, EcogAssessment.newBuilder(), null).build();
        PatientProfile p = profiles.addEcog(id, ecog, expected);
        audit.recordAfterWrite(AuditAction.HISTORY_APPEND, id, null, "ECOG");
        return created(id, p.getHistory(), p.getVersion());
    }

    private static Response created(String id, Message entity, long version) {
        return Response.created(URI.create("/api/v1/patients/" + id + "/history")).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ProtoJson.bytes(entity)).tag(new EntityTag(Long.toString(version))).build();
    }

    // ------------------------------------------------------------------------------------------ predictions

    @GET
    @Path("{id}/treatment-options")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD})
    @Operation(summary = "Treatment options", description = "Per regimen: eligibility with reasons, response, PFS/OS, "
            + "severe toxicity with 90% intervals, explanations, support and the model's provenance. Eligible regimens "
            + "first by predicted benefit; ineligible ones follow, with reasons. 503 'prediction unavailable' when the "
            + "efficacy service cannot be reached (the profile stays available).")
    public Response treatmentOptions(@PathParam("id") String id,
                                     @Parameter(description = "regimen ids; repeat or comma-separate; empty = all of the patient's cancer type")
                                     @QueryParam("regimens") List<String> regimens,
                                     @QueryParam("curves") @DefaultValue("true") boolean curves) {
        List<String> ids = regimens == null ? List.of() : regimens.stream().flatMap(r -> List.of(r.split(",")).stream())
                .map(String::strip).filter(r -> !r.isEmpty()).toList();
        if (!user.hasRole(Roles.ONCOLOGIST)) {
            // Tumor board: the agenda is the gateway's to check (oncologists' care teams are checked by the services).
            access.requireOnBoardAgenda(id);
        }
        PredictTreatmentOutcomesResponse response;
        try {
            response = efficacy.predict(id, ids, curves);
        } catch (ServiceUnavailableException e) {
            audit.recordFailure(AuditAction.PREDICTION, id, null, e.getMessage());
            throw e;
        }
        audit.record(AuditAction.PREDICTION, id, response.getModel().getVersion(), AuditEvent.Outcome.SUCCESS,
                response.getPredictionsCount() + " regimens");
        return Responses.json(response);
    }

    // ------------------------------------------------------------------------------------------ decisions

    /** A treatment decision as the API receives it. */
    public record DecisionRequest(String regimenId, String rationale, String startDate, Long modelVersion) {
    }

    @POST
    @Path("{id}/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCOLOGIST)
    @Operation(summary = "Record a treatment decision", description = "The chosen regimen and the rationale become a "
            + "new therapy line (starting startDate, default today) decided by you; 201 with the line.")
    public Response decide(@PathParam("id") String id, DecisionRequest decision) {
        if (decision == null) {
            throw ApiException.badRequest("(body)", "A JSON body {regimenId, rationale, startDate?, modelVersion?} is required");
        }
        String regimen = decision.regimenId() == null ? "" : decision.regimenId().strip();
        if (!regimen.matches("[a-z0-9][a-z0-9_+-]{0,63}")) {
            throw ApiException.badRequest("regimenId", "regimenId must be a catalogue regimen id, e.g. 'osimertinib'");
        }
        String rationale = decision.rationale() == null ? "" : decision.rationale().strip();
        if (rationale.isEmpty() || rationale.length() > MAX_RATIONALE) {
            throw ApiException.badRequest("rationale", "rationale is required, at most " + MAX_RATIONALE + " characters");
        }
        LocalDate start;
        try {
            start = decision.startDate() == null || decision.startDate().isBlank() ? LocalDate.now()
                    : LocalDate.parse(decision.startDate());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("startDate", "startDate must be an ISO date (YYYY-MM-DD)");
        }
        requireKnownRegimen(regimen);
        TherapyLine line = TherapyLine.newBuilder().setRegimenId(regimen).setStartDate(start.toString())
                .setDecidedBy(user.subject()).setRationale(rationale).build();
        AddTherapyLineResponse added = profiles.addTherapyLine(id, line, null);
        audit.recordAfterWrite(AuditAction.DECISION, id, decision.modelVersion(), regimen + ", line "
                + added.getLine().getLineNumber());
        return created(id, added.getLine(), added.getProfile().getVersion());
    }

    /**
     * A decision must name a catalogue regimen. When the catalogue (efficacy service) cannot be reached, the decision
     * is still recorded: a clinician's decision must not wait for the prediction service.
     */
    private void requireKnownRegimen(String regimen) {
        List<Regimen> catalogue;
        try {
            catalogue = efficacy.regimens(CancerType.CANCER_TYPE_UNSPECIFIED).getRegimensList();
        } catch (ServiceUnavailableException e) {
            return;
        }
        if (catalogue.stream().noneMatch(r -> r.getId().equals(regimen))) {
            throw ApiException.badRequest("regimenId", "unknown regimen '" + regimen + "'; see GET /api/v1/regimens");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The profile, if the current user may read it (403, audited, otherwise). */
    private PatientProfile readable(String id) {
        PatientProfile p = profiles.get(id);
        access.requireRead(p);
        return p;
    }
}
