package org.oncopredict.efficacy.profiles;

/**
 * patient-profile-svc could not be reached or did not answer in time (gRPC {@code UNAVAILABLE} or
 * {@code DEADLINE_EXCEEDED}). Retrying later may succeed; the cause holds the gRPC status. Messages
 * name the call and at most a pseudonymous patient id, never patient data.
 */
public class ProfileServiceUnavailableException extends RuntimeException {

    public ProfileServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
