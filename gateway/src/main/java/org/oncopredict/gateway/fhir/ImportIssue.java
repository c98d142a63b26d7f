package org.oncopredict.gateway.fhir;

/**
 * What became of one bundle entry (or of the bundle as a whole when {@code entry} is -1): imported, ignored (with the
 * reason), or an error that makes the bundle invalid.
 */
public record ImportIssue(int entry, String resource, Kind kind, String message) {

    public enum Kind {
        /** Mapped into the profile. */
        IMPORTED,
        /** Mapped, with a caveat (a default, a conversion, a value that lost to another). */
        WARNING,
        /** Not mapped; the message says why. Nothing is wrong with the bundle. */
        IGNORED,
        /** The bundle cannot be imported; nothing is written. */
        ERROR
    }

    static ImportIssue imported(int entry, String resource, String message) {
        return new ImportIssue(entry, resource, Kind.IMPORTED, message);
    }

    static ImportIssue ignored(int entry, String resource, String message) {
        return new ImportIssue(entry, resource, Kind.IGNORED, message);
    }

    static ImportIssue warning(int entry, String resource, String message) {
        return new ImportIssue(entry, resource, Kind.WARNING, message);
    }

    static ImportIssue error(int entry, String resource, String message) {
        return new ImportIssue(entry, resource, Kind.ERROR, message);
    }
}
