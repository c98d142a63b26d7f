package org.oncopredict.gateway.api;

import java.net.URI;
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
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.clients.ProfileServiceClient;
import org.oncopredict.gateway.mapping.CohortFilters;
import org.oncopredict.gateway.mapping.ProtoJson;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.security.Access;
import org.oncopredict.gateway.service.PatientService;
import org.oncopredict.proto.profile.v1.AddTherapyLineResponse;
import org.oncopredict.proto.profile.v1.CancerCondition;
import org.oncopredict.proto.profile.v1.EcogAssessment;
import org.oncopredict.proto.profile.v1.FollowUp;
import org.oncopredict.proto.profile.v1.Genomics;
import org.oncopredict.proto.profile.v1.History;
import org.oncopredict.proto.profile.v1.LabResult;
import org.oncopredict.proto.profile.v1.Lifestyle;
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

    private final PatientService patients;
    private final ProfileServiceClient profiles;
    private final Access access;
    private final AuditLog audit;

    public PatientResource(PatientService patients, ProfileServiceClient profiles, Access access, AuditLog audit) {
        this.patients = patients;
        this.profiles = profiles;
        this.access = access;
        this.audit = audit;
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
        return Responses.json(patients.search(CohortFilters.of(cancerTypes, biomarkers), query, pageSize, pageToken));
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
        PatientProfile p = patients.read(id, "profile");
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
        PatientProfile p = patients.read(id, section.path);
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
        return Responses.json(patients.treatmentOptions(id, ids, curves));
    }

    // ------------------------------------------------------------------------------------------ decisions

    /** A treatment decision as the API receives it. */
    public record DecisionRequest(String regimenId, String rationale, String startDate, Long modelVersion,
                                  String previousLineStopped, String previousLineProgressionDate) {
    }

    @POST
    @Path("{id}/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ONCOLOGIST)
    @Operation(summary = "Record a treatment decision", description = "The chosen regimen and the rationale become a "
            + "new therapy line (starting startDate, default today) decided by you; the line still open before it ends "
            + "on that date, for previousLineStopped (PROGRESSION, TOXICITY, COMPLETED, PATIENT_CHOICE, OTHER; empty: "
            + "not recorded; PROGRESSION needs previousLineProgressionDate unless the line has one). 201 with the new line.")
    public Response decide(@PathParam("id") String id, DecisionRequest decision) {
        if (decision == null) {
            throw ApiException.badRequest("(body)", "A JSON body {regimenId, rationale, startDate?, modelVersion?, "
                    + "previousLineStopped?, previousLineProgressionDate?} is required");
        }
        AddTherapyLineResponse added = patients.decide(id, decision.regimenId(), decision.rationale(),
                decision.startDate(), decision.modelVersion(), decision.previousLineStopped(),
                decision.previousLineProgressionDate());
        return created(id, added.getLine(), added.getProfile().getVersion());
    }
}
