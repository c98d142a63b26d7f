package org.oncopredict.efficacy.service;

/**
 * A request the service refuses, with the reason the gRPC layer maps to a status and, for bad input, the
 * offending request field (snake_case path, e.g. {@code regimen_ids[2]}).
 */
public class EfficacyException extends RuntimeException {

    public enum Reason { INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION, UNIMPLEMENTED }

    private final Reason reason;
    private final String field;

    public EfficacyException(Reason reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public static EfficacyException invalid(String field, String message) {
        return new EfficacyException(Reason.INVALID_ARGUMENT, field, message);
    }

    public static EfficacyException notFound(String message) {
        return new EfficacyException(Reason.NOT_FOUND, null, message);
    }

    public static EfficacyException precondition(String message) {
        return new EfficacyException(Reason.FAILED_PRECONDITION, null, message);
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
