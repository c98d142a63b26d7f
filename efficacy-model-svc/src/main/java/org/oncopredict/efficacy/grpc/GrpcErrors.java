package org.oncopredict.efficacy.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.PreconditionFailure;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.jboss.logging.Logger;
import org.oncopredict.efficacy.profiles.ProfileServiceUnavailableException;
import org.oncopredict.efficacy.registry.GateCheck;
import org.oncopredict.efficacy.registry.GateRefusedException;
import org.oncopredict.efficacy.registry.RegistryException;
import org.oncopredict.efficacy.service.EfficacyException;

/**
 * Maps service failures to gRPC statuses with google.rpc details: bad input → INVALID_ARGUMENT with a
 * {@link BadRequest} naming the field; unknown patient, model or job → NOT_FOUND; no active model or a
 * refused quality gate → FAILED_PRECONDITION (the gate's failed checks as {@link PreconditionFailure});
 * profile service unreachable → UNAVAILABLE. Messages never contain patient data.
 */
final class GrpcErrors {

    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    static StatusRuntimeException toStatus(Throwable t) {
        if (t instanceof StatusRuntimeException s) {
            return s;
        }
        if (t instanceof EfficacyException e) {
            return switch (e.reason()) {
                case INVALID_ARGUMENT -> status(Code.INVALID_ARGUMENT, e.getMessage(), badRequest(e.field(), e.getMessage()));
                case NOT_FOUND -> status(Code.NOT_FOUND, e.getMessage(), null);
                case FAILED_PRECONDITION -> status(Code.FAILED_PRECONDITION, e.getMessage(), null);
                case UNIMPLEMENTED -> status(Code.UNIMPLEMENTED, e.getMessage(), null);
            };
        }
        if (t instanceof GateRefusedException g) {
            PreconditionFailure.Builder failure = PreconditionFailure.newBuilder();
            for (GateCheck check : g.failures()) {
                failure.addViolations(PreconditionFailure.Violation.newBuilder().setType("QUALITY_GATE")
                        .setSubject(check.name()).setDescription(check.message()));
            }
            return status(Code.FAILED_PRECONDITION, g.getMessage(), failure.build());
        }
        if (t instanceof RegistryException r) {
            return switch (r.reason()) {
                case NOT_FOUND -> status(Code.NOT_FOUND, r.getMessage(), null);
                case FAILED_PRECONDITION -> status(Code.FAILED_PRECONDITION, r.getMessage(), null);
                case INVALID_ARGUMENT -> status(Code.INVALID_ARGUMENT, r.getMessage(), null);
            };
        }
        if (t instanceof ProfileServiceUnavailableException u) {
            return status(Code.UNAVAILABLE, u.getMessage(), null);
        }
        // Class chain and top frame only: an exception message could quote request data (patient values).
        LOG.errorf("Unhandled %s in gRPC call at %s", classChain(t),
                t.getStackTrace().length > 0 ? t.getStackTrace()[0] : "unknown");
        return status(Code.INTERNAL, "Internal error; it was logged", null);
    }

    private static String classChain(Throwable t) {
        StringBuilder chain = new StringBuilder(t.getClass().getName());
        for (Throwable cause = t.getCause(); cause != null && cause != t; cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getName());
        }
        return chain.toString();
    }

    private static BadRequest badRequest(String field, String message) {
        return field == null ? null : BadRequest.newBuilder().addFieldViolations(
                BadRequest.FieldViolation.newBuilder().setField(field).setDescription(message)).build();
    }

    private static StatusRuntimeException status(Code code, String message, com.google.protobuf.Message details) {
        com.google.rpc.Status.Builder s = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        if (details != null) {
            s.addDetails(Any.pack(details));
        }
        return StatusProto.toStatusRuntimeException(s.build());
    }
}
