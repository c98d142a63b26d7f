package org.oncopredict.efficacy.profiles;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's own access token (client-credentials grant of the service account {@code oncopredict-services},
 * role "service"), for work that is not one user's request: training and recalibration jobs reading the cohort,
 * group predictions over the whole cohort, the demo bootstrap. Obtained through quarkus-oidc-client, cached and
 * renewed shortly before it expires. Empty when authentication is disabled.
 */
@ApplicationScoped
public class ServiceToken {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OidcClient client;
    private final boolean enabled;
    private Tokens tokens;

    public ServiceToken(OidcClient client,
                        @ConfigProperty(name = "oncopredict.auth.enabled", defaultValue = "true") boolean enabled) {
        this.client = client;
        this.enabled = enabled;
    }

    /** The current access token (fetched or refreshed if needed), or empty when authentication is disabled. */
    public synchronized Optional<String> get() {
        if (!enabled) {
            return Optional.empty();
        }
        if (tokens == null || tokens.isAccessTokenExpired() || tokens.isAccessTokenWithinRefreshInterval()) {
            try {
                tokens = client.getTokens().await().atMost(TIMEOUT);
            } catch (RuntimeException e) {
                throw new ProfileServiceUnavailableException("cannot obtain this service's access token from the "
                        + "identity provider (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        return Optional.of(tokens.getAccessToken());
    }
}
