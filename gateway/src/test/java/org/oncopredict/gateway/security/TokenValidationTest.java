package org.oncopredict.gateway.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oncopredict.auth.BearerCredentials;
import org.oncopredict.gateway.testsupport.Fixtures;
import org.oncopredict.gateway.testsupport.PlatformTestResource;
import org.oncopredict.gateway.testsupport.TestPlatform;
import org.oncopredict.localkc.LocalKeycloak;
import org.oncopredict.proto.efficacy.v1.ActivateModelRequest;
import org.oncopredict.proto.efficacy.v1.EfficacyModelServiceGrpc;
import org.oncopredict.proto.profile.v1.GetPatientProfileRequest;
import org.oncopredict.proto.profile.v1.PatientProfileServiceGrpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the realm's tokens carry, and that the gateway and — behind it — the services accept nothing else: expired,
 * wrong-issuer, wrong-audience, unsigned and tampered tokens are 401 at the gateway and UNAUTHENTICATED at the
 * services; a valid token of the wrong role, or of an oncologist outside the patient's care team, is refused by the
 * services themselves (defence in depth), not only by the gateway.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class TokenValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ManagedChannel profiles;
    private static ManagedChannel efficacy;

    @BeforeAll
    static void channels() {
        TestPlatform platform = TestPlatform.get();
        profiles = ManagedChannelBuilder.forAddress("127.0.0.1", platform.profiles().grpcPort()).usePlaintext().build();
        efficacy = ManagedChannelBuilder.forAddress("127.0.0.1", platform.efficacy().grpcPort()).usePlaintext().build();
    }

    @AfterAll
    static void close() {
        profiles.shutdownNow();
        efficacy.shutdownNow();
    }

    @Test
    void theRealmIssuesRolesCareTeamsAndTheApiAudience() {
        JsonNode onc = payload(Fixtures.token(Fixtures.ONCOLOGIST));
        assertThat(onc.path("iss").asText()).isEqualTo(TestPlatform.get().keycloak().issuer());
        assertThat(audiences(onc)).contains("oncopredict-api");
        assertThat(strings(onc.path("realm_access").path("roles"))).containsExactly("oncologist");
        assertThat(strings(onc.path("care_team"))).containsExactlyInAnyOrder("thoracic-a", "thoracic-b");
        for (var user : Map.of(Fixtures.TUMOR_BOARD, "tumor-board", Fixtures.DATA_SCIENTIST, "data-scientist",
                Fixtures.ADMIN, "admin").entrySet()) {
            JsonNode p = payload(Fixtures.token(user.getKey()));
            assertThat(strings(p.path("realm_access").path("roles"))).as(user.getKey()).containsExactly(user.getValue());
            assertThat(p.path("care_team").isMissingNode()).as(user.getKey() + " has no care team").isTrue();
        }
    }

    @Test
    void tamperedAndUnsignedTokensAreRefusedByTheGatewayAndTheServices() {
        String valid = Fixtures.token(Fixtures.DATA_SCIENTIST);
        // Claims the admin role, keeps the original signature.
        ObjectNode claims = (ObjectNode) payload(valid);
        ((ArrayNode) claims.path("realm_access").path("roles")).add("admin");
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + encode(claims.toString()) + "." + parts[2];
        String unsigned = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(claims.toString()) + ".";

        for (String bad : List.of(tampered, unsigned, "not-a-jwt")) {
            given().auth().oauth2(bad).get("/api/v1/audit").then().statusCode(401)
                    .contentType("application/problem+json");
            assertUnauthenticated(bad);
        }
        given().auth().oauth2(valid).get("/api/v1/models").then().statusCode(200);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        LocalKeycloak keycloak = TestPlatform.get().keycloak();
        // Same realm and keys, but requested under another host name: Keycloak puts that name in "iss".
        String token = RestAssured.given().baseUri(keycloak.baseUrl()).header("Host", "issuer.example:" + keycloak.port())
                .formParam("grant_type", "password").formParam("client_id", TestPlatform.CLI_CLIENT)
                .formParam("username", Fixtures.ADMIN).formParam("password", TestPlatform.PASSWORD)
                .post("/realms/oncology/protocol/openid-connect/token").then().statusCode(200).extract()
                .path("access_token");
        assertThat(payload(token).path("iss").asText()).startsWith("http://issuer.example:");
        given().auth().oauth2(token).get("/api/v1/audit").then().statusCode(401);
        assertUnauthenticated(token);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        LocalKeycloak keycloak = TestPlatform.get().keycloak();
        String client = "test-no-audience-" + UUID.randomUUID().toString().substring(0, 8);
        keycloak.admin("POST", "/clients", "{\"clientId\":\"" + client + "\",\"publicClient\":true,"
                + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false}");
        String token = keycloak.passwordToken(client, Fixtures.ADMIN, TestPlatform.PASSWORD);
        assertThat(audiences(payload(token))).doesNotContain("oncopredict-api");
        given().auth().oauth2(token).get("/api/v1/audit").then().statusCode(401);
        assertUnauthenticated(token);
    }

    @Test
    void anExpiredTokenIsRefused() throws InterruptedException {
        LocalKeycloak keycloak = TestPlatform.get().keycloak();
        String client = "test-short-lived-" + UUID.randomUUID().toString().substring(0, 8);
        keycloak.admin("POST", "/clients", "{\"clientId\":\"" + client + "\",\"publicClient\":true,"
                + "\"directAccessGrantsEnabled\":true,\"standardFlowEnabled\":false,"
                + "\"attributes\":{\"access.token.lifespan\":\"2\"},\"protocolMappers\":[{\"name\":\"aud\","
                + "\"protocol\":\"openid-connect\",\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{"
                + "\"included.client.audience\":\"oncopredict-api\",\"access.token.claim\":\"true\"}}]}");
        String token = keycloak.passwordToken(client, Fixtures.ADMIN, TestPlatform.PASSWORD);
        JsonNode claims = payload(token);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isLessThanOrEqualTo(2);
        given().auth().oauth2(token).get("/api/v1/audit").then().statusCode(200);
        Thread.sleep(3500);
        given().auth().oauth2(token).get("/api/v1/audit").then().statusCode(401);
        assertUnauthenticated(token);
    }

    @Test
    void theServicesThemselvesCheckRolesAndCareTeams() {
        var asScientist = PatientProfileServiceGrpc.newBlockingStub(profiles)
                .withCallCredentials(BearerCredentials.of(Fixtures.token(Fixtures.DATA_SCIENTIST)));
        String gi = Fixtures.giPatient();
        // A data scientist may not read identified profiles, an oncologist not outside their care teams.
        assertStatus(() -> asScientist.getPatientProfile(GetPatientProfileRequest.newBuilder().setPatientId(gi).build()),
                Status.Code.PERMISSION_DENIED);
        assertThat(asScientist.getPatientProfile(GetPatientProfileRequest.newBuilder().setPatientId(gi)
                .setDeidentify(true).build()).getProfile().hasIdentity()).isFalse();
        var asOncologist = PatientProfileServiceGrpc.newBlockingStub(profiles)
                .withCallCredentials(BearerCredentials.of(Fixtures.token(Fixtures.ONCOLOGIST)));
        assertStatus(() -> asOncologist.getPatientProfile(GetPatientProfileRequest.newBuilder().setPatientId(gi).build()),
                Status.Code.PERMISSION_DENIED);
        // Only an admin activates models.
        var scientistOnEfficacy = EfficacyModelServiceGrpc.newBlockingStub(efficacy)
                .withCallCredentials(BearerCredentials.of(Fixtures.token(Fixtures.DATA_SCIENTIST)));
        assertStatus(() -> scientistOnEfficacy.activateModel(ActivateModelRequest.newBuilder()
                .setVersion(TestPlatform.get().modelVersion()).setValidateOnly(true).build()), Status.Code.PERMISSION_DENIED);
        // And without any token nothing is answered.
        assertStatus(() -> PatientProfileServiceGrpc.newBlockingStub(profiles)
                .getPatientProfile(GetPatientProfileRequest.newBuilder().setPatientId(gi).build()), Status.Code.UNAUTHENTICATED);
    }

    private static void assertUnauthenticated(String token) {
        assertStatus(() -> PatientProfileServiceGrpc.newBlockingStub(profiles)
                .withCallCredentials(BearerCredentials.of(token))
                .getPatientProfile(GetPatientProfileRequest.newBuilder().setPatientId(Fixtures.giPatient()).build()),
                Status.Code.UNAUTHENTICATED);
        assertStatus(() -> EfficacyModelServiceGrpc.newBlockingStub(efficacy).withCallCredentials(BearerCredentials.of(token))
                .activateModel(ActivateModelRequest.newBuilder().setVersion(TestPlatform.get().modelVersion())
                        .setValidateOnly(true).build()), Status.Code.UNAUTHENTICATED);
    }

    private static void assertStatus(Runnable call, Status.Code expected) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(expected));
    }

    static JsonNode payload(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> audiences(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isArray() ? strings(aud) : aud.isMissingNode() ? List.of() : List.of(aud.asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
