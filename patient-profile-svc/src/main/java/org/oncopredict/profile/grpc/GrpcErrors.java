package org.oncopredict.profile.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import jakarta.validation.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.oncopredict.profile.service.ErrorChains;
import org.oncopredict.profile.service.ProfileException;

import java.util.Comparator;

/**
 * Maps service failures to gRPC statuses with google.rpc details: validation → INVALID_ARGUMENT with a
 * {@link BadRequest} listing every field; unknown patient → NOT_FOUND; MRN taken → ALREADY_EXISTS; stale
 * version → ABORTED. Descriptions never contain PHI or internals.
 */
final class GrpcErrors {
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    static StatusRuntimeException toStatus(Throwable t) {
        if (t instanceof StatusRuntimeException s) {
            return s;
        }
        if (t instanceof ConstraintViolationException cve) {
            BadRequest.Builder bad = BadRequest.newBuilder();
            cve.getConstraintViolations().stream()
                    .map(v -> BadRequest.FieldViolation.newBuilder()
                            .setField(v.getPropertyPath().toString().replace(".<list element>", ""))
                            .setDescription(v.getMessage()).build())
                    .sorted(Comparator.comparing(BadRequest.FieldViolation::getField))
                    .forEach(bad::addFieldViolations);
            return status(Code.INVALID_ARGUMENT, "Invalid profile: " + bad.getFieldViolationsCount() + " field(s)", bad.build());
        }
        if (t instanceof ProfileException pe) {
            return switch (pe.reason()) {
                case NOT_FOUND -> status(Code.NOT_FOUND, pe.getMessage(), null);
                case CONFLICT -> status(Code.ALREADY_EXISTS, pe.getMessage(), field(pe));
                case VERSION_MISMATCH -> status(Code.ABORTED, pe.getMessage(), ErrorInfo.newBuilder()
                        .setReason("VERSION_MISMATCH").setDomain("profile.oncopredict.org")
                        .putMetadata("current_version", String.valueOf(pe.currentVersion())).build());
                case PRECONDITION_REQUIRED -> status(Code.FAILED_PRECONDITION, pe.getMessage(), field(pe));
                case INVALID_ARGUMENT -> status(Code.INVALID_ARGUMENT, pe.getMessage(), field(pe));
            };
        }
        LOG.errorf("Unhandled %s in gRPC call", ErrorChains.classChain(t));
        return status(Code.INTERNAL, "Internal error; it was logged", null);
    }

    private static BadRequest field(ProfileException pe) {
        return pe.field() == null ? null : BadRequest.newBuilder().addFieldViolations(
                BadRequest.FieldViolation.newBuilder().setField(pe.field()).setDescription(pe.getMessage())).build();
    }

    private static StatusRuntimeException status(Code code, String message, com.google.protobuf.Message details) {
        com.google.rpc.Status.Builder s = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        if (details != null) {
            s.addDetails(Any.pack(details));
        }
        return StatusProto.toStatusRuntimeException(s.build());
    }
}
