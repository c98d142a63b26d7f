package org.oncopredict.efficacy.registry;

/** Argument checks whose messages name the field at fault. */
final class Checks {

    /** Longest accepted identifier-like text (actor ids, kinds, learners, stages). */
    static final int MAX_NAME = 200;

    private Checks() {
    }

    static String notBlank(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static String name(String field, String value) {
        notBlank(field, value);
        if (value.length() > MAX_NAME) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_NAME + " characters");
        }
        return value;
    }

    /** As {@link #notBlank}, but as a RegistryException(INVALID_ARGUMENT) for arguments of service methods. */
    static String notBlankArgument(String field, String value) {
        try {
            return notBlank(field, value);
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidArgument(e.getMessage());
        }
    }

    /** As {@link #name}, but as a RegistryException(INVALID_ARGUMENT) for arguments of service methods. */
    static String argument(String field, String value) {
        try {
            return name(field, value);
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalidArgument(e.getMessage());
        }
    }
}
