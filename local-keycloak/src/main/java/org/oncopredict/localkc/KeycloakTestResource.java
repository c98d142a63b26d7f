package org.oncopredict.localkc;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real Keycloak for a Quarkus test run: started once per JVM (first use; about 20 s once the cache is built),
 * shared by every test class that declares this resource, and stopped — its working copy deleted — when the JVM
 * exits. Returns the OIDC/JWT settings that point the application at it; tests reach the server itself through
 * {@link #server()}.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    private static LocalKeycloak server;

    /** The running server (started on first use). */
    public static synchronized LocalKeycloak server() {
        if (server == null || !server.isAlive()) {
            LocalKeycloak started = LocalKeycloak.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "keycloak-stop"));
            server = started;
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        return server().quarkusConfig();
    }

    @Override
    public void stop() {
        // Shared by the whole run: stopped at JVM exit, not after each test class.
    }
}
