package org.oncopredict.profile.service;

import org.oncopredict.profile.domain.PatientProfile;

/**
 * Whether the caller may make a change, decided inside the command's transaction on the locked current profile
 * and on the candidate (e.g. an oncologist may only change patients of their care teams, and may not move one out
 * of them). Throws to refuse; a refused command writes nothing.
 */
@FunctionalInterface
public interface Scope {

    /** No restriction (callers already authorised by role, e.g. the internal REST API's service accounts). */
    Scope ANY = (before, after) -> {
    };

    /**
     * @param before the current profile, or null for a create
     * @param after  the profile the command would store
     */
    void check(PatientProfile before, PatientProfile after);
}
