package org.oncopredict.efficacy.grpc;

import java.util.regex.Pattern;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The caller of an RPC, from the {@code x-actor-id} metadata the gateway sets (a pseudonymous user id,
 * never a name). Recorded as created-by / actor in the registry. Verifying the caller's token is the
 * gateway issue's work; until then the header is trusted as internal-network metadata.
 */
@ApplicationScoped
@GlobalInterceptor
public class Callers implements ServerInterceptor {

    static final Metadata.Key<String> ACTOR = Metadata.Key.of("x-actor-id", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<String> CALLER = Context.key("oncopredict-caller");
    static final String ANONYMOUS = "anonymous";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String actor = headers.get(ACTOR);
        String caller = actor != null && VALID.matcher(actor).matches() ? actor : ANONYMOUS;
        return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
    }

    static String current() {
        String caller = CALLER.get();
        return caller == null ? ANONYMOUS : caller;
    }
}
