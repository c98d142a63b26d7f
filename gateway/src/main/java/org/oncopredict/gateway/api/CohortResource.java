package org.oncopredict.gateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
import org.oncopredict.gateway.clients.ProfileServiceClient;
import org.oncopredict.gateway.mapping.CohortFilters;
import org.oncopredict.gateway.mapping.ProtoJson;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.proto.efficacy.v1.PredictCohortRequest;
import org.oncopredict.proto.efficacy.v1.PredictCohortResponse;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.TherapyLine;

/**
 * Patient groups: average predicted outcomes per regimen (oncologists, data scientists) and the de-identified
 * summary of a cohort for data scientists (no name, MRN or birth date: pseudonym, age band and coded clinical
 * fields only, every date shifted by the profile service's per-patient offset).
 */
@Path("/api/v1/cohorts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cohorts")
public class CohortResource {

    static final int MAX_SUMMARY_PATIENTS = 20_000;
    static final int MAX_LISTED = 200;

    private final ProfileServiceClient profiles;
    private final EfficacyServiceClient efficacy;
    private final AuditLog audit;

    public CohortResource(ProfileServiceClient profiles, EfficacyServiceClient efficacy, AuditLog audit) {
        this.profiles = profiles;
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

    /** A de-identified cohort summary. */
    public record CohortSummary(int size, boolean truncated, Map<String, Integer> cancerTypes, Map<String, Integer> sex,
                                Map<String, Integer> ageBands, Map<String, Integer> stageGroups,
                                Map<String, Integer> variantGenes, Map<String, Integer> regimensReceived,
                                List<DeidentifiedPatient> patients) {
    }

    /** One patient as a data scientist sees them: pseudonym and coded, non-identifying fields. */
    public record DeidentifiedPatient(String patientId, String ageBand, String sex, String cancerType, String stageGroup,
                                      int therapyLines) {
    }

    @GET
    @RolesAllowed(Roles.DATA_SCIENTIST)
    @Operation(summary = "De-identified cohort summary", description = "Counts by cancer type, sex, age band, stage, "
            + "variant gene and regimen received, and the first patients as pseudonym + age band + coded fields.")
    public CohortSummary summary(@QueryParam("cancerType") List<String> cancerTypes,
                                 @QueryParam("biomarker") List<String> biomarkers,
                                 @QueryParam("listed") @DefaultValue("50") int listed) {
        if (listed < 0 || listed > MAX_LISTED) {
            throw ApiException.badRequest("listed", "listed must be between 0 and " + MAX_LISTED);
        }
        Map<String, Integer> types = new TreeMap<>();
        Map<String, Integer> sex = new TreeMap<>();
        Map<String, Integer> ages = new TreeMap<>();
        Map<String, Integer> stages = new TreeMap<>();
        Map<String, Integer> genes = new TreeMap<>();
        Map<String, Integer> regimens = new TreeMap<>();
        List<DeidentifiedPatient> patients = new ArrayList<>();
        int[] size = {0};
        profiles.streamDeidentified(CohortFilters.of(cancerTypes, biomarkers), MAX_SUMMARY_PATIENTS + 1, p -> {
            if (size[0]++ >= MAX_SUMMARY_PATIENTS) {
                return;
            }
            String type = p.getCancer().getCancerType().name().replace("CANCER_TYPE_", "");
            types.merge(type, 1, Integer::sum);
            sex.merge(p.getSex().name().replace("SEX_", ""), 1, Integer::sum);
            ages.merge(p.getAgeBand().isEmpty() ? "unknown" : p.getAgeBand(), 1, Integer::sum);
            stages.merge(p.getCancer().getStageGroup().isEmpty() ? "unknown" : p.getCancer().getStageGroup(), 1,
                    Integer::sum);
            p.getGenomics().getVariantsList().stream().map(v -> v.getGene()).distinct()
                    .forEach(g -> genes.merge(g, 1, Integer::sum));
            p.getHistory().getTherapyLinesList().stream().map(TherapyLine::getRegimenId).distinct()
                    .forEach(r -> regimens.merge(r, 1, Integer::sum));
            if (patients.size() < listed) {
                patients.add(deidentified(p, type));
            }
        });
        boolean truncated = size[0] > MAX_SUMMARY_PATIENTS;
        int n = Math.min(size[0], MAX_SUMMARY_PATIENTS);
        audit.record(AuditAction.COHORT_READ, null, null, AuditEvent.Outcome.SUCCESS,
                "de-identified summary of " + n + " patients");
        return new CohortSummary(n, truncated, types, sex, ages, stages, genes, regimens, patients);
    }

    private static DeidentifiedPatient deidentified(PatientProfile p, String type) {
        return new DeidentifiedPatient(p.getPatientId(), p.getAgeBand(), p.getSex().name().replace("SEX_", ""), type,
                p.getCancer().getStageGroup(), p.getHistory().getTherapyLinesCount());
    }
}
