package org.oncopredict.localkc;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command line for {@code ./platform}: {@code serve <work-dir> <port> [realm.json]} runs Keycloak in the foreground
 * until the process is stopped (SIGTERM stops Keycloak too and deletes the working copy).
 */
public final class LocalKeycloakMain {

    private LocalKeycloakMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3 || !args[0].equals("serve")) {
            System.err.println("usage: LocalKeycloakMain serve <work-dir> <port> [realm.json]");
            System.exit(2);
        }
        Path realm = args.length > 3 ? Path.of(args[3]) : LocalKeycloak.defaultRealm();
        LocalKeycloak keycloak = LocalKeycloak.start(realm, Integer.parseInt(args[2]), Path.of(args[1]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            keycloak.close();
            stopped.countDown();
        }, "keycloak-stop"));
        System.out.println("Keycloak ready: " + keycloak.issuer());
        while (keycloak.isAlive()) {
            Thread.sleep(1000);
        }
        System.err.println("Keycloak exited; log " + keycloak.logFile());
        System.exit(1);
    }
}
