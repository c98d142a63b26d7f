package org.oncopredict.gateway.clients;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.PreconditionFailure;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.jboss.logging.Logger;
import org.oncopredict.gateway.rest.ApiException;
import org.oncopredict.gateway.rest.Problem;

/**
 * gRPC statuses of the internal services as the gateway's problems. Field paths of validation errors are given in
 * the public JSON's lowerCamelCase ({@code regimen_ids[1]} becomes {@code regimenIds[1]}).
 */
final class GrpcProblems {

    private static final Logger LOG = Logger.getLogger(GrpcProblems.class);

    private GrpcProblems() {
    }

    /**
     * @param service     which service answered, for messages
     * @param unavailable what to say when it cannot be reached (the problem type and title differ for predictions)
     * @param patient     the patient concerned (pseudonym) for access denials, or null
     */
    static ApiException translate(StatusRuntimeException e, String service, Unavailable unavailable, String patient,
                                  int retryAfterSeconds) {
        Status status = e.getStatus();
        String description = status.getDescription() == null ? status.getCode().name() : status.getDescription();
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        return switch (status.getCode()) {
            case INVALID_ARGUMENT -> ApiException.invalid(description, fieldErrors(details, description));
            case NOT_FOUND -> ApiException.notFound(description);
            case ALREADY_EXISTS -> new ApiException(409, "already-exists", "Already exists", description,
                    fieldErrors(details, null), null, null, e);
            case ABORTED -> ApiException.preconditionFailed(description);
            case FAILED_PRECONDITION -> new ApiException(409, "failed-precondition", "Not possible now", description,
                    preconditionErrors(details), null, null, e);
            case PERMISSION_DENIED -> ApiException.forbidden(description, patient);
            case UNAUTHENTICATED -> new ApiException(401, "unauthenticated", "Not authenticated",
                    "The " + service + " did not accept the relayed token: " + description, null, null, null, e);
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED -> new ServiceUnavailableException(service,
                    unavailable.type(), unavailable.title(), unavailable.detail() + " (" + status.getCode() + ")",
                    retryAfterSeconds, e);
            case UNIMPLEMENTED -> new ApiException(501, "not-implemented", "Not implemented", description, null, null,
                    null, e);
            default -> {
                LOG.errorf("%s answered %s", service, status.getCode());
                yield new ApiException(502, "bad-gateway", "Upstream error",
                        "The " + service + " failed (" + status.getCode() + "); it was logged", null, null, null, e);
            }
        };
    }

    /** What a 503 says when a service cannot be reached. */
    record Unavailable(String type, String title, String detail) {
    }

    private static List<Problem.FieldError> fieldErrors(com.google.rpc.Status details, String fallback) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (details != null) {
            for (Any any : details.getDetailsList()) {
                if (any.is(BadRequest.class)) {
                    try {
                        for (BadRequest.FieldViolation v : any.unpack(BadRequest.class).getFieldViolationsList()) {
                            errors.add(new Problem.FieldError(camel(v.getField()), v.getDescription()));
                        }
                    } catch (InvalidProtocolBufferException ignored) {
                        // a malformed detail: the description alone must do
                    }
                }
            }
        }
        if (errors.isEmpty() && fallback != null) {
            errors.add(new Problem.FieldError("(body)", fallback));
        }
        return errors;
    }

    private static List<Problem.FieldError> preconditionErrors(com.google.rpc.Status details) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (details != null) {
            for (Any any : details.getDetailsList()) {
                if (any.is(PreconditionFailure.class)) {
                    try {
                        for (PreconditionFailure.Violation v : any.unpack(PreconditionFailure.class).getViolationsList()) {
                            errors.add(new Problem.FieldError(v.getSubject().isEmpty() ? v.getType() : v.getSubject(),
                                    v.getDescription()));
                        }
                    } catch (InvalidProtocolBufferException ignored) {
                        // the description alone must do
                    }
                }
            }
        }
        return errors;
    }

    /** snake_case path segments in lowerCamelCase; camelCase paths are left as they are. */
    static String camel(String path) {
        StringBuilder out = new StringBuilder(path.length());
        boolean upper = false;
        for (char c : path.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
