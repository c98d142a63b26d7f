package org.oncopredict.profile.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.oncopredict.profile.domain.Biomarker;
import org.oncopredict.profile.domain.CancerCondition;
import org.oncopredict.profile.domain.CancerType;
import org.oncopredict.profile.domain.CohortFilter;
import org.oncopredict.profile.domain.EcogAssessment;
import org.oncopredict.profile.domain.FollowUp;
import org.oncopredict.profile.domain.Genomics;
import org.oncopredict.profile.domain.History;
import org.oncopredict.profile.domain.LabResult;
import org.oncopredict.profile.domain.Lifestyle;
import org.oncopredict.profile.domain.Page;
import org.oncopredict.profile.domain.PatientProfile;
import org.oncopredict.profile.domain.PatientSummary;
import org.oncopredict.profile.domain.TherapyLine;
import org.oncopredict.profile.service.PatientProfileService;
import org.oncopredict.profile.service.ProfileException;
import org.oncopredict.profile.service.Scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Internal REST API for patient profiles (the gateway is the public entry). Every response that carries a
 * profile or a section carries its version as {@code ETag}; every update requires {@code If-Match} and gets
 * 412 when the profile changed meanwhile. Errors are {@code application/problem+json}.
 */
@Path("/api/v1/patients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "patients")
public class PatientResource {

    private final PatientProfileService service;

    public PatientResource(PatientProfileService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Create a profile", description = "201 with Location and ETag; 409 when the MRN is taken")
    public Response create(PatientProfile profile, @HeaderParam(Actors.HEADER) String actor, UriInfo uri) {
        PatientProfile created = service.create(requireBody(profile), Actors.of(actor), Scope.ANY);
        return Response.created(uri.getAbsolutePathBuilder().path(created.patientId()).build())
                .tag(unquoted(created.version())).entity(created).build();
    }

    @GET
    @Operation(summary = "List patients", description = "Newest first; all given filters must match")
    public Page<PatientSummary> list(
            @Parameter(description = "NSCLC, COLORECTAL, BREAST or OTHER; repeat for any of several")
            @QueryParam("cancerType") List<String> cancerTypes,
            @Parameter(description = "EGFR, KRAS:p.G12C, MSI-H, TMB-H, PDL1-HIGH, HER2-POSITIVE, HR-POSITIVE; repeat to require all")
            @QueryParam("biomarker") List<String> biomarkers,
            @Parameter(description = "care-team id; repeat for any of several")
            @QueryParam("careTeam") List<String> careTeams,
            @Parameter(description = "pseudonymous id or MRN (exact), or words of the name")
            @QueryParam("q") String query,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("" + Page.DEFAULT_SIZE) int size) {
        if (page < 0) {
            throw ProfileException.invalidArgument("page", "page must be 0 or more");
        }
        if (size < 1 || size > Page.MAX_SIZE) {
            throw ProfileException.invalidArgument("size", "size must be between 1 and " + Page.MAX_SIZE);
        }
        if (query != null && query.length() > CohortFilter.MAX_QUERY_LENGTH) {
            throw ProfileException.invalidArgument("q", "q must be at most " + CohortFilter.MAX_QUERY_LENGTH + " characters");
        }
        return service.list(filter(cancerTypes, biomarkers, careTeams).withQuery(query), page, size);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a profile")
    public Response get(@PathParam("id") String id) {
        PatientProfile p = service.get(id, false);
        return withTag(p, p);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a profile", description = "Requires If-Match; 412 when stale, 428 when missing")
    public Response replace(@PathParam("id") String id, PatientProfile profile,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(Actors.HEADER) String actor) {
        PatientProfile p = service.replace(id, ETags.parseIfMatch(ifMatch), requireBody(profile), Actors.of(actor), Scope.ANY);
        return withTag(p, p);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a profile (soft, audited)", description = "If-Match optional; checked when sent")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @HeaderParam(Actors.HEADER) String actor) {
        service.delete(id, ETags.parseIfMatch(ifMatch), Actors.of(actor));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/cancer")
    public Response getCancer(@PathParam("id") String id) {
        return section(id, PatientProfile::cancer);
    }

    @PUT
    @Path("{id}/cancer")
    public Response putCancer(@PathParam("id") String id, CancerCondition body,
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(Actors.HEADER) String actor) {
        requireBody(body);
        return updateSection(id, ifMatch, actor, "UPDATE_CANCER", p -> p.withCancer(body), PatientProfile::cancer);
    }

    @GET
    @Path("{id}/genomics")
    public Response getGenomics(@PathParam("id") String id) {
        return section(id, PatientProfile::genomics);
    }

    @PUT
    @Path("{id}/genomics")
    public Response putGenomics(@PathParam("id") String id, Genomics body,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(Actors.HEADER) String actor) {
        requireBody(body);
        return updateSection(id, ifMatch, actor, "UPDATE_GENOMICS", p -> p.withGenomics(body), PatientProfile::genomics);
    }

    @GET
    @Path("{id}/lifestyle")
    public Response getLifestyle(@PathParam("id") String id) {
        return section(id, PatientProfile::lifestyle);
    }

    @PUT
    @Path("{id}/lifestyle")
    public Response putLifestyle(@PathParam("id") String id, Lifestyle body,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(Actors.HEADER) String actor) {
        requireBody(body);
        return updateSection(id, ifMatch, actor, "UPDATE_LIFESTYLE", p -> p.withLifestyle(body), PatientProfile::lifestyle);
    }

    @GET
    @Path("{id}/history")
    public Response getHistory(@PathParam("id") String id) {
        return section(id, PatientProfile::history);
    }

    @PUT
    @Path("{id}/history")
    public Response putHistory(@PathParam("id") String id, History body,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(Actors.HEADER) String actor) {
        requireBody(body);
        return updateSection(id, ifMatch, actor, "UPDATE_HISTORY", p -> p.withHistory(body), PatientProfile::history);
    }

    @GET
    @Path("{id}/follow-up")
    public Response getFollowUp(@PathParam("id") String id) {
        return section(id, PatientProfile::followUp);
    }

    @PUT
    @Path("{id}/follow-up")
    public Response putFollowUp(@PathParam("id") String id, FollowUp body,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(Actors.HEADER) String actor) {
        requireBody(body);
        return updateSection(id, ifMatch, actor, "UPDATE_FOLLOW_UP", p -> p.withFollowUp(body), PatientProfile::followUp);
    }

    @POST
    @Path("{id}/therapy-lines")
    @Operation(summary = "Add a therapy line", description = "lineNumber defaults to the next; If-Match optional")
    public Response addTherapyLine(@PathParam("id") String id, TherapyLine line,
                                   @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(Actors.HEADER) String actor) {
        var added = service.addTherapyLine(id, ETags.parseIfMatch(ifMatch), requireBody(line), Actors.of(actor), Scope.ANY);
        return Response.status(Response.Status.CREATED).entity(added.line()).tag(unquoted(added.version())).build();
    }

    @POST
    @Path("{id}/labs")
    @Operation(summary = "Add a lab result", description = "If-Match optional")
    public Response addLab(@PathParam("id") String id, LabResult lab,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(Actors.HEADER) String actor) {
        PatientProfile p = service.addLab(id, ETags.parseIfMatch(ifMatch), requireBody(lab), Actors.of(actor), Scope.ANY);
        return Response.status(Response.Status.CREATED).entity(p.history().labs()).tag(unquoted(p.version())).build();
    }

    @POST
    @Path("{id}/ecog")
    @Operation(summary = "Add an ECOG assessment", description = "If-Match optional")
    public Response addEcog(@PathParam("id") String id, EcogAssessment ecog,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(Actors.HEADER) String actor) {
        PatientProfile p = service.addEcog(id, ETags.parseIfMatch(ifMatch), requireBody(ecog), Actors.of(actor), Scope.ANY);
        return Response.status(Response.Status.CREATED).entity(p.history().ecog()).tag(unquoted(p.version())).build();
    }

    private Response section(String id, Function<PatientProfile, Object> part) {
        PatientProfile p = service.get(id, false);
        return withTag(p, part.apply(p));
    }

    private Response updateSection(String id, String ifMatch, String actor, String action,
                                   UnaryOperator<PatientProfile> change, Function<PatientProfile, Object> part) {
        PatientProfile p = service.updateSection(id, ETags.parseIfMatch(ifMatch), change, action, Actors.of(actor));
        return withTag(p, part.apply(p));
    }

    private static Response withTag(PatientProfile p, Object entity) {
        return Response.ok(entity).tag(unquoted(p.version())).build();
    }

    /** JAX-RS quotes the tag value itself. */
    private static String unquoted(long version) {
        return Long.toString(version);
    }

    private static <T> T requireBody(T body) {
        if (body == null) {
            throw ProfileException.invalidArgument("(body)", "A JSON body is required");
        }
        return body;
    }

    static CohortFilter filter(List<String> cancerTypes, List<String> biomarkers, List<String> careTeams) {
        List<CancerType> types = new ArrayList<>();
        for (String t : cancerTypes == null ? List.<String>of() : cancerTypes) {
            try {
                types.add(CancerType.valueOf(t.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ProfileException.invalidArgument("cancerType", "cancerType must be one of "
                        + java.util.Arrays.toString(CancerType.values()));
            }
        }
        List<Biomarker> markers = new ArrayList<>();
        for (String b : biomarkers == null ? List.<String>of() : biomarkers) {
            try {
                markers.add(Biomarker.parse(b));
            } catch (IllegalArgumentException e) {
                throw ProfileException.invalidArgument("biomarker", e.getMessage());
            }
        }
        return new CohortFilter(types, markers, careTeams);
    }
}
