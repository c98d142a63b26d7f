package org.oncopredict.gateway.ui;

import java.net.URI;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.oncopredict.gateway.testsupport.PlatformTestResource;
import org.oncopredict.gateway.testsupport.TestPlatform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hybrid OIDC set-up: the API answers 401 to a browser without a token (never a redirect), while the web UI
 * starts the authorization-code flow with PKCE (S256) at the real Keycloak's login page.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class WebLoginRedirectTest {

    @Test
    void theUiRedirectsToKeycloakWithPkceAndTheApiDoesNot() {
        Response ui = given().redirects().follow(false).get("/ui");
        assertThat(ui.statusCode()).isEqualTo(302);
        URI login = URI.create(ui.header("Location"));
        assertThat(login.toString()).startsWith(TestPlatform.get().keycloak().issuer() + "/protocol/openid-connect/auth");
        assertThat(login.getQuery()).contains("client_id=oncopredict-web").contains("response_type=code")
                .contains("code_challenge_method=S256").contains("code_challenge=");
        // Keycloak answers with its login form for that request.
        Response form = given().urlEncodingEnabled(false).redirects().follow(false).get(login);
        assertThat(form.statusCode()).as(login + " -> " + form.body().asString()).isEqualTo(200);
        assertThat(form.body().asString()).contains("kc-form-login");

        Response api = given().redirects().follow(false).accept("text/html,application/xhtml+xml,*/*;q=0.8").get("/api/v1/patients");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
    }
}
