package org.oncopredict.gateway.fhir;

import java.util.List;

/**
 * A FHIR request the gateway refuses: answered with an OperationOutcome (not problem+json) holding the issues.
 * {@code patient} is the pseudonym for the audit record of a denial.
 */
public class FhirException extends RuntimeException {

    private final int status;
    private final List<ImportIssue> issues;
    private final Integer retryAfterSeconds;
    private final String patient;

    public FhirException(int status, String message, List<ImportIssue> issues, Integer retryAfterSeconds, String patient,
                         Throwable cause) {
        super(message, cause);
        this.status = status;
        this.issues = issues == null ? List.of() : List.copyOf(issues);
        this.retryAfterSeconds = retryAfterSeconds;
        this.patient = patient;
    }

    public FhirException(int status, String message) {
        this(status, message, List.of(), null, null, null);
    }

    public int status() {
        return status;
    }

    public List<ImportIssue> issues() {
        return issues;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String patient() {
        return patient;
    }
}
