package org.oncopredict.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the repository, resolved from the system property {@code oncopredict.root} (set by the module's pom). */
final class Repo {

    private Repo() {
    }

    static Path root() {
        String root = System.getProperty("oncopredict.root");
        Path path = (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
        if (!Files.isDirectory(path.resolve("k8s")) || !Files.isRegularFile(path.resolve("pom.xml"))) {
            throw new IllegalStateException("not the OncoPredict repository root: " + path);
        }
        return path;
    }

    static Path k8s() {
        return root().resolve("k8s");
    }

    static Path applicationProperties(String module) {
        return root().resolve(module).resolve("src/main/resources/application.properties");
    }

    static Path pom(String module) {
        return root().resolve(module).resolve("pom.xml");
    }

    static Path realm() {
        return root().resolve("deploy/keycloak/oncology-realm.json");
    }

    /** The project version (from the pom, through surefire), which the images Jib builds are tagged with. */
    static String version() {
        String version = System.getProperty("oncopredict.version");
        if (version == null || version.isBlank() || version.startsWith("${")) {
            throw new IllegalStateException("system property oncopredict.version is not set (run the tests through Maven)");
        }
        return version;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
