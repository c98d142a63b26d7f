package org.oncopredict.gateway.api;

import java.net.URI;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.oncopredict.auth.Roles;
import org.oncopredict.gateway.audit.AuditAction;
import org.oncopredict.gateway.audit.AuditLog;
import org.oncopredict.gateway.clients.EfficacyServiceClient;
import org.oncopredict.gateway.mapping.ProtoJson;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.proto.efficacy.v1.ActivateModelResponse;
import org.oncopredict.proto.efficacy.v1.ModelCard;
import org.oncopredict.proto.efficacy.v1.ModelVersion;
import org.oncopredict.proto.efficacy.v1.TrainRequest;
import org.oncopredict.proto.efficacy.v1.TrainingJob;

/**
 * The model registry: versions, model cards, training jobs (asynchronous, with progress; cancellable) and the
 * quality-gated activation and rollback. Every model action is audited, a refused activation or rollback (e.g. by the
 * quality gate) with outcome FAILED.
 */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models")
public class ModelResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EfficacyServiceClient efficacy;
    private final AuditLog audit;

    public ModelResource(EfficacyServiceClient efficacy, AuditLog audit) {
        this.efficacy = efficacy;
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.DATA_SCIENTIST, Roles.ADMIN})
    @Operation(summary = "List model versions", description = "Newest first, with state, held-out metrics and provenance")
    public Response list(@QueryParam("pageSize") @DefaultValue("20") int pageSize,
                         @QueryParam("pageToken") @DefaultValue("") String pageToken) {
        if (pageSize < 1 || pageSize > 100) {
            throw ApiException.badRequest("pageSize", "pageSize must be between 1 and 100");
        }
        return Responses.json(efficacy.models(pageSize, pageToken));
    }

    @GET
    @Path("active/card")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD, Roles.DATA_SCIENTIST, Roles.ADMIN})
    @Operation(summary = "Model card of the active model")
    public Response activeCard() {
        return card(efficacy.card(null));
    }

    @GET
    @Path("{version: \\d+}/card")
    @RolesAllowed({Roles.ONCOLOGIST, Roles.TUMOR_BOARD, Roles.DATA_SCIENTIST, Roles.ADMIN})
    @Operation(summary = "Model card of a version", description = "Intended use, data, metrics with CIs, calibration, "
            + "subgroups, limitations, provenance")
    public Response versionCard(@PathParam("version") long version) {
        return card(efficacy.card(version));
    }

    /** {@code {version, schema, card}}: the card document as the registry stores it, with the version it describes. */
    private static Response card(ModelCard card) {
        try {
            ObjectNode body = JSON.createObjectNode();
            body.put("version", card.getVersion());
            body.put("schema", card.getSchemaVersion());
            body.set("card", JSON.readTree(card.getCardJson()));
            return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (java.io.IOException e) {
            throw new ApiException(502, "bad-gateway", "Upstream error", "The model card is not valid JSON", null, null,
                    null, e);
        }
    }

    @POST
    @Path("training-jobs")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DATA_SCIENTIST)
    @Operation(summary = "Start a training job", description = "Body: oncology.efficacy.v1.TrainRequest as JSON, e.g. "
            + "{\"cohort\":{}, \"bootstrapReplicates\":20}; 202 with the job (poll its Location for progress)")
    public Response train(String body) {
        TrainRequest request = ProtoJson.parse(body, TrainRequest.newBuilder(), null).build();
        TrainingJob job = efficacy.train(request);
        audit.recordAfterWrite(AuditAction.MODEL_TRAIN, null, null, "job " + job.getJobId());
        return Responses.json(Response.Status.ACCEPTED, job)
                .location(URI.create("/api/v1/models/training-jobs/" + job.getJobId())).build();
    }

    @GET
    @Path("training-jobs/{id}")
    @RolesAllowed({Roles.DATA_SCIENTIST, Roles.ADMIN})
    @Operation(summary = "A training job", description = "State, stage and percent; the model version when done")
    public Response job(@PathParam("id") String id) {
        return Responses.json(efficacy.job(id));
    }

    @DELETE
    @Path("training-jobs/{id}")
    @RolesAllowed({Roles.DATA_SCIENTIST, Roles.ADMIN})
    @Operation(summary = "Cancel a training job", description = "A cancelled job registers nothing; 409 when finished")
    public Response cancel(@PathParam("id") String id) {
        TrainingJob job = efficacy.cancel(id);
        audit.recordAfterWrite(AuditAction.MODEL_TRAIN_CANCEL, null, null, "job " + id);
        return Responses.json(job);
    }

    /** Why a version is activated or rolled back (for the audit trail), and whether only to check the gate. */
    public record ActivationRequest(String reason, Boolean validateOnly) {
    }

    @POST
    @Path("{version: \\d+}/activate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Activate a version through the quality gate", description = "409 with the failed checks "
            + "when the gate refuses; validateOnly returns the checks without activating")
    public Response activate(@PathParam("version") long version, ActivationRequest body) {
        String reason = body == null || body.reason() == null ? "" : body.reason().strip();
        boolean validateOnly = body != null && Boolean.TRUE.equals(body.validateOnly());
        ActivateModelResponse response;
        try {
            response = efficacy.activate(version, validateOnly, reason);
        } catch (ApiException refused) {
            if (!validateOnly && refused.status() != 403) {
                audit.recordFailure(AuditAction.MODEL_ACTIVATE, null, version, refused.getMessage());
            }
            throw refused;
        }
        if (!validateOnly) {
            audit.recordAfterWrite(AuditAction.MODEL_ACTIVATE, null, version, reason.isEmpty() ? null : reason);
        }
        return Responses.json(response);
    }

    @POST
    @Path("rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Roll back to the previously active version")
    public Response rollback(ActivationRequest body) {
        String reason = body == null || body.reason() == null ? "" : body.reason().strip();
        ModelVersion active;
        try {
            active = efficacy.rollback(reason);
        } catch (ApiException refused) {
            if (refused.status() != 403) {
                audit.recordFailure(AuditAction.MODEL_ROLLBACK, null, null, refused.getMessage());
            }
            throw refused;
        }
        audit.recordAfterWrite(AuditAction.MODEL_ROLLBACK, null, active.getVersion(), reason.isEmpty() ? null : reason);
        return Responses.json(active);
    }
}
