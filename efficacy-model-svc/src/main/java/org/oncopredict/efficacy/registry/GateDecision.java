package org.oncopredict.efficacy.registry;

import java.util.List;

/** The outcome of the quality gate: every check, passed or not, in a fixed order. */
public record GateDecision(List<GateCheck> checks) {
    public GateDecision {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(GateCheck::passed);
    }

    public List<GateCheck> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
