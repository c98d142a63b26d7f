package org.oncopredict.profile.rest;

import org.oncopredict.profile.service.ProfileException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The profile version as an HTTP entity tag: {@code "7"} (the weak form {@code W/"7"} is accepted too).
 * {@code If-Match: *} is refused on purpose: a clinical record is only changed against the version the
 * user actually saw.
 */
final class ETags {
    private static final Pattern TAG = Pattern.compile("^(?:W/)?\"([0-9]{1,18})\"$");

    private ETags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header names, or null when the header is absent. */
    static Long parseIfMatch(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Matcher m = TAG.matcher(header.trim());
        if (!m.matches()) {
            throw ProfileException.invalidArgument("If-Match",
                    "If-Match must be the profile's ETag as received, e.g. \"3\" (wildcards are not accepted)");
        }
        return Long.parseLong(m.group(1));
    }
}
