package org.oncopredict.auth;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Verifies the bearer token of every incoming gRPC call and makes its {@link Caller} available as
 * {@link #current()} for the rest of the call (including {@code @Blocking} handlers, through gRPC's Context).
 *
 * <p>Verification is smallrye-jwt's ({@code mp.jwt.verify.*}: the realm's JWKS, issuer, audience
 * {@code oncopredict-api}, expiry); roles come from {@code realm_access.roles}
 * ({@code smallrye.jwt.path.groups}). A call without a token, or with one that fails verification, is closed with
 * UNAUTHENTICATED before it reaches the service; the reason is logged by exception class only (never the token).
 * gRPC health checks need no token.
 *
 * <p>{@code oncopredict.auth.enabled=false} (the services' own tests only) skips verification: the caller then has
 * every role, named by the {@code x-actor-id} metadata if present.
 */
@ApplicationScoped
@GlobalInterceptor
public class Callers implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> ACTOR = Metadata.Key.of("x-actor-id", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<Caller> CALLER = Context.key("oncopredict-caller");
    public static final String ANONYMOUS = "anonymous";
    private static final Pattern VALID_ACTOR = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    private static final Logger LOG = Logger.getLogger(Callers.class);

    private final JWTParser parser;
    private final boolean enabled;

    public Callers(JWTParser parser, @ConfigProperty(name = "oncopredict.auth.enabled", defaultValue = "true") boolean enabled) {
        this.parser = parser;
        this.enabled = enabled;
        if (!enabled) {
            LOG.warn("oncopredict.auth.enabled=false: gRPC calls are NOT authenticated (tests only)");
        }
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        if (call.getMethodDescriptor().getServiceName() != null
                && call.getMethodDescriptor().getServiceName().startsWith("grpc.health.")) {
            return next.startCall(call, headers);
        }
        Caller caller;
        if (!enabled) {
            String actor = headers.get(ACTOR);
            caller = Caller.unauthenticated(actor != null && VALID_ACTOR.matcher(actor).matches() ? actor : ANONYMOUS);
        } else {
            String authorization = headers.get(AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    || authorization.length() <= 7) {
                return reject(call, "a bearer access token is required (metadata 'authorization: Bearer <token>')");
            }
            String token = authorization.substring(7).trim();
            try {
                JsonWebToken jwt = parser.parse(token);
                // Checked here too: no grace after expiry, whatever leeway the JWT library is configured with.
                if (jwt.getExpirationTime() <= System.currentTimeMillis() / 1000) {
                    LOG.debugf("rejected an expired token for %s", call.getMethodDescriptor().getFullMethodName());
                    return reject(call, "the bearer token has expired");
                }
                caller = caller(jwt, token);
            } catch (ParseException e) {
                LOG.debugf("rejected a token for %s: %s", call.getMethodDescriptor().getFullMethodName(),
                        e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName());
                return reject(call, "the bearer token is not valid (signature, issuer, audience or expiry)");
            }
        }
        return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> reject(ServerCall<Q, R> call, String message) {
        call.close(Status.UNAUTHENTICATED.withDescription(message), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    static Caller caller(JsonWebToken jwt, String token) {
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            subject = ANONYMOUS;
        }
        return Caller.verified(subject, jwt.getGroups() == null ? Set.of() : jwt.getGroups(),
                strings(jwt.getClaim("care_team")), token);
    }

    private static Set<String> strings(Object claim) {
        Set<String> out = new HashSet<>();
        if (claim instanceof JsonArray array) {
            for (JsonValue v : array) {
                if (v instanceof JsonString s) {
                    out.add(s.getString());
                }
            }
        } else if (claim instanceof JsonString s) {
            out.add(s.getString());
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> out.add(String.valueOf(v)));
        } else if (claim instanceof String s) {
            out.add(s);
        }
        return out;
    }

    /**
     * The caller of the current gRPC call. Outside a call (start-up jobs) or when the interceptor did not run,
     * an unauthenticated "system" caller with no roles, so a missed interception fails closed.
     */
    public static Caller current() {
        Caller caller = CALLER.get();
        return caller != null ? caller : new Caller("system", Set.of(), Set.of(), null, false);
    }
}
