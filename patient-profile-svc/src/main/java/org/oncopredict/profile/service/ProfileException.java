package org.oncopredict.profile.service;

/**
 * A command that cannot be carried out, with the reason the REST and gRPC layers translate into a status
 * (404/412/428/409/400 and NOT_FOUND/FAILED_PRECONDITION/ALREADY_EXISTS/INVALID_ARGUMENT). Messages never
 * contain PHI.
 */
public class ProfileException extends RuntimeException {

    public enum Reason {
        /** Unknown or deleted patient. */
        NOT_FOUND,
        /** If-Match names a version that is no longer current. */
        VERSION_MISMATCH,
        /** An update came without If-Match. */
        PRECONDITION_REQUIRED,
        /** Another live profile already has this MRN. */
        CONFLICT,
        /** A request parameter (not a profile field) is invalid. */
        INVALID_ARGUMENT
    }

    private final Reason reason;
    private final String field;
    private final Long currentVersion;

    public ProfileException(Reason reason, String message, String field, Long currentVersion) {
        super(message);
        this.reason = reason;
        this.field = field;
        this.currentVersion = currentVersion;
    }

    public static ProfileException notFound(String patientId) {
        // A malformed id is not echoed: it is caller input of any length and content.
        return new ProfileException(Reason.NOT_FOUND, Pseudonyms.isPatientId(patientId) ? "No patient with id " + patientId
                : "No patient with this id (patient ids look like P-0123456789)", null, null);
    }

    public static ProfileException versionMismatch(long expected, long current) {
        return new ProfileException(Reason.VERSION_MISMATCH, "The profile changed: you sent version " + expected
                + " but the current version is " + current + ". Reload it and apply your change again.", null, current);
    }

    public static ProfileException invalidArgument(String field, String message) {
        return new ProfileException(Reason.INVALID_ARGUMENT, message, field, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    /** For VERSION_MISMATCH: the current version. */
    public Long currentVersion() {
        return currentVersion;
    }
}
