package org.oncopredict.k8s;

import java.util.ArrayList;
import java.util.List;

/** Collects everything a check finds wrong, so that one run reports all of it; {@link #verify} fails with the list. */
final class Problems {

    private final String check;
    private final Rendered rendered;
    private final List<String> found = new ArrayList<>();

    Problems(String check, Rendered rendered) {
        this.check = check;
        this.rendered = rendered;
    }

    /** Records a problem unless the condition holds; returns the condition. */
    boolean expect(boolean condition, String problem) {
        if (!condition) {
            found.add(problem);
        }
        return condition;
    }

    void add(String problem) {
        found.add(problem);
    }

    List<String> found() {
        return List.copyOf(found);
    }

    void verify() {
        if (!found.isEmpty()) {
            throw new AssertionError(check + " (" + (rendered == null ? "repository" : rendered) + "): "
                    + found.size() + " problem(s)\n  - " + String.join("\n  - ", found));
        }
    }
}
