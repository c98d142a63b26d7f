package org.oncopredict.gateway.ui;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.oncopredict.gateway.security.CurrentUser;

/**
 * The web UI's entry (OIDC authorization-code flow with PKCE through Keycloak's login page, tenant "web"). The
 * oncologist UI itself is built on this (issue 5); this page shows who is signed in.
 */
@Path("/ui")
public class UiResource {

    private final CurrentUser user;

    public UiResource(CurrentUser user) {
        this.user = user;
    }

    @GET
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    public String home() {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>OncoPredict</title></head><body>"
                + "<main><h1>OncoPredict</h1><p id=\"user\">Signed in as " + escape(user.username()) + " ("
                + escape(user.roleLabel()) + ")</p><p>Decision support, not a decision.</p></main></body></html>";
    }

    @GET
    @Path("signed-out")
    @Produces(MediaType.TEXT_HTML)
    public String signedOut() {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>OncoPredict</title></head><body>"
                + "<main><h1>Signed out</h1><p><a href=\"/ui\">Sign in again</a></p></main></body></html>";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
