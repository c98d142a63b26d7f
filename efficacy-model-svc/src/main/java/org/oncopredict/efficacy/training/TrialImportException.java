package org.oncopredict.efficacy.training;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A trial table that cannot be imported, with every problem found (up to a cap) so that a user can fix
 * the file in one go. The message lists the problems; {@link #problems()} gives them structured, e.g. for
 * an RFC 9457 {@code errors[]} array.
 */
public class TrialImportException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<TrialImportProblem> problems;
    private final int totalProblems;

    /**
     * @param source        name of the table (file name or upload name)
     * @param problems      the problems kept, in the order found
     * @param totalProblems how many were found in all (≥ {@code problems.size()})
     */
    public TrialImportException(String source, List<TrialImportProblem> problems, int totalProblems) {
        super(message(source, problems, totalProblems));
        this.problems = List.copyOf(problems);
        this.totalProblems = totalProblems;
    }

    /** The problems kept, in the order found. */
    public List<TrialImportProblem> problems() {
        return problems;
    }

    /** How many problems were found, including those not kept. */
    public int totalProblems() {
        return totalProblems;
    }

    private static String message(String source, List<TrialImportProblem> problems, int total) {
        String listed = problems.stream().map(TrialImportProblem::describe).collect(Collectors.joining("; "));
        String more = total > problems.size() ? "; and " + (total - problems.size()) + " more" : "";
        return "cannot import trial table '" + source + "': " + listed + more;
    }
}
