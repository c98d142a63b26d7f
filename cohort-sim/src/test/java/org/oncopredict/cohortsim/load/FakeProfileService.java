package org.oncopredict.cohortsim.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.oncopredict.proto.profile.v1.CreatePatientProfileRequest;
import org.oncopredict.proto.profile.v1.CreatePatientProfileResponse;
import org.oncopredict.proto.profile.v1.PatientProfile;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;

/**
 * A minimal PatientProfileService on loopback for loader tests: stores profiles by MRN, answers
 * ALREADY_EXISTS for a known MRN, INVALID_ARGUMENT for profiles the test chooses to reject, and
 * optionally requires a bearer token.
 */
public final class FakeProfileService extends PatientProfileServiceGrpc.PatientProfileServiceImplBase
        implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Map<String, PatientProfile> byMrn = new ConcurrentHashMap<>();
    private final Predicate<PatientProfile> reject;
    private final Server server;

    private FakeProfileService(Predicate<PatientProfile> reject, String requiredToken) throws IOException {
        this.reject = reject;
        ServerInterceptor auth = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                if (requiredToken != null && !("Bearer " + requiredToken).equals(headers.get(AUTHORIZATION))) {
                    call.close(Status.UNAUTHENTICATED.withDescription("missing or invalid bearer token"), new Metadata());
                    return new ServerCall.Listener<>() { };
                }
                return next.startCall(call, headers);
            }
        };
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(this, auth))
                .build()
                .start();
    }

    public static FakeProfileService start() throws IOException {
        return new FakeProfileService(p -> false, null);
    }

    public static FakeProfileService rejecting(Predicate<PatientProfile> reject) throws IOException {
        return new FakeProfileService(reject, null);
    }

    public static FakeProfileService requiringToken(String token) throws IOException {
        return new FakeProfileService(p -> false, token);
    }

    public String target() {
        return "127.0.0.1:" + server.getPort();
    }

    public Map<String, PatientProfile> stored() {
        return byMrn;
    }

    @Override
    public void createPatientProfile(CreatePatientProfileRequest request,
                                     StreamObserver<CreatePatientProfileResponse> response) {
        PatientProfile profile = request.getProfile();
        if (!profile.getPatientId().isEmpty() || reject.test(profile)) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("profile.cancer: rejected by test").asRuntimeException());
            return;
        }
        if (byMrn.putIfAbsent(profile.getIdentity().getMrn(), profile) != null) {
            response.onError(Status.ALREADY_EXISTS.withDescription("MRN already loaded").asRuntimeException());
            return;
        }
        response.onNext(CreatePatientProfileResponse.newBuilder().setProfile(profile.toBuilder()
                .setPatientId("P-" + byMrn.size()).setVersion(1)).build());
        response.onCompleted();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
