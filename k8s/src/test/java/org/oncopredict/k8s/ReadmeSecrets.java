package org.oncopredict.k8s;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Secrets k8s/README.md tells an operator to create: every {@code kubectl … create secret generic|tls NAME}
 * command (shell line continuations joined), by namespace ({@code -n}/{@code --namespace}), with the keys of its
 * {@code --from-literal=KEY=…} / {@code --from-file=KEY=…} options; a TLS Secret has tls.crt and tls.key.
 */
final class ReadmeSecrets {

    private static final Pattern COMMAND = Pattern.compile("kubectl\\b[^\\n]*?\\bcreate secret (generic|tls) ([\\w.-]+)[^\\n]*");
    private static final Pattern NAMESPACE = Pattern.compile("(?:\\s-n\\s+|\\s--namespace[=\\s]+)([\\w.-]+)");
    private static final Pattern KEY = Pattern.compile("--from-(?:literal|file)=([\\w.-]+)=");

    private ReadmeSecrets() {
    }

    static Path readme() {
        return Repo.k8s().resolve("README.md");
    }

    /** Secret name → keys, for the commands that create Secrets in the namespace. */
    static Map<String, Set<String>> documented(String namespace) {
        String text = Repo.read(readme()).replaceAll("\\\\\\n\\s*", " ");
        Map<String, Set<String>> secrets = new TreeMap<>();
        Matcher command = COMMAND.matcher(text);
        while (command.find()) {
            String line = command.group();
            Matcher ns = NAMESPACE.matcher(line);
            if (!ns.find() || !ns.group(1).equals(namespace)) {
                continue;
            }
            Set<String> keys = secrets.computeIfAbsent(command.group(2), k -> new TreeSet<>());
            if (command.group(1).equals("tls")) {
                keys.addAll(Set.of("tls.crt", "tls.key"));
            }
            Matcher key = KEY.matcher(line);
            while (key.find()) {
                keys.add(key.group(1));
            }
        }
        return secrets;
    }
}
