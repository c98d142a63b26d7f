package org.oncopredict.auth;

import java.util.Objects;
import java.util.concurrent.Executor;

import io.grpc.CallCredentials;
import io.grpc.Metadata;

/** gRPC {@link CallCredentials} that send {@code authorization: Bearer <token>} on every call they are attached to. */
public final class BearerCredentials extends CallCredentials {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String token;

    private BearerCredentials(String token) {
        this.token = token;
    }

    public static BearerCredentials of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        return new BearerCredentials(token);
    }

    @Override
    public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        applier.apply(headers);
    }
}
