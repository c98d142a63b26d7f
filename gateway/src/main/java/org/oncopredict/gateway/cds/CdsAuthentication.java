package org.oncopredict.gateway.cds;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.JwtClaims;

/**
 * Authentication of CDS Hooks calls ({@code /cds-services/{id}} and its feedback): the CDS client's signed JWT
 * ({@link CdsJwtVerifier}) instead of a Keycloak token. Selected on those endpoints only, by
 * {@code @HttpAuthenticationMechanism("cds-hooks")}; for every other path it does nothing. The identity is the
 * client ({@code sub} at {@code iss}) with the single role {@value #ROLE}: it can call the CDS services and nothing
 * else. The services then read patient data with the gateway's own service account ({@link ServiceAccount}).
 */
public final class CdsAuthentication {

    public static final String SCHEME = "cds-hooks";
    public static final String ROLE = "cds-client";

    private CdsAuthentication() {
    }

    @ApplicationScoped
    public static class Mechanism implements HttpAuthenticationMechanism {

        private final CdsConfig config;

        public Mechanism(CdsConfig config) {
            this.config = config;
        }

        private static boolean cds(RoutingContext context) {
            return context.normalizedPath().startsWith("/cds-services/");
        }

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
            String path = context.normalizedPath();
            if (!cds(context)) {
                return Uni.createFrom().nullItem();
            }
            String header = context.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Uni.createFrom().nullItem();
            }
            List<String> audiences = new ArrayList<>();
            String base = config.baseUrl().map(b -> b.endsWith("/") ? b.substring(0, b.length() - 1) : b)
                    .orElseGet(() -> context.request().scheme() + "://" + context.request().authority());
            audiences.add(base + path);
            if (path.endsWith("/feedback")) {
                // Clients may address the feedback call's token to the service it is about.
                audiences.add(base + path.substring(0, path.length() - "/feedback".length()));
            }
            return identities.authenticate(new CdsAuthRequest(header.substring(7).strip(), audiences));
        }

        /** Elsewhere (the API, the web UI's login redirect) the other mechanisms challenge, never this one. */
        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            if (!cds(context)) {
                return Uni.createFrom().nullItem();
            }
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"cds-hooks\""));
        }

        @Override
        public Uni<Boolean> sendChallenge(RoutingContext context) {
            if (!cds(context)) {
                return Uni.createFrom().item(false);
            }
            return HttpAuthenticationMechanism.super.sendChallenge(context);
        }

        /** After the OIDC mechanisms. */
        @Override
        public int getPriority() {
            return DEFAULT_PRIORITY - 500;
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of(CdsAuthRequest.class);
        }

        @Override
        public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
            return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, SCHEME));
        }
    }

    @ApplicationScoped
    public static class Provider implements IdentityProvider<CdsAuthRequest> {

        private final CdsJwtVerifier verifier;

        public Provider(CdsJwtVerifier verifier) {
            this.verifier = verifier;
        }

        @Override
        public Class<CdsAuthRequest> getRequestType() {
            return CdsAuthRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(CdsAuthRequest request, AuthenticationRequestContext context) {
            // Blocking: the first call for an issuer fetches its JWKS.
            return context.runBlocking(() -> {
                CdsJwtVerifier.Verified v;
                try {
                    v = verifier.verify(request.token(), request.audiences());
                } catch (CdsJwtVerifier.Rejected e) {
                    throw new AuthenticationFailedException("CDS client JWT rejected: " + e.getMessage());
                }
                JwtClaims claims = v.claims();
                String sub = v.subject() == null ? "unknown" : v.subject();
                claims.setClaim("preferred_username", clip("cds:" + sub + "@" + v.issuer()));
                return QuarkusSecurityIdentity.builder()
                        .setPrincipal(new DefaultJWTCallerPrincipal(v.rawToken(), "JWT", claims))
                        .addRole(ROLE)
                        .addAttribute("cds.issuer", v.issuer())
                        .build();
            });
        }

        private static String clip(String s) {
            return s.length() > 120 ? s.substring(0, 120) : s;
        }
    }
}
