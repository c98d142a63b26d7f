package org.oncopredict.gateway.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.oncopredict.auth.Roles;
import org.oncopredict.gateway.audit.AuditAction;
import org.oncopredict.gateway.audit.AuditEvent;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.clients.EfficacyServiceClient;
import org.oncopredict.gateway.mapping.CohortFilters;
import org.oncopredict.gateway.mapping.ProtoJson;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.service.CohortService;
import org.oncopredict.proto.efficacy.v1.PredictCohortRequest;
import org.oncopredict.proto.efficacy.v1.PredictCohortResponse;

/**
 * Patient groups: average predicted outcomes per regimen (oncologists, data scientists) and the de-identified
 * summary of a cohort for data scientists (no name, MRN or birth date: pseudonym, age band and coded clinical
 * fields only, every date shifted by the profile service's per-patient offset).
 */
@Path("/api/v1/cohorts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cohorts")
public class CohortResource {

    private final CohortService cohortService;
    private final EfficacyServiceClient efficacy;
    private final AuditLog audit;

    public CohortResource(CohortService cohortService, EfficacyServiceClient efficacy, AuditLog audit) {
        this.cohortService = cohortService;
        this.efficacy = efficacy;
        this.audit = audit;
    }

    @POST
    @Path("predict")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ONCOLOGIST, Roles.DATA_SCIENTIST})
    @Operation(summary = "Predict for a patient group", description = "Body: oncology.efficacy.v1.PredictCohortRequest "
            + "as JSON ({filter: {cancerTypes, biomarkers}, regimenIds, maxPatients, asOfDate}); per regimen the group "
            + "mean with its interval and the group size.")
    public Response predict(String body) {
        PredictCohortRequest request = ProtoJson.parse(body, PredictCohortRequest.newBuilder(), null).build();
        if (request.getFilter().getCareTeamsCount() > 0 || request.getFilter().getPatientIdsCount() > 0) {
            throw ApiException.badRequest("filter", "a patient group is selected by cancer types and biomarkers only");
        }
        PredictCohortResponse response = efficacy.predictCohort(request);
        audit.record(AuditAction.COHORT_PREDICTION, null, response.getModel().getVersion(), AuditEvent.Outcome.SUCCESS,
                "group of " + response.getGroupSize());
        return Responses.json(response);
    }

    @GET
    @RolesAllowed(Roles.DATA_SCIENTIST)
    @Operation(summary = "De-identified cohort summary", description = "Counts by cancer type, sex, age band, stage, "
            + "variant gene and regimen received, and the first patients as pseudonym + age band + coded fields.")
    public CohortService.CohortSummary summary(@QueryParam("cancerType") List<String> cancerTypes,
                                               @QueryParam("biomarker") List<String> biomarkers,
                                               @QueryParam("listed") @DefaultValue("50") int listed) {
        return cohortService.summary(CohortFilters.of(cancerTypes, biomarkers), listed);
    }
}
