package org.oncopredict.gateway.security;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The user of the current request, from the verified token (bearer for the API, the session's tokens for the web
 * UI): pseudonymous subject, login name, realm roles, care teams ({@code care_team} claim) and the access token that
 * is relayed to the services.
 */
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean authenticated() {
        return !identity.isAnonymous();
    }

    /** The token's {@code sub}: a Keycloak user id, pseudonymous. */
    public String subject() {
        String sub = jwt() == null ? null : jwt().getSubject();
        return sub == null || sub.isBlank() ? "anonymous" : sub;
    }

    /** The staff login name ({@code preferred_username}). */
    public String username() {
        Object name = jwt() == null ? null : jwt().getClaim("preferred_username");
        if (name instanceof JsonString s) {
            return s.getString();
        }
        return name != null ? name.toString() : identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The roles, sorted and comma-separated, as the audit trail records them. */
    public String roleLabel() {
        return roles().isEmpty() ? "none" : String.join(",", new TreeSet<>(roles()));
    }

    public Set<String> careTeams() {
        Object claim = jwt() == null ? null : jwt().getClaim("care_team");
        Set<String> teams = new TreeSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    teams.add(s.getString());
                }
            }
        } else if (claim instanceof JsonString s) {
            teams.add(s.getString());
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> teams.add(String.valueOf(v)));
        }
        return teams;
    }

    /** The access token to relay to the services (the bearer token, or the web session's access token). */
    public String accessToken() {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null) {
            throw new IllegalStateException("no access token in the current identity");
        }
        return credential.getToken();
    }

    private JsonWebToken jwt() {
        return identity.getPrincipal() instanceof JsonWebToken t ? t : null;
    }
}
