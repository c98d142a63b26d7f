package org.oncopredict.gateway.cds;

import java.time.Duration;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import org.oncopredict.gateway.clients.ServiceUnavailableException;

/**
 * The gateway's own access token: client-credentials grant of the service account (default {@code
 * oncopredict-services}, role "service"; {@code quarkus.oidc-client.*}), through quarkus-oidc-client, cached and
 * renewed shortly before it expires. Used only after the gateway has authenticated and authorised the caller itself:
 * CDS Hooks calls (the CDS client's signed JWT, no user token) and FHIR imports by an admin (the profile service lets
 * no admin write clinical data, so the gateway writes on their behalf, audited under the admin's name).
 */
@ApplicationScoped
public class ServiceAccount {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OidcClient client;
    private Tokens tokens;

    public ServiceAccount(OidcClient client) {
        this.client = client;
    }

    public synchronized String token() {
        if (tokens == null || tokens.isAccessTokenExpired() || tokens.isAccessTokenWithinRefreshInterval()) {
            try {
                tokens = client.getTokens().await().atMost(TIMEOUT);
            } catch (RuntimeException e) {
                throw new ServiceUnavailableException("keycloak", "identity-provider-unavailable",
                        "Identity provider unavailable", "The gateway could not obtain its service-account token", 5, e);
            }
        }
        return tokens.getAccessToken();
    }
}
