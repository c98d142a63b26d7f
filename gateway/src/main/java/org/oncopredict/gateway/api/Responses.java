package org.oncopredict.gateway.api;

import com.google.protobuf.Message;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.oncopredict.gateway.mapping.ProtoJson;
import org.oncopredict.gateway.rest.ApiException;

/** Small helpers shared by the resources: proto messages as JSON responses, ETags and If-Match. */
final class Responses {

    private Responses() {
    }

    static Response json(Message message) {
        return Response.ok(ProtoJson.bytes(message), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response.ResponseBuilder json(Response.Status status, Message message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ProtoJson.bytes(message));
    }

    /** A resource with its version as a strong ETag. */
    static Response versioned(Message message, long version) {
        return Response.ok(ProtoJson.bytes(message), MediaType.APPLICATION_JSON_TYPE)
                .tag(new EntityTag(Long.toString(version))).build();
    }

    /** The version named by {@code If-Match} ("3" or 3); 428 when absent (required), 400 when not a version. */
    static Long ifMatch(String header, boolean required) {
        if (header == null || header.isBlank()) {
            if (required) {
                throw ApiException.preconditionRequired("Send If-Match with the resource's ETag: an update without it "
                        + "could overwrite someone else's change");
            }
            return null;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long version = Long.parseLong(value);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ApiException.badRequest("If-Match", "If-Match must be the ETag of a version (e.g. \"3\"); '*' is not accepted");
    }
}
