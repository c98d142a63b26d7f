package org.oncopredict.gateway.cds;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A CDS client for the tests: an RSA key pair whose public half a JDK HttpServer on loopback serves as a JWKS (at
 * {@code /jwks.json}, the configured JWKS URL, and at {@code /alt/jwks.json}, allowed as a {@code jku}), and a second
 * key pair that is published nowhere. Configures the gateway under test to allow the issuer {@value #ISSUER}.
 * A Quarkus test resource without restriction applies to every test class, so the gateway is not restarted for it.
 */
public class CdsTestClient implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://ehr.test.oncopredict.invalid";
    public static final String CLIENT_ID = "test-ehr";

    private static HttpServer server;
    private static RsaJsonWebKey key;
    private static RsaJsonWebKey rogue;

    @Override
    public synchronized Map<String, String> start() {
        try {
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("test-ehr-1");
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA384);
            rogue = RsaJwkGenerator.generateJwk(2048);
            rogue.setKeyId("test-ehr-1");
            byte[] jwks = new JsonWebKeySet(List.of(key)).toJson().getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            for (String path : List.of("/jwks.json", "/alt/jwks.json", "/unlisted/jwks.json")) {
                server.createContext(path, exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(jwks);
                    }
                });
            }
            server.start();
        } catch (JoseException | IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("oncopredict.cds.clients.test-ehr.issuer", ISSUER,
                "oncopredict.cds.clients.test-ehr.jwks-url", jwksUrl("/jwks.json"),
                "oncopredict.cds.clients.test-ehr.jku", jwksUrl("/alt/jwks.json"));
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static String jwksUrl(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A JWT as the spec describes: RS384, kid, iss, sub, aud, exp (5 minutes), iat, jti. */
    static String token(String audience) {
        return sign(claims(ISSUER, audience, 300), key, AlgorithmIdentifiers.RSA_USING_SHA384, null);
    }

    static JwtClaims claims(String issuer, String audience, int lifetimeSeconds) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(issuer);
        c.setSubject(CLIENT_ID);
        c.setAudience(audience);
        c.setIssuedAtToNow();
        NumericDate exp = NumericDate.now();
        exp.addSeconds(lifetimeSeconds);
        c.setExpirationTime(exp);
        c.setJwtId(UUID.randomUUID().toString());
        return c;
    }

    static String sign(JwtClaims claims, RsaJsonWebKey with, String alg, String jku) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(with.getPrivateKey());
            jws.setKeyIdHeaderValue(with.getKeyId());
            jws.setAlgorithmHeaderValue(alg);
            jws.setHeader("typ", "JWT");
            if (jku != null) {
                jws.setHeader("jku", jku);
            }
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    static RsaJsonWebKey key() {
        return key;
    }

    static RsaJsonWebKey rogue() {
        return rogue;
    }
}
