package org.oncopredict.profile.service;

/**
 * How the REST and gRPC layers log an unexpected failure: by the class names of its cause chain only, because
 * messages of SQL and driver exceptions can quote row values (PHI).
 */
public final class ErrorChains {
    private ErrorChains() {
    }

    /** e.g. {@code org.hibernate.exception.GenericJDBCException <- org.postgresql.util.PSQLException}. */
    public static String classChain(Throwable t) {
        StringBuilder chain = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(c.getClass().getName());
        }
        return chain.toString();
    }
}
