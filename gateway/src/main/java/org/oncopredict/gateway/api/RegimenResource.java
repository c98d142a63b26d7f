package org.oncopredict.gateway.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.oncopredict.auth.Roles;
import org.oncopredict.gateway.clients.EfficacyServiceClient;
import org.oncopredict.gateway.mapping.CohortFilters;
import org.oncopredict.proto.profile.v1.CancerType;

/** The regimen catalogue (read-only here: it is versioned data of efficacy-model-svc). */
@Path("/api/v1/regimens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "regimens")
public class RegimenResource {

    private final EfficacyServiceClient efficacy;

    public RegimenResource(EfficacyServiceClient efficacy) {
        this.efficacy = efficacy;
    }

    @GET
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD, Roles.DATA_SCIENTIST, Roles.ADMIN})
    @Operation(summary = "The regimen catalogue", description = "Indications, contraindication rules, evidence level "
            + "and source; cancerType narrows it")
    public Response list(@QueryParam("cancerType") String cancerType) {
        CancerType type = cancerType == null || cancerType.isBlank() ? CancerType.CANCER_TYPE_UNSPECIFIED
                : CohortFilters.cancerType(cancerType, "cancerType");
        return Responses.json(efficacy.regimens(type));
    }
}
