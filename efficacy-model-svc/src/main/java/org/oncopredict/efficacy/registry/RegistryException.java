package org.oncopredict.efficacy.registry;

/**
 * A registry or job command that cannot be carried out, with the reason the gRPC/REST layers translate into
 * a status (NOT_FOUND/404, FAILED_PRECONDITION/409, INVALID_ARGUMENT/400). Messages never contain PHI.
 */
public class RegistryException extends RuntimeException {

    public enum Reason {
        /** Unknown model version or training job. */
        NOT_FOUND,
        /** The command does not fit the current state (already active, nothing to roll back, job finished, gate refused). */
        FAILED_PRECONDITION,
        /** A request argument is invalid. */
        INVALID_ARGUMENT
    }

    private final Reason reason;

    public RegistryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static RegistryException notFound(String message) {
        return new RegistryException(Reason.NOT_FOUND, message);
    }

    static RegistryException failedPrecondition(String message) {
        return new RegistryException(Reason.FAILED_PRECONDITION, message);
    }

    static RegistryException invalidArgument(String message) {
        return new RegistryException(Reason.INVALID_ARGUMENT, message);
    }
}
