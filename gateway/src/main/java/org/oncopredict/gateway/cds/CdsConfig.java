package org.oncopredict.gateway.cds;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * CDS Hooks configuration ({@code oncopredict.cds.*}).
 *
 * <pre>
 * oncopredict.cds.base-url=https://oncopredict.example.org      # the JWT's aud is base-url + /cds-services/{id}
 * oncopredict.cds.ui-base-url=https://oncopredict.example.org   # links in cards; default: base-url, else the request's
 * oncopredict.cds.clients.ehr1.issuer=https://ehr.example.org    # a CDS client's JWT iss
 * oncopredict.cds.clients.ehr1.jwks-url=https://ehr.example.org/.well-known/jwks.json
 * oncopredict.cds.clients.ehr1.jku=https://ehr.example.org/jwks  # JWKS URLs the client may name in the jku header
 * </pre>
 */
@ConfigMapping(prefix = "oncopredict.cds")
public interface CdsConfig {

    Optional<String> baseUrl();

    Optional<String> uiBaseUrl();

    /** Allowed CDS clients by a local name. */
    Map<String, Client> clients();

    /** Maximum lifetime of a CDS client's JWT (exp − iat), seconds; the spec recommends 5 minutes. */
    @io.smallrye.config.WithDefault("300")
    int maxTokenLifetimeSeconds();

    /** Allowed clock difference, seconds. */
    @io.smallrye.config.WithDefault("30")
    int clockSkewSeconds();

    interface Client {
        /** The {@code iss} of the client's JWTs. */
        String issuer();

        /** Where its public keys are when the JWT names no {@code jku} (or one of {@link #jku()}). */
        Optional<String> jwksUrl();

        /** JWKS URLs the client may name in the JWT's {@code jku} header (exact match). */
        Optional<List<String>> jku();
    }
}
