package org.oncopredict.profile.rest;

import org.oncopredict.profile.service.ProfileException;

import java.util.regex.Pattern;

/**
 * Who is acting, from the {@code X-Actor-Id} header the gateway sets (a pseudonymous user id, never a name).
 * Direct internal callers without it are recorded as "system".
 */
final class Actors {
    static final String HEADER = "X-Actor-Id";
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._@:-]{1,64}$");

    private Actors() {
    }

    static String of(String header) {
        if (header == null || header.isBlank()) {
            return "system";
        }
        if (!ID.matcher(header).matches()) {
            throw ProfileException.invalidArgument(HEADER, "X-Actor-Id must be 1-64 letters, digits or ._@:-");
        }
        return header;
    }
}
