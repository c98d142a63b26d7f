package org.oncopredict.k8s;

import java.nio.file.Path;

/** The kustomize overlays and what each promises. */
enum Overlay {

    /** In-cluster PostgreSQL and Keycloak; the realm comes from deploy/keycloak (outside the kustomization root). */
    DEV("dev", "oncopredict-dev", "0.1.0-SNAPSHOT", true),
    /** External PostgreSQL and Keycloak, TLS, 2+ replicas. Renders with kustomize's default load restrictor. */
    PROD("prod", "oncopredict", "0.1.0", false);

    final String directory;
    final String namespace;
    final String imageTag;
    /** Needs {@code --load-restrictor LoadRestrictionsNone} (documented in the overlay and the README). */
    final boolean readsFilesOutsideRoot;

    Overlay(String directory, String namespace, String imageTag, boolean readsFilesOutsideRoot) {
        this.directory = directory;
        this.namespace = namespace;
        this.imageTag = imageTag;
        this.readsFilesOutsideRoot = readsFilesOutsideRoot;
    }

    Path path() {
        return Repo.k8s().resolve("overlays").resolve(directory);
    }

    boolean hasInClusterDependencies() {
        return this == DEV;
    }
}
