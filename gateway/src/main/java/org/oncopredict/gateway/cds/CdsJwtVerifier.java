package org.oncopredict.gateway.cds;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Verifies a CDS client's JWT as CDS Hooks 2.0 describes it (jose4j, no hand-rolled crypto): a JWS signed with an
 * asymmetric algorithm (RS/PS/ES 256–512; "none" and HMAC are refused), {@code iss} on the allow-list
 * ({@link CdsConfig#clients()}), the key from the issuer's JWKS — the {@code jku} header's URL only if that URL is on
 * the issuer's allow-list entry, else the entry's configured {@code jwks-url} — {@code aud} = the called endpoint's
 * URL, {@code exp} and {@code iat} required (lifetime at most 5 minutes, 30 s clock skew), and a {@code jti} not
 * seen before from that issuer (replays refused; remembered in memory until the token expires).
 */
@ApplicationScoped
public class CdsJwtVerifier {

    private static final Logger LOG = Logger.getLogger(CdsJwtVerifier.class);
    static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
            "ES384", "ES512");

    /** Why a JWT was refused (safe to return to the client: no token content). */
    public static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason);
        }
    }

    /** A verified client call. */
    public record Verified(String issuer, String subject, String jti, JwtClaims claims, String rawToken) {
    }

    private final CdsConfig config;
    private final Map<String, HttpsJwks> jwks = new ConcurrentHashMap<>();
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    public CdsJwtVerifier(CdsConfig config) {
        this.config = config;
    }

    public Verified verify(String token, List<String> audiences) throws Rejected {
        JsonWebStructure structure;
        try {
            structure = JsonWebStructure.fromCompactSerialization(token);
        } catch (JoseException e) {
            throw new Rejected("not a compact-serialised JWT");
        }
        if (!(structure instanceof JsonWebSignature jws)) {
            throw new Rejected("not a signed JWT (JWS)");
        }
        String alg = jws.getAlgorithmHeaderValue();
        if (alg == null || !ALGORITHMS.contains(alg)) {
            throw new Rejected("signature algorithm " + (alg == null ? "absent" : "'" + alg + "'")
                    + " not accepted (asymmetric only: " + String.join(", ", ALGORITHMS.stream().sorted().toList()) + ")");
        }
        String issuer;
        try {
            issuer = JwtClaims.parse(jws.getUnverifiedPayload()).getIssuer();
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw new Rejected("the JWT's claims cannot be read");
        }
        if (issuer == null) {
            throw new Rejected("no iss claim");
        }
        CdsConfig.Client client = config.clients().values().stream().filter(c -> c.issuer().equals(issuer))
                .findFirst().orElseThrow(() -> new Rejected("issuer is not an allowed CDS client"));
        String jku = jws.getHeader("jku");
        String url;
        if (jku != null) {
            boolean allowed = client.jku().orElse(List.of()).contains(jku) || Optional.of(jku).equals(client.jwksUrl());
            if (!allowed) {
                throw new Rejected("the jku header names a JWKS URL that is not on this issuer's allow-list");
            }
            url = jku;
        } else {
            url = client.jwksUrl().orElseThrow(() -> new Rejected("no jku header and no JWKS URL configured for "
                    + "this issuer"));
        }
        HttpsJwks keys = jwks.computeIfAbsent(url, u -> {
            HttpsJwks h = new HttpsJwks(u);
            h.setDefaultCacheDuration(300);
            h.setRetainCacheOnErrorDuration(300);
            return h;
        });
        int skew = config.clockSkewSeconds();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(skew)
                .setMaxFutureValidityInMinutes(Math.max(1, (config.maxTokenLifetimeSeconds() + 59) / 60))
                .setIssuedAtRestrictions(skew, config.maxTokenLifetimeSeconds() + skew)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audiences.toArray(String[]::new))
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        ALGORITHMS.toArray(String[]::new)))
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(keys))
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            String reason = e.getErrorDetails().isEmpty() ? "invalid JWT"
                    : e.getErrorDetails().get(0).getErrorMessage();
            LOG.debugf("CDS client JWT of %s refused: %s", issuer, reason);
            throw new Rejected(clip(reason));
        }
        try {
            NumericDate exp = claims.getExpirationTime();
            NumericDate iat = claims.getIssuedAt();
            if (exp.getValue() - iat.getValue() > config.maxTokenLifetimeSeconds()) {
                throw new Rejected("token lifetime (exp - iat) above " + config.maxTokenLifetimeSeconds() + " s");
            }
            String jti = claims.getJwtId();
            long now = System.currentTimeMillis() / 1000;
            seen.values().removeIf(until -> until < now);
            if (seen.putIfAbsent(issuer + "\u001f" + jti, exp.getValue() + skew) != null) {
                throw new Rejected("jti already used (replayed token)");
            }
            return new Verified(issuer, claims.getSubject(), jti, claims, token);
        } catch (MalformedClaimException e) {
            throw new Rejected("malformed claim");
        }
    }

    private static String clip(String s) {
        // jose4j's messages quote claim values (never the signature); keep them short.
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}
