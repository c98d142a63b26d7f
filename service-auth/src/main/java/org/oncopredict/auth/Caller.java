package org.oncopredict.auth;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Who makes a gRPC call, from the verified bearer token: a pseudonymous subject (the token's {@code sub}, a
 * Keycloak user id, never a name), the realm roles, the care teams (claim {@code care_team}) and the raw token,
 * which is relayed when this service calls another one on the caller's behalf.
 *
 * @param subject   pseudonymous user id: what audit trails and change logs record
 * @param roles     realm roles
 * @param careTeams care teams the caller belongs to (oncologists are scoped to them)
 * @param token     the raw access token, or null when there is none (authentication disabled, start-up work)
 * @param authenticationDisabled true only when the service runs with {@code oncopredict.auth.enabled=false}
 */
public record Caller(String subject, Set<String> roles, Set<String> careTeams, String token,
                     boolean authenticationDisabled) {

    public Caller {
        roles = Set.copyOf(roles);
        careTeams = Set.copyOf(careTeams);
    }

    /** The caller when authentication is disabled (local tests only): every role, no care-team scope. */
    public static Caller unauthenticated(String subject) {
        return new Caller(subject, Roles.ALL, Set.of(), null, true);
    }

    /** A verified caller. */
    public static Caller verified(String subject, Set<String> roles, Set<String> careTeams, String token) {
        return new Caller(subject, roles, careTeams, token, false);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... candidates) {
        return Arrays.stream(candidates).anyMatch(roles::contains);
    }

    /**
     * Throws PERMISSION_DENIED unless the caller has one of {@code allowed}; returns the caller for chaining.
     * {@code what} names the operation in the message (e.g. "StreamCohort").
     */
    public Caller require(String what, String... allowed) {
        if (!hasAnyRole(allowed)) {
            throw denied(what + " needs one of the roles " + new TreeSet<>(Arrays.asList(allowed)));
        }
        return this;
    }

    /** Whether this caller sees only patients of their care teams (oncologists; not service accounts). */
    public boolean scopedToCareTeams() {
        return !authenticationDisabled && hasRole(Roles.ONCOLOGIST) && !hasRole(Roles.SERVICE);
    }

    /**
     * Whether a care-team-scoped caller's care teams overlap {@code patientTeams}; true for every other caller
     * (their scope is decided by role, not care team).
     */
    public boolean inCareTeamOf(Collection<String> patientTeams) {
        return !scopedToCareTeams() || patientTeams.stream().anyMatch(careTeams::contains);
    }

    public static StatusRuntimeException denied(String message) {
        return Status.PERMISSION_DENIED.withDescription(message).asRuntimeException();
    }
}
