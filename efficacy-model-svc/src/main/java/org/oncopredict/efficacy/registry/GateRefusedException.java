package org.oncopredict.efficacy.registry;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The quality gate refused to activate a model version. The message lists every failed check with its figure
 * and threshold, e.g. {@code quality gate refused model version 3: auroc 0.55 (required >= 0.6)}.
 */
public final class GateRefusedException extends RegistryException {

    private final long version;
    private final List<GateCheck> failures;

    public GateRefusedException(long version, List<GateCheck> failures) {
        super(Reason.FAILED_PRECONDITION, "quality gate refused model version " + version + ": "
                + failures.stream().map(GateCheck::message).collect(Collectors.joining("; ")));
        this.version = version;
        this.failures = List.copyOf(failures);
    }

    public long version() {
        return version;
    }

    /** The failed checks, in gate order (never empty). */
    public List<GateCheck> failures() {
        return failures;
    }
}
